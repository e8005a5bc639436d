package io.hastorage.e2e.reliability;

import static io.hastorage.e2e.reliability.ResourceView.MOUNT;
import static io.hastorage.e2e.reliability.ResourceView.TARGET;
import static io.hastorage.e2e.reliability.ResourceView.VOLUME;

import io.hastorage.e2e.bench.ReconcileDriver;
import io.hastorage.e2e.sim.DiskSignature;
import io.hastorage.e2e.sim.SimulatedFleet;
import io.hastorage.operator.api.common.Annotations;
import io.hastorage.operator.api.common.DeletionPolicy;
import io.hastorage.operator.api.drbd.DrbdVolume;
import io.hastorage.operator.reconciler.StorageClusterReconciler;
import io.javaoperatorsdk.operator.api.reconciler.Cleaner;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

/** Scenario 10: deletion keeps data unless destruction is confirmed, and never hangs silently. */
class DeletionIT {

  private static final String IQN = "iqn.2016-02.local.virtual:virtual.vg1";

  /** Cleanups until the finalizer is released, as JOSDK retries them; -1 after {@code max}. */
  private static int cleanupUntilReleased(ReconcileDriver driver, int index, int max)
      throws Exception {
    for (int attempt = 1; attempt <= max; attempt++) {
      if (driver.cleanup(index)) {
        return attempt;
      }
    }
    return -1;
  }

  /** Deletes the Ocfs2Mount, the ScstTarget and the DrbdVolume, each until its finalizer goes. */
  private static void deleteInDependencyOrder(ReconcileDriver driver, ScenarioLog log)
      throws Exception {
    List<String> released = new ArrayList<>();
    for (int index : new int[] {MOUNT, TARGET, VOLUME}) {
      released.add(driver.kinds().get(index) + " " + cleanupUntilReleased(driver, index, 12));
    }
    log.holds(
        "finalizers released (cleanups each)",
        released.stream().noneMatch(r -> r.endsWith(" -1")),
        released);
  }

  /** What is left of the data: DRBD metadata per target disk, the LVs, the OCFS2 on the LUN. */
  private static Map<String, String> data(SimulatedFleet fleet) {
    Map<String, String> data = new TreeMap<>();
    for (String target : SimulatedFleet.TARGETS) {
      data.put(
          target + " /dev/sdb",
          fleet.node(target).disks().signatures("/dev/sdb").stream()
              .map(DiskSignature::type)
              .toList()
              .toString());
    }
    data.put("LVs on vg1", fleet.replication().logicalVolumes("vg1").keySet().toString());
    data.put("LUN 0", fleet.san().ocfs2(IQN, 0).map(v -> "OCFS2 " + v.label()).orElse("no OCFS2"));
    return data;
  }

  @Test
  @Scenario(
      id = "10a",
      title =
          "Each resource deleted with the default policy (Retain): Ocfs2Mount, ScstTarget,"
              + " DrbdVolume, then the StorageCluster",
      where = "sandbox",
      expected =
          "Every finalizer is released; the OCFS2 file system, the LV, the PV/VG and the DRBD"
              + " metadata on both disks are all still there, the DRBD resource file kept as"
              + " .retained; no destructive command ran; deleting the StorageCluster runs nothing")
  void deletingWithTheDefaultPolicyKeepsTheData(ScenarioLog log) throws Exception {
    try (ReconcileDriver driver = Seed.converged()) {
      SimulatedFleet fleet = driver.env().fleet();
      Map<String, String> before = data(fleet);
      NodeChanges changes = NodeChanges.since(fleet);
      deleteInDependencyOrder(driver, log);
      log.check("data before and after", before, data(fleet));
      log.holds(
          "/etc/drbd.d/vg1.res kept as vg1.res.retained on both targets",
          SimulatedFleet.TARGETS.stream()
              .allMatch(
                  t ->
                      fleet.node(t).fileExists("/etc/drbd.d/vg1.res.retained")
                          && !fleet.node(t).fileExists("/etc/drbd.d/vg1.res")),
          SimulatedFleet.TARGETS);
      log.check("destructive commands", List.of(), changes.matching(Seed.DESTRUCTIVE));
      log.holds(
          "StorageCluster has no cleanup (so no finalizer): deleting it touches no node",
          !Cleaner.class.isAssignableFrom(StorageClusterReconciler.class),
          "StorageClusterReconciler implements Cleaner: "
              + Cleaner.class.isAssignableFrom(StorageClusterReconciler.class));
      log.holds(
          "the Deleted Events say what was kept",
          view(driver).events(VOLUME, "Deleted").stream().anyMatch(e -> e.contains("kept")),
          view(driver).events(VOLUME, "Deleted"));
    }
  }

  @Test
  @Scenario(
      id = "10b",
      title = "DrbdVolume with deletionPolicy Destroy but a wrong confirmation string, deleted",
      where = "sandbox",
      expected =
          "Before deletion SpecValid=False InvalidSpec names spec.deletionPolicy.confirmation;"
              + " the deletion is done as Retain: no wipe-md, metadata and LVs kept, and the"
              + " Deleted Event says Destroy was not confirmed")
  void destroyWithAWrongConfirmationIsRefused(ScenarioLog log) throws Exception {
    try (ReconcileDriver driver = Seed.converged()) {
      SimulatedFleet fleet = driver.env().fleet();
      ResourceView view = view(driver);
      driver
          .env()
          .client()
          .resource(driver.current(VOLUME))
          .edit(
              r -> {
                DeletionPolicy policy = new DeletionPolicy();
                policy.mode = DeletionPolicy.Mode.Destroy;
                policy.confirmation = "yes";
                ((DrbdVolume) r).getSpec().deletionPolicy = policy;
                return r;
              });
      driver.reload();
      driver.round();
      log.holds(
          "SpecValid refuses the confirmation",
          view.brief(VOLUME, "SpecValid").equals("SpecValid=False InvalidSpec")
              && view.message(VOLUME, "SpecValid").contains("spec.deletionPolicy.confirmation"),
          view.brief(VOLUME, "SpecValid") + ": " + view.message(VOLUME, "SpecValid"));
      Map<String, String> before = data(fleet);
      NodeChanges changes = NodeChanges.since(fleet);

      deleteInDependencyOrder(driver, log);
      log.check("destructive commands", List.of(), changes.matching(Seed.DESTRUCTIVE));
      log.check("data before and after", before, data(fleet));
      log.holds(
          "the Deleted Event says Destroy was not confirmed",
          view.events(VOLUME, "Deleted").stream().anyMatch(e -> e.contains("not confirmed")),
          view.events(VOLUME, "Deleted"));
    }
  }

  @Test
  @Scenario(
      id = "10c",
      title = "A target is unreachable while its DrbdVolume is deleted",
      where = "sandbox",
      expected =
          "The finalizer stays while the node cannot be observed, and the blocker is shown:"
              + " DeletionBlocked=True naming the node and the force path, Ready=False Deleting,"
              + " a Warning Event, no status rewrite while nothing changes; with"
              + " hastorage.io/force-delete the finalizer goes with no command on any node")
  void anUnreachableNodeBlocksVisiblyAndTheForcePathReleases(ScenarioLog log) throws Exception {
    try (ReconcileDriver driver = Seed.converged()) {
      SimulatedFleet fleet = driver.env().fleet();
      ResourceView view = view(driver);
      log.holds(
          "Ocfs2Mount and ScstTarget deleted first",
          cleanupUntilReleased(driver, MOUNT, 12) > 0
              && cleanupUntilReleased(driver, TARGET, 12) > 0,
          "released");
      fleet.crash("centos02");

      int cleanups = 6;
      boolean releasedWhileDown = false;
      for (int i = 0; i < cleanups; i++) {
        releasedWhileDown |= driver.cleanup(VOLUME);
      }
      log.check(
          "finalizer released while centos02 is down (" + cleanups + " cleanups)",
          false,
          releasedWhileDown);
      String blocked = view.message(VOLUME, "DeletionBlocked");
      log.holds(
          "DeletionBlocked names the node and the force path",
          view.condition(VOLUME, "DeletionBlocked")
                  .map(c -> c.getStatus().equals("True"))
                  .orElse(false)
              && blocked.contains("centos02")
              && blocked.contains(Annotations.FORCE_DELETE + "=true"),
          view.brief(VOLUME, "DeletionBlocked") + ": " + blocked);
      log.check("Ready", "Ready=False Deleting", view.brief(VOLUME, "Ready"));
      String version = driver.current(VOLUME).getMetadata().getResourceVersion();
      driver.cleanup(VOLUME);
      log.check(
          "resourceVersion after one more blocked cleanup (no status rewrite)",
          version,
          driver.current(VOLUME).getMetadata().getResourceVersion());
      List<String> warnings =
          view.events(VOLUME).stream()
              .filter(e -> "Warning".equals(e.getType()))
              .filter(e -> e.getMessage().startsWith("deletion:"))
              .map(e -> e.getReason())
              .toList();
      log.holds("Warning Events for the blocker (reasons)", !warnings.isEmpty(), warnings);

      NodeChanges forced = NodeChanges.since(fleet);
      Map<String, String> before = data(fleet);
      driver.annotate(VOLUME, Annotations.FORCE_DELETE, "true");
      log.check(
          "finalizer released at the next cleanup with force-delete", true, driver.cleanup(VOLUME));
      log.check("execs on any node during the forced cleanup", 0, forced.execs());
      log.check("ForceDeleted Warning Events", 1, view.events(VOLUME, "ForceDeleted").size());
      log.check("data before and after", before, data(fleet));
    }
  }

  private static ResourceView view(ReconcileDriver driver) {
    return new ResourceView(driver);
  }
}
