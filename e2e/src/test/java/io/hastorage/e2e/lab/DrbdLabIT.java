package io.hastorage.e2e.lab;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.fabric8.kubernetes.api.model.Condition;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.hastorage.operator.OperatorRunner;
import io.hastorage.operator.api.Manifests;
import io.hastorage.operator.api.cluster.StorageCluster;
import io.hastorage.operator.api.drbd.DrbdVolume;
import io.hastorage.operator.node.ExecResult;
import io.hastorage.operator.plan.drbd.LvmReport;
import io.hastorage.operator.reconciler.DrbdVolumeReconciler;
import io.hastorage.operator.reconciler.StorageClusterReconciler;
import io.hastorage.operator.testing.RealPrerequisites;
import io.javaoperatorsdk.operator.api.reconciler.DeleteControl;
import io.javaoperatorsdk.operator.api.reconciler.UpdateControl;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * The DrbdVolume reconciler against the node lab: real sshd nodes, the real Corosync/Pacemaker
 * cluster the operator forms, and DRBD 9 stand-ins, because the lab kernel has no DRBD module.
 * Needs root; under CI it must run.
 *
 * <p>What is real and what stands in:
 *
 * <ul>
 *   <li>real: SSH with pinned host keys, the operator's probe and file writes (the resource file in
 *       /etc/drbd.d, its mode), Corosync, Pacemaker, the CIB and {@code crm_verify};
 *   <li>stand-ins (src/test/resources/lab/drbd-standins/drbd-standin, installed by {@link
 *       NodeLab#installDrbdStandIns} ahead of /usr/sbin in sshd's PATH on t1 and t2): {@code
 *       drbdadm}, {@code drbdsetup status --json}, {@code blkid}/{@code wipefs} for the stand-in
 *       backing disks and /dev/drbdN, and the LVM tools on /dev/drbdN. t1 and t2 share one
 *       replication state through one host directory bind-mounted into both; every mutating call is
 *       logged there (calls.log), which is how this test names the commands that ran;
 *   <li>Pacemaker runs in <b>maintenance mode</b> ({@code maintenance-mode=true} in the lab
 *       StorageCluster's pacemaker.properties, src/test/resources/lab/drbd-lab.yaml), set by the
 *       operator itself: the real ocf:linbit:drbd and LVM-activate agents cannot drive the
 *       stand-ins, so the real Pacemaker accepts and stores the elements the operator hands it (the
 *       promotable clone, LVM-activate and their constraints), {@code crm_verify -L} checks the
 *       live CIB, but no agent starts, stops or promotes anything. Pacemaker still probes each new
 *       resource once (monitor_0): the real ocf:linbit:drbd agent's {@code drbdadm sh-dev} is
 *       refused by the stand-in (logged in unsupported.log), so the probes report "not running".
 *       Where deletion relies on Pacemaker stopping LVM-activate, the test does that stop itself
 *       ({@code vgchange -an}).
 * </ul>
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class DrbdLabIT {

  private static final String RESOURCE = "vg1";
  private static final String SECRET = "lab-drbd-shared-secret-0123456789";
  private static final Path REPO =
      Path.of(System.getProperty("hastorage.repoRoot", "..")).toAbsolutePath().normalize();
  private static final Path STANDIN = Path.of("src/test/resources/lab/drbd-standins/drbd-standin");

  /** The operator's own LV report, the argv the stand-in answers. */
  private static final List<String> LVS = LvmReport.LVS.argv();

  private NodeLab lab;
  private LabOperator operator;
  private final CountingListener counts = new CountingListener();
  private StorageClusterReconciler clusterReconciler;
  private DrbdVolumeReconciler volumeReconciler;
  private StorageCluster cluster;
  private DrbdVolume volume;
  private int volumeStatusWrites;

  @BeforeAll
  void startLab() throws Exception {
    Optional<String> unavailable =
        NodeLab.unavailableReason(REPO)
            .or(
                () ->
                    Files.isExecutable(Path.of("/usr/bin/nsenter"))
                            && Files.isExecutable(Path.of("/usr/bin/flock"))
                        ? Optional.empty()
                        : Optional.of("nsenter and flock (util-linux) are needed"));
    RealPrerequisites.require("the node lab (DrbdLabIT)", unavailable);
    lab = NodeLab.up(REPO);
    lab.installDrbdStandIns(STANDIN);
    operator = new LabOperator(lab, REPO, Duration.ofSeconds(3), counts);
    operator.putSecret("drbd-vg1", Map.of("shared-secret", SECRET));
    clusterReconciler = OperatorRunner.storageClusterReconciler(operator.engine(), operator.deps());
    volumeReconciler = OperatorRunner.drbdVolumeReconciler(operator.engine(), operator.deps());
    List<HasMetadata> resources =
        Manifests.parse(Files.readString(Path.of("src/test/resources/lab/drbd-lab.yaml")));
    cluster = operator.create(Manifests.ofKind(resources, StorageCluster.class).get(0));
    volume = operator.create(Manifests.ofKind(resources, DrbdVolume.class).get(0));
  }

  @AfterAll
  void stopLab() throws Exception {
    if (operator != null) {
      operator.close();
    }
    if (lab != null) {
      lab.close();
    }
  }

  @Test
  @Order(1)
  void buildsTheVolumeOnTheLabAndHandsItToTheRealPacemaker() throws Exception {
    await()
        .atMost(Duration.ofSeconds(180))
        .pollInterval(Duration.ofSeconds(2))
        .until(
            () -> {
              reconcileCluster();
              return "True".equals(condition(cluster.getStatus(), "Ready").getStatus());
            });
    assertThat(run("t1", "crm_attribute", "--type", "crm_config", "--name", "maintenance-mode"))
        .contains("value=true");

    for (int round = 1; !"True".equals(volumeCondition("Converged").getStatus()); round++) {
      assertThat(round)
          .as("DrbdVolume converged within 20 reconciles: %s", volume.getStatus())
          .isLessThanOrEqualTo(20);
      reconcileVolume();
    }
    // handed over to a Pacemaker in maintenance mode, which activates nothing: the primary holds
    // UpToDate data but the VG is not active under Pacemaker, so the volume does not serve yet
    assertThat(volumeCondition("Ready").getReason()).isEqualTo("VolumeGroupInactive");
    assertThat(volumeCondition("ReplicationHealthy").getStatus()).isEqualTo("True");
    assertThat(volumeCondition("Degraded").getStatus()).isEqualTo("False");

    for (String target : NodeLab.TARGETS) {
      assertThat(run(target, "stat", "-c", "%a", "/etc/drbd.d/vg1.res").strip()).isEqualTo("600");
      assertThat(run(target, "cat", "/etc/drbd.d/vg1.res"))
          .contains("Managed by ha-iscsi-operator", "on t1 {", "on t2 {", "node-id", SECRET);
      assertThat(calls()).contains(target + "\tdrbdadm create-md vg1/0\t0");
    }
    assertThat(calls().stream().filter(c -> c.contains("primary --force")))
        .containsExactly("t1\tdrbdadm primary --force vg1\t0");
    assertThat(calls())
        .contains(
            "t1\tpvcreate -- /dev/drbd0\t0",
            "t1\tvgcreate -- vg1 /dev/drbd0\t0",
            "t1\tlvcreate --name lun1 -l 100%VG vg1\t0");
    assertThat(run("t1", LVS.toArray(String[]::new))).contains("vg1|lun1|");
    assertThat(volume.getStatus().primary).isEqualTo("t1");
    assertThat(volume.getStatus().nodes)
        .extracting(n -> n.node + " " + n.role + " " + n.connectionState + " " + n.diskState)
        .containsExactlyInAnyOrder(
            "t1 Primary Connected UpToDate", "t2 Secondary Connected UpToDate");
    assertThat(volume.getStatus().conditions.toString()).doesNotContain(SECRET);

    String cib = run("t1", "cibadmin", "--query", "--scope", "configuration");
    assertThat(cib)
        .contains(
            "id=\"hastorage-drbd-vg1-clone\"",
            "id=\"hastorage-lvm-vg1\"",
            "hastorage-colocation-lvm-vg1-with-drbd-vg1",
            "hastorage-order-drbd-vg1-before-lvm-vg1");
    ExecResult verify = exec("t1", "", "crm_verify", "-L");
    assertThat(verify.exitCode()).as("crm_verify -L: %s", verify.summary()).isZero();
  }

  @Test
  @Order(2)
  void aSecondReconcileChangesNothing() throws Exception {
    reconcileVolume(); // the last status read may still land in status once
    Map<String, Integer> before = commandCounts();
    List<String> calls = calls();
    int writes = volumeStatusWrites;

    UpdateControl<DrbdVolume> control = reconcileVolume();

    NodeLab.TARGETS.forEach(
        node ->
            assertThat(counts.commands(node))
                .as("one exec (the probe) on %s", node)
                .isEqualTo(before.get(node) + 1));
    assertThat(calls()).as("no mutating DRBD or LVM command").isEqualTo(calls);
    assertThat(control.isNoUpdate()).as("no status write").isTrue();
    assertThat(volumeStatusWrites).isEqualTo(writes);
  }

  @Test
  @Order(3)
  void aSplitBrainIsReportedAndNothingIsDoneAboutIt() throws Exception {
    run("t1", "drbd-standin", "split-brain", RESOURCE);
    Map<String, Integer> before = commandCounts();
    List<String> calls = calls();

    reconcileVolume();
    reconcileVolume();

    assertThat(volumeCondition("ReplicationHealthy").getReason()).isEqualTo("SplitBrain");
    assertThat(volumeCondition("ReplicationHealthy").getMessage())
        .contains("t1", "t2", "docs/drbd-split-brain.md");
    assertThat(volume.getStatus().splitBrain).isTrue();
    assertThat(volume.getStatus().nodes)
        .allSatisfy(
            n -> {
              assertThat(n.connectionState).isEqualTo("StandAlone");
              assertThat(n.diskState).isEqualTo("UpToDate");
              assertThat(n.splitBrainDetectedAt).isNotBlank();
            });
    for (String target : NodeLab.TARGETS) {
      assertThat(run(target, "cat", "/var/lib/ha-iscsi-operator/drbd-split-brain/vg1"))
          .as("the split-brain handler's trace on %s", target)
          .matches("\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\dZ\\n");
      assertThat(counts.commands(target)).as("only probes").isEqualTo(before.get(target) + 2);
    }
    assertThat(calls()).as("no mutating command on either side").isEqualTo(calls);

    // the administrator resolves it (docs/drbd-split-brain.md) and removes the traces last
    run("t1", "drbd-standin", "clear-split-brain", RESOURCE);
    for (String target : NodeLab.TARGETS) {
      run(target, "rm", "-f", "/var/lib/ha-iscsi-operator/drbd-split-brain/vg1");
    }
    reconcileVolume();
    assertThat(volumeCondition("ReplicationHealthy").getStatus()).isEqualTo("True");
    assertThat(volumeCondition("Degraded").getStatus()).isEqualTo("False");
  }

  @Test
  @Order(4)
  void deletingWithTheDefaultPolicyKeepsTheData() throws Exception {
    DeleteControl first = volumeReconciler.cleanup(volume, null);
    assertThat(first.isRemoveFinalizer()).isFalse();
    assertThat(run("t1", "cibadmin", "--query", "--scope", "configuration"))
        .as("the VG's resource and the constraints go first, the DRBD clone stays")
        .doesNotContain("hastorage-lvm-vg1", "hastorage-colocation", "hastorage-order")
        .contains("hastorage-drbd-vg1-clone");

    // crm_mon does not show the LVM resource active (maintenance mode never started it)
    DeleteControl cloneGone = volumeReconciler.cleanup(volume, null);
    assertThat(cloneGone.isRemoveFinalizer()).isFalse();
    assertThat(run("t1", "cibadmin", "--query", "--scope", "configuration"))
        .doesNotContain("hastorage-drbd-vg1");

    DeleteControl second = volumeReconciler.cleanup(volume, null);
    assertThat(second.isRemoveFinalizer()).isFalse();
    assertThat(calls())
        .as("the LV is still open on t1: the kernel refuses down")
        .contains("t1\tdrbdadm down vg1\t11");

    // what LVM-activate's stop would do, were Pacemaker not in maintenance mode
    run("t1", "vgchange", "-an", RESOURCE);
    DeleteControl done = second;
    for (int i = 0; i < 6 && !done.isRemoveFinalizer(); i++) {
      done = volumeReconciler.cleanup(volume, null);
    }

    assertThat(done.isRemoveFinalizer()).as("cleanup finished: %s", calls()).isTrue();
    for (String target : NodeLab.TARGETS) {
      assertThat(exec(target, "", "test", "-e", "/etc/drbd.d/vg1.res").exitCode()).isNotZero();
      assertThat(run(target, "cat", "/etc/drbd.d/vg1.res.retained")).contains("resource vg1");
      assertThat(
              run(
                  target,
                  "blkid",
                  "-p",
                  "-o",
                  "export",
                  "--",
                  "/dev/disk/by-id/lab-drbd-" + target))
          .as("the DRBD metadata stays")
          .contains("TYPE=drbd");
      assertThat(calls()).contains(target + "\tdrbdadm down vg1\t0");
    }
    assertThat(calls()).noneMatch(c -> c.contains("wipe-md"));
    assertThat(Files.readString(lab.drbdStandInState().resolve("res/vg1")))
        .as("the LVM data on the device stays")
        .contains("lvm.lv.lun1=", "lvm.vg=vg1");
    assertThat(exec("t1", "", "crm_verify", "-L").exitCode()).isZero();
    // Pacemaker still probes new resources once (monitor_0) in maintenance mode: the real
    // ocf:linbit:drbd agent asks drbdadm sh-dev, which the stand-in refuses (read-only, "not
    // running")
    Path refused = lab.drbdStandInState().resolve("unsupported.log");
    assertThat(Files.exists(refused) ? Files.readAllLines(refused) : List.<String>of())
        .allMatch(line -> line.matches("t[12]\tdrbdadm -c /etc/drbd.conf (--stacked )?sh-dev vg1"));
  }

  private void reconcileCluster() throws Exception {
    UpdateControl<StorageCluster> control = clusterReconciler.reconcile(cluster, null);
    if (control.isPatchStatus()) {
      cluster.setStatus(control.getResource().orElseThrow().getStatus());
      cluster =
          operator
              .client()
              .resources(StorageCluster.class)
              .inNamespace(LabOperator.NAMESPACE)
              .resource(cluster)
              .updateStatus();
    }
  }

  private UpdateControl<DrbdVolume> reconcileVolume() throws Exception {
    UpdateControl<DrbdVolume> control = volumeReconciler.reconcile(volume, null);
    if (control.isPatchStatus()) {
      volumeStatusWrites++;
      volume.setStatus(control.getResource().orElseThrow().getStatus());
    }
    return control;
  }

  private Condition volumeCondition(String type) {
    return volume.getStatus() == null
        ? new Condition()
        : volume.getStatus().condition(type).orElseGet(Condition::new);
  }

  private static Condition condition(
      io.hastorage.operator.api.cluster.StorageClusterStatus status, String type) {
    return status == null ? new Condition() : status.condition(type).orElseGet(Condition::new);
  }

  /** Every mutating stand-in call so far: node TAB argv TAB exit code. */
  private List<String> calls() throws Exception {
    Path log = lab.drbdStandInState().resolve("calls.log");
    return Files.exists(log) ? Files.readAllLines(log) : List.of();
  }

  private Map<String, Integer> commandCounts() {
    Map<String, Integer> map = new HashMap<>();
    NodeLab.NODES.forEach(n -> map.put(n, counts.commands(n)));
    return map;
  }

  private String run(String node, String... argv) {
    return operator.run(node, argv);
  }

  private ExecResult exec(String node, String stdin, String... argv) {
    return operator.exec(node, stdin, argv);
  }
}
