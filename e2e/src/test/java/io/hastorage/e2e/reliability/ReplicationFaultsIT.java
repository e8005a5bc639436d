package io.hastorage.e2e.reliability;

import io.fabric8.kubernetes.api.model.Condition;
import io.fabric8.kubernetes.api.model.Event;
import io.fabric8.kubernetes.client.CustomResource;
import io.hastorage.e2e.bench.ReconcileDriver;
import io.hastorage.e2e.sandbox.SandboxEnvironment;
import io.hastorage.e2e.sim.SimulatedFleet;
import io.hastorage.e2e.sim.cluster.CrmFencePeer;
import io.hastorage.operator.api.cluster.StorageCluster;
import io.hastorage.operator.api.common.ResourceStatus;
import io.hastorage.operator.api.drbd.DrbdVolume;
import io.hastorage.operator.api.ocfs2.Ocfs2Mount;
import io.hastorage.operator.api.scst.ScstTarget;
import io.hastorage.operator.plan.drbd.pacemaker.DrbdPacemakerElements;
import io.micrometer.core.instrument.Gauge;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * Faults of the DRBD replication under the seed's DrbdVolume vg1 (centos01 Primary): the
 * replication link cut while both targets and their cluster keep running, and a split brain. Both
 * must be reported and left to DRBD, its handlers and the administrator: the operator changes no
 * node while they last.
 */
class ReplicationFaultsIT {

  private static final Path REPO = Path.of(System.getProperty("hastorage.repoRoot", ".."));
  private static final String RESOURCE = "vg1";
  private static final String FENCE_ID =
      CrmFencePeer.constraintId(RESOURCE, DrbdPacemakerElements.cloneId(RESOURCE));
  private static final int ROUNDS_WHILE_FAULTED = 4;

  /**
   * A command line that changes DRBD's connection or roles, or resolves a split brain: what the
   * operator must never send during these faults (the exec log's mutating flag covers the rest).
   */
  private static final Pattern RESOLVING =
      Pattern.compile(
          "\\b(drbdadm|drbdsetup(-84)?)\\b.*(\\s|^)(connect|disconnect|primary|secondary"
              + "|invalidate|invalidate-remote|outdate|down|wipe-md|--discard-my-data)(\\s|$)");

  /** A cibadmin that writes (create, replace, delete, modify, patch). */
  private static final Pattern WRITES_CIB =
      Pattern.compile(
          "\\bcibadmin\\b.*\\s(-C|-R|-D|-M|-P|--create|--replace|--delete|--modify|--patch)(\\s|$)");

  private static final Pattern LAST_WRITE =
      Pattern.compile("update-origin=\"([^\"]*)\" update-client=\"([^\"]*)\"");

  @Test
  @Scenario(
      id = "8a",
      title =
          "The DrbdVolume's replication link is cut while both targets and their cluster stay up"
              + " (crm-fence-peer.sh on the Primary places its constraint), then comes back",
      where = "sandbox",
      expected =
          "Reported as not connected (ReplicationHealthy=False Disconnected and Degraded=True"
              + " Disconnected while the Primary keeps serving, each side's connection and disk"
              + " states in status, a Warning Event); the fence constraint"
              + " stays byte for byte and no node is changed while cut; when the link returns DRBD"
              + " resyncs, crm-unfence-peer.sh (not the operator) removes the constraint and all"
              + " four resources are redundant again, still with no change by the operator")
  void replicationLinkLossIsReportedAndLeftToDrbdAndItsHandlers(ScenarioLog log) throws Exception {
    try (ReconcileDriver driver = ReconcileDriver.start(REPO)) {
      SimulatedFleet fleet = driver.env().fleet();
      int converged = driver.convergeAll(40);
      log.holds(
          "the seed converged: all four resources Ready", converged > 0, converged + " rounds");
      List<String> bootstrap = Commands.NONE.matching(fleet, RESOLVING, WRITES_CIB);
      log.holds(
          "the command filter below is not blind: over the convergence it finds the one"
              + " drbdadm primary --force and the operator's CIB writes",
          bootstrap.stream().filter(l -> l.contains("drbdadm primary --force vg1")).count() == 1
              && bootstrap.stream().anyMatch(l -> WRITES_CIB.matcher(l).find()),
          bootstrap.size() + " lines, e.g. " + bootstrap.get(0));
      Commands since = Commands.mark(fleet);
      Set<String> eventsBefore = eventNames(driver);

      fleet.replication().linkDown(RESOURCE);
      Optional<String> placed = fleet.cluster().configurationElement(FENCE_ID);
      log.holds(
          "crm-fence-peer.sh on centos01 placed its constraint " + FENCE_ID,
          placed.map(x -> x.contains("value=\"centos01\"")).orElse(false),
          placed.map(x -> x.replaceAll("\\s*\n\\s*", " ").strip()).orElse("(none)"));
      int epoch = fleet.cluster().cibEpoch();
      for (int round = 0; round < ROUNDS_WHILE_FAULTED; round++) {
        driver.round();
      }

      DrbdVolume volume = volume(driver);
      log.check(
          "ReplicationHealthy after " + ROUNDS_WHILE_FAULTED + " reconciles",
          "False Disconnected",
          statusAndReason(volume, "ReplicationHealthy"));
      log.holds(
          "its message gives each side's connection and disks",
          message(volume, "ReplicationHealthy")
              .matches("centos01: .* WFConnection UpToDate/Outdated; centos02: .* WFConnection .*"),
          message(volume, "ReplicationHealthy"));
      log.check(
          "DrbdVolume Ready (the Primary still serves)",
          "True Ready",
          statusAndReason(volume, "Ready"));
      log.check("DrbdVolume Degraded", "True Disconnected", statusAndReason(volume, "Degraded"));
      log.check(
          "status.nodes (node role connectionState disk/peerDisk)",
          List.of(
              "centos01 Primary WFConnection UpToDate/Outdated",
              "centos02 Secondary WFConnection UpToDate/DUnknown"),
          nodeStates(volume));
      log.check(
          "Events for vg1 since the cut (type reason condition), once, not per reconcile",
          List.of("Warning Disconnected Degraded", "Warning Disconnected ReplicationHealthy"),
          newEvents(driver, eventsBefore));
      log.check(
          "drbd_connection_state{node=centos01,drbd_connection_state=WFConnection}",
          1.0,
          connectionStateGauge(driver, "centos01", "WFConnection"));
      log.check(
          "the fence constraint after the reconciles, byte for byte",
          placed.orElse("(none)"),
          fleet.cluster().configurationElement(FENCE_ID).orElse("(gone)"));
      log.check(
          "CIB epoch across the reconciles (no CIB write)", epoch, fleet.cluster().cibEpoch());
      log.check("mutating commands on any node while cut", Map.of(), since.mutating(fleet));
      log.check(
          "command lines that reconnect, promote/demote, resolve or write the CIB",
          List.of(),
          since.matching(fleet, RESOLVING, WRITES_CIB));
      log.check(
          "the others keep serving: the target running on the Primary, the file system mounted",
          "StorageCluster Ready=True; ScstTarget Ready=True, TargetRunning=True;"
              + " Ocfs2Mount Ready=True, Mounted=True",
          others(driver));

      fleet.replication().setReadsToSync(8);
      fleet.replication().linkUp(RESOURCE);
      driver.round();
      volume = volume(driver);
      log.check(
          "after the link returns: ReplicationHealthy reason and connection states",
          "Syncing: centos01 SyncSource, centos02 SyncTarget",
          reason(volume, "ReplicationHealthy") + ": " + connections(volume));
      log.holds(
          "the constraint stays while the resync runs",
          fleet.cluster().configurationElement(FENCE_ID).isPresent(),
          fleet.cluster().configurationElement(FENCE_ID).isPresent() ? "present" : "gone");
      int back = driver.convergeAll(20);
      volume = volume(driver);
      log.holds("all four resources Ready and no longer Degraded", back > 0, back + " rounds");
      log.check(
          "ReplicationHealthy once resynced",
          "True UpToDate",
          statusAndReason(volume, "ReplicationHealthy"));
      log.check(
          "the fence constraint after the resync",
          "(removed)",
          fleet.cluster().configurationElement(FENCE_ID).orElse("(removed)"));
      log.check(
          "the CIB's last writer (crm-unfence-peer.sh on the SyncTarget)",
          "centos02 cibadmin",
          lastCibWrite(fleet));
      log.check(
          "mutating commands on any node from the cut to Ready again",
          Map.of(),
          since.mutating(fleet));
      log.check(
          "command lines naming the fence constraint",
          List.of(),
          since.containing(fleet, FENCE_ID));
    }
  }

  @Test
  @Scenario(
      id = "8b",
      title =
          "Split brain of the DrbdVolume: both sides StandAlone with data of their own, DRBD's"
              + " split-brain handler fired on both",
      where = "sandbox",
      expected =
          "Reported (ReplicationHealthy=False SplitBrain naming both nodes and the manual"
              + " procedure, Degraded=True SplitBrain, status.splitBrain, a Warning Event,"
              + " hastorage_drbd_split_brain 1) and"
              + " never resolved automatically: no command changes either target (no connect,"
              + " --discard-my-data, invalidate, primary, secondary, disconnect, wipe-md) over"
              + " every reconcile; it stays reported until an administrator resolves it, then all"
              + " four are redundant again without the operator changing anything")
  void splitBrainIsReportedAndNeverResolvedAutomatically(ScenarioLog log) throws Exception {
    try (ReconcileDriver driver = ReconcileDriver.start(REPO)) {
      SimulatedFleet fleet = driver.env().fleet();
      int converged = driver.convergeAll(40);
      log.holds(
          "the seed converged: all four resources Ready", converged > 0, converged + " rounds");
      Commands since = Commands.mark(fleet);
      Set<String> eventsBefore = eventNames(driver);

      fleet.replication().splitBrain(RESOURCE);
      driver.round();
      String afterFirst = statusAndReason(volume(driver), "ReplicationHealthy");
      for (int round = 1; round < ROUNDS_WHILE_FAULTED; round++) {
        driver.round();
      }

      DrbdVolume volume = volume(driver);
      log.check(
          "ReplicationHealthy after the first reconcile and after " + ROUNDS_WHILE_FAULTED,
          "False SplitBrain / False SplitBrain",
          afterFirst + " / " + statusAndReason(volume, "ReplicationHealthy"));
      String message = message(volume, "ReplicationHealthy");
      log.holds(
          "its message names both nodes, says it is never resolved automatically, and points to"
              + " the procedure",
          message.contains("centos01")
              && message.contains("centos02")
              && message.contains("Never resolved automatically")
              && message.contains("docs/drbd-split-brain.md"),
          message);
      log.check("DrbdVolume Degraded", "True SplitBrain", statusAndReason(volume, "Degraded"));
      log.check(
          "status.splitBrain, and splitBrainDetectedAt set on both nodes",
          "true, 2 of 2",
          volume.getStatus().splitBrain
              + ", "
              + volume.getStatus().nodes.stream()
                  .filter(n -> n.splitBrainDetectedAt != null)
                  .count()
              + " of "
              + volume.getStatus().nodes.size());
      log.check(
          "status.nodes (node role connectionState disk/peerDisk)",
          List.of(
              "centos01 Primary StandAlone UpToDate/DUnknown",
              "centos02 Secondary StandAlone UpToDate/DUnknown"),
          nodeStates(volume));
      log.check(
          "Events for vg1 since the split brain (type reason condition), once, not per reconcile",
          List.of("Warning SplitBrain Degraded", "Warning SplitBrain ReplicationHealthy"),
          newEvents(driver, eventsBefore));
      log.check("hastorage_drbd_split_brain{name=vg1}", 1.0, splitBrainGauge(driver).orElse(-1.0));
      log.check("mutating commands on any node while split", Map.of(), since.mutating(fleet));
      log.check(
          "command lines that reconnect, promote/demote, resolve or write the CIB",
          List.of(),
          since.matching(fleet, RESOLVING, WRITES_CIB));
      log.check(
          "the others keep serving from the Primary, the target running on centos01 and the file"
              + " system mounted",
          "StorageCluster Ready=True; ScstTarget Ready=True, TargetRunning=True;"
              + " Ocfs2Mount Ready=True, Mounted=True",
          others(driver));

      fleet.replication().clearSplitBrain(RESOURCE); // the administrator's manual recovery
      int back = driver.convergeAll(20);
      volume = volume(driver);
      log.holds(
          "after the administrator resolved it: all four resources Ready again",
          back > 0,
          back + " rounds");
      log.check(
          "ReplicationHealthy, status.splitBrain, hastorage_drbd_split_brain",
          "True UpToDate, null, 0.0",
          statusAndReason(volume, "ReplicationHealthy")
              + ", "
              + volume.getStatus().splitBrain
              + ", "
              + splitBrainGauge(driver).orElse(-1.0));
      log.check(
          "mutating commands on any node from the split brain to Ready again",
          Map.of(),
          since.mutating(fleet));
    }
  }

  /** What the nodes had received at a point in time, to tell what came after. */
  private record Commands(Map<String, Integer> lines, Map<String, Integer> mutating) {

    /** Before the first command. */
    static final Commands NONE = new Commands(Map.of(), Map.of());

    static Commands mark(SimulatedFleet fleet) {
      Map<String, Integer> lines = new TreeMap<>();
      Map<String, Integer> mutating = new TreeMap<>();
      for (String node : fleet.names()) {
        lines.put(node, fleet.node(node).execLog().execCount());
        mutating.put(node, fleet.node(node).mutatingCommandCount());
      }
      return new Commands(lines, mutating);
    }

    /** Mutating execs since the mark, per node that had any. */
    Map<String, Integer> mutating(SimulatedFleet fleet) {
      Map<String, Integer> added = new TreeMap<>();
      mutating.forEach(
          (node, before) -> {
            int now = fleet.node(node).mutatingCommandCount() - before;
            if (now != 0) {
              added.put(node, now);
            }
          });
      return added;
    }

    /** Command lines since the mark that match any of {@code patterns}, as "node: line". */
    List<String> matching(SimulatedFleet fleet, Pattern... patterns) {
      return since(fleet).stream()
          .filter(l -> List.of(patterns).stream().anyMatch(p -> p.matcher(l).find()))
          .toList();
    }

    List<String> containing(SimulatedFleet fleet, String text) {
      return since(fleet).stream().filter(l -> l.contains(text)).toList();
    }

    private List<String> since(SimulatedFleet fleet) {
      List<String> out = new ArrayList<>();
      for (String node : fleet.names()) {
        List<String> all = fleet.node(node).execLog().commandLines();
        all.subList(lines.getOrDefault(node, 0), all.size()).forEach(l -> out.add(node + ": " + l));
      }
      return out;
    }
  }

  private static DrbdVolume volume(ReconcileDriver driver) {
    return get(driver, DrbdVolume.class, "vg1");
  }

  private static <T extends CustomResource<?, ? extends ResourceStatus>> T get(
      ReconcileDriver driver, Class<T> kind, String name) {
    return driver
        .env()
        .client()
        .resources(kind)
        .inNamespace(SandboxEnvironment.NAMESPACE)
        .withName(name)
        .get();
  }

  private static Optional<Condition> condition(
      CustomResource<?, ? extends ResourceStatus> resource, String type) {
    return resource.getStatus() == null ? Optional.empty() : resource.getStatus().condition(type);
  }

  private static String statusAndReason(DrbdVolume volume, String type) {
    return condition(volume, type).map(c -> c.getStatus() + " " + c.getReason()).orElse("(none)");
  }

  private static String reason(DrbdVolume volume, String type) {
    return condition(volume, type).map(Condition::getReason).orElse("(none)");
  }

  private static String message(DrbdVolume volume, String type) {
    return condition(volume, type).map(Condition::getMessage).orElse("");
  }

  private static List<String> nodeStates(DrbdVolume volume) {
    return volume.getStatus().nodes.stream()
        .map(
            n ->
                n.node
                    + " "
                    + n.role
                    + " "
                    + n.connectionState
                    + " "
                    + n.diskState
                    + "/"
                    + n.peerDiskState)
        .sorted()
        .toList();
  }

  private static String connections(DrbdVolume volume) {
    return volume.getStatus().nodes.stream()
        .map(n -> n.node + " " + n.connectionState)
        .sorted()
        .collect(Collectors.joining(", "));
  }

  private static String others(ReconcileDriver driver) {
    return "StorageCluster "
        + conditions(get(driver, StorageCluster.class, "vg1-cluster"), "Ready")
        + "; ScstTarget "
        + conditions(get(driver, ScstTarget.class, "vg1-target"), "Ready", "TargetRunning")
        + "; Ocfs2Mount "
        + conditions(get(driver, Ocfs2Mount.class, "shared"), "Ready", "Mounted");
  }

  /** "Type=True" or "Type=False Reason", per type. */
  private static String conditions(
      CustomResource<?, ? extends ResourceStatus> resource, String... types) {
    return List.of(types).stream()
        .map(
            type ->
                type
                    + "="
                    + condition(resource, type)
                        .map(
                            c ->
                                "True".equals(c.getStatus())
                                    ? "True"
                                    : c.getStatus() + " " + c.getReason())
                        .orElse("(none)"))
        .collect(Collectors.joining(", "));
  }

  private static Set<String> eventNames(ReconcileDriver driver) {
    return vg1Events(driver).stream()
        .map(e -> e.getMetadata().getName())
        .collect(Collectors.toSet());
  }

  /** Events for the DrbdVolume not in {@code before}, as "type reason condition", sorted. */
  private static List<String> newEvents(ReconcileDriver driver, Set<String> before) {
    return vg1Events(driver).stream()
        .filter(e -> !before.contains(e.getMetadata().getName()))
        .map(
            e ->
                e.getType()
                    + " "
                    + e.getReason()
                    + " "
                    + e.getMessage().substring(0, Math.max(0, e.getMessage().indexOf(':'))))
        .sorted()
        .toList();
  }

  private static List<Event> vg1Events(ReconcileDriver driver) {
    return new ResourceView(driver).events(ResourceView.VOLUME);
  }

  private static double connectionStateGauge(ReconcileDriver driver, String node, String state) {
    return Optional.ofNullable(
            driver
                .env()
                .registry()
                .find("drbd_connection_state")
                .tags("name", RESOURCE, "node", node, "drbd_connection_state", state)
                .gauge())
        .map(Gauge::value)
        .orElse(-1.0);
  }

  private static Optional<Double> splitBrainGauge(ReconcileDriver driver) {
    return Optional.ofNullable(
            driver
                .env()
                .registry()
                .find("hastorage_drbd_split_brain")
                .tag("name", RESOURCE)
                .gauge())
        .map(Gauge::value);
  }

  /** "origin client" of the CIB's last configuration change. */
  private static String lastCibWrite(SimulatedFleet fleet) {
    Matcher m = LAST_WRITE.matcher(fleet.cluster().cibXml());
    return m.find() ? m.group(1) + " " + m.group(2) : "(unknown)";
  }
}
