package io.hastorage.e2e.lab;

import static org.assertj.core.api.Assertions.assertThat;

import io.hastorage.e2e.reliability.ScenarioLog;
import io.hastorage.operator.api.cluster.StorageCluster;
import io.hastorage.operator.api.drbd.DrbdVolume;
import io.hastorage.operator.api.ocfs2.Ocfs2Mount;
import io.hastorage.operator.api.scst.ScstTarget;
import io.hastorage.operator.node.ExecResult;
import io.hastorage.operator.testing.RealPrerequisites;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * The seed converged by the operator onto the kernel lab's blank Debian 12 machines, nothing
 * simulated: real SSH with pinned host keys, systemd, Corosync and Pacemaker, DRBD 8.4 (Debian's
 * kernel module) replicating a virtio disk, LVM, an iSCSI target behind two VIPs with portblock,
 * open-iscsi sessions on both portals, a dm-multipath map found by WWID, o2cb and OCFS2 mounted on
 * both initiators; then the failovers under client I/O of {@link KernelLabFailovers}, their checks
 * recorded like the reliability rows but not part of the table. Subclasses choose the backend.
 * Needs root and QEMU; under CI it must run.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
abstract class KernelLabSeedIT {

  static final Path REPO =
      Path.of(System.getProperty("hastorage.repoRoot", "..")).toAbsolutePath().normalize();
  private static final String DRBD_SECRET = "kernel-lab-drbd-secret-0123456789";

  /**
   * The pause between reconcile rounds, like the operator's periodic pace. The guests run under TCG
   * on two host cores: a round's probes (crm_mon, cibadmin, ...) cost each target seconds of its
   * one vCPU, and back-to-back rounds starve Pacemaker's own monitors into timeouts.
   */
  static final Duration ROUND_PAUSE = Duration.ofSeconds(15);

  /** How often the test itself looks at a guest (crm_resource, /proc/drbd) while it waits. */
  static final Duration LOOK_PAUSE = Duration.ofSeconds(5);

  private final String manifest;
  private final String vendor;
  final CountingListener counts = new CountingListener();
  KernelLab lab;
  LabOperator operator;
  SeedDriver seed;

  KernelLabSeedIT(String manifest, String vendor) {
    this.manifest = manifest;
    this.vendor = vendor;
  }

  @BeforeAll
  void startLab() throws Exception {
    RealPrerequisites.require("the kernel lab", KernelLab.unavailableReason(REPO));
    lab = KernelLab.up(REPO);
    operator = new LabOperator(lab, REPO, Duration.ofSeconds(5), counts);
    operator.putSecret("drbd-vg1", Map.of("shared-secret", DRBD_SECRET));
    seed =
        new SeedDriver(
            operator, Files.readString(Path.of("src/test/resources/kernel-lab").resolve(manifest)));
  }

  @AfterAll
  void stopLab() throws Exception {
    if (operator != null) {
      operator.close();
    }
    if (lab != null && !Boolean.getBoolean("hastorage.lab.keep")) {
      lab.close();
    }
  }

  @Test
  @Order(1)
  void convergesTheSeedOntoBlankMachines() throws Exception {
    long t0 = System.nanoTime();
    int rounds = seed.untilAllReady(Duration.ofMinutes(12), ROUND_PAUSE);
    System.out.printf(
        "[kernel lab] all four resources Ready after %d rounds, %.0f s%n",
        rounds, (System.nanoTime() - t0) / 1e9);
    System.out.print(seed.summary());

    DrbdVolume volume = seed.get(DrbdVolume.class);
    assertThat(volume.getStatus().primary).isEqualTo("ta");
    for (String node : KernelLab.TARGETS) {
      assertThat(run(node, "cat", "/proc/drbd")).contains("ds:UpToDate/UpToDate");
    }
    ScstTarget target = seed.get(ScstTarget.class);
    assertThat(target.getStatus().activeNode).isEqualTo("ta");
    Ocfs2Mount mount = seed.get(Ocfs2Mount.class);
    String mountPoint = mount.getSpec().mountPoint;
    for (String node : KernelLab.INITIATORS) {
      assertThat(run(node, "cat", "/proc/mounts")).contains(" " + mountPoint + " ocfs2 ");
      assertThat(run(node, "multipath", "-ll")).contains(vendor);
    }
    run("ia", "sh", "-c", "echo crossed-from-ia > " + mountPoint + "/hello && sync");
    assertThat(run("ib", "cat", mountPoint + "/hello").strip()).isEqualTo("crossed-from-ia");
    assertThat(SeedDriver.status(seed.get(StorageCluster.class), "Ready")).isEqualTo("True");
  }

  @Test
  @Order(2)
  void aSecondReconcileIsOneExecPerNodeAndChangesNothing() throws Exception {
    Map<String, Integer> before = commandCounts();
    List<SeedDriver.Outcome> outcomes = seed.round();
    Map<String, Integer> after = commandCounts();
    assertThat(outcomes).noneMatch(SeedDriver.Outcome::statusWritten);
    // StorageCluster probes all four, DrbdVolume and ScstTarget the targets, Ocfs2Mount the
    // initiators: one exec each, nothing else
    for (String node : KernelLab.NODES) {
      int expected = KernelLab.TARGETS.contains(node) ? 3 : 2;
      assertThat(after.get(node) - before.get(node)).as(node).isEqualTo(expected);
    }
  }

  @Test
  @Order(3)
  void theActiveTargetIsKilledUnderClientIo() throws Exception {
    failovers().activeTargetKilled(new ScenarioLog());
  }

  @Test
  @Order(4)
  void theCrashedTargetReturnsAndResyncs() throws Exception {
    failovers().crashedTargetReturns(new ScenarioLog());
  }

  @Test
  @Order(5)
  void aGracefulMoveByStandby() throws Exception {
    failovers().gracefulMoveByStandby(new ScenarioLog());
  }

  private KernelLabFailovers failovers;

  /** The failover scenarios under ia's writes, on this run's seed. */
  KernelLabFailovers failovers() {
    if (failovers == null) {
      failovers =
          new KernelLabFailovers(
              lab, operator, seed, seed.get(Ocfs2Mount.class).getSpec().mountPoint);
    }
    return failovers;
  }

  Map<String, Integer> commandCounts() {
    return KernelLab.NODES.stream()
        .collect(java.util.stream.Collectors.toMap(n -> n, counts::commands));
  }

  String run(String node, String... argv) {
    return operator.run(node, argv);
  }

  ExecResult exec(String node, String... argv) {
    return operator.exec(node, "", argv);
  }
}
