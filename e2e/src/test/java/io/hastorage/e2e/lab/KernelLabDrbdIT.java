package io.hastorage.e2e.lab;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.hastorage.e2e.reliability.Scenario;
import io.hastorage.e2e.reliability.ScenarioLog;
import io.hastorage.operator.api.drbd.DrbdVolume;
import io.hastorage.operator.testing.RealPrerequisites;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * The kernel lab's two targets, nothing simulated: the operator forms the real Corosync/Pacemaker
 * cluster on blank Debian 12 machines and builds the DrbdVolume on real DRBD 8.4 (Debian's kernel
 * module): metadata on the blank virtio disks, the first sync over the storage network, LVM on the
 * device, and the hand-over to Pacemaker, whose real ocf:linbit:drbd and LVM-activate agents
 * promote and activate it. Then the DRBD primary's QEMU process is killed with data on the LV, and
 * it boots again and resyncs. This is the part of the kernel lab CI runs; the whole seed with the
 * target and the initiators is {@link KernelLabLioIT} and {@link KernelLabScstIT} (opt-in: the
 * {@code kernel-lab-seed} Maven profile).
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class KernelLabDrbdIT {

  private static final String LV = "/dev/vg1/lun0";
  private static final Set<String> PLACEMENT =
      Set.of("crm_resource", "crm", "pcs", "crm_standby", "crm_attribute", "cibadmin");

  private final CountingListener counts = new CountingListener();
  private KernelLab lab;
  private LabOperator operator;
  private SeedDriver seed;
  private String written;

  @BeforeAll
  void startLab() throws Exception {
    RealPrerequisites.require("the kernel lab", KernelLab.unavailableReason(KernelLabSeedIT.REPO));
    lab = KernelLab.up(KernelLabSeedIT.REPO, "ta", "tb");
    operator = new LabOperator(lab, KernelLabSeedIT.REPO, Duration.ofSeconds(5), counts);
    operator.putSecret("drbd-vg1", Map.of("shared-secret", "kernel-lab-drbd-secret-0123456789"));
    seed =
        new SeedDriver(
            operator, Files.readString(Path.of("src/test/resources/kernel-lab/targets-drbd.yaml")));
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
  void formsTheClusterAndReplicatesTheVolumeOnRealDrbd() throws Exception {
    long t0 = System.nanoTime();
    int rounds = seed.untilAllReady(Duration.ofMinutes(10), KernelLabSeedIT.ROUND_PAUSE);
    System.out.printf(
        "[kernel lab] StorageCluster and DrbdVolume Ready after %d rounds, %.0f s%n",
        rounds, (System.nanoTime() - t0) / 1e9);
    assertThat(seed.get(DrbdVolume.class).getStatus().primary).isEqualTo("ta");
    assertThat(run("ta", "cat", "/proc/drbd"))
        .contains("cs:Connected ro:Primary/Secondary ds:UpToDate/UpToDate");
    assertThat(run("tb", "cat", "/proc/drbd"))
        .contains("cs:Connected ro:Secondary/Primary ds:UpToDate/UpToDate");
    await()
        .atMost(Duration.ofMinutes(3))
        .pollInterval(KernelLabSeedIT.LOOK_PAUSE)
        .ignoreExceptions()
        .until(() -> "ta".equals(runsOn("ta", "hastorage-lvm-vg1")));
    assertThat(run("ta", "lvs", "--noheadings", "-o", "lv_name", "vg1").strip()).isEqualTo("lun0");
    assertThat(run("ta", "sh", "-c", "cat /etc/drbd.d/vg1.res | head -1"))
        .contains("ha-iscsi-operator");
  }

  @Test
  @Order(2)
  void aSecondReconcileIsOneExecPerTargetAndWritesNothing() throws Exception {
    Map<String, Integer> before = counts();
    List<SeedDriver.Outcome> outcomes = seed.round();
    Map<String, Integer> after = counts();
    assertThat(outcomes).noneMatch(SeedDriver.Outcome::statusWritten);
    for (String node : lab.nodes()) {
      // the StorageCluster's probe and the DrbdVolume's, nothing else
      assertThat(after.get(node) - before.get(node)).as(node).isEqualTo(2);
    }
  }

  @Test
  @Order(3)
  @Scenario(
      id = "11",
      title =
          "Kernel lab: the DRBD primary's QEMU process is killed (real DRBD 8.4, Corosync,"
              + " Pacemaker, ocf:linbit:drbd, LVM-activate) with 32 MiB written on the LV",
      where = "kernel",
      expected =
          "Pacemaker promotes the survivor and activates the VG there; the 32 MiB read back on the"
              + " survivor match their checksum; the DrbdVolume reports the new primary; the"
              + " operator sends no placement or role command")
  void theDrbdPrimaryIsKilledAndTheSurvivorServesTheSameData(ScenarioLog log) throws Exception {
    written =
        run(
                "ta",
                "sh",
                "-c",
                "dd if=/dev/urandom of=/root/block bs=1M count=32 status=none"
                    + " && dd if=/root/block of="
                    + LV
                    + " bs=1M oflag=direct conv=fsync status=none"
                    + " && sha256sum < /root/block")
            .strip();
    int mark = operator.issued().size();
    long crashed = System.nanoTime();
    lab.crash("ta");
    await()
        .atMost(Duration.ofMinutes(4))
        .pollInterval(KernelLabSeedIT.LOOK_PAUSE)
        .ignoreExceptions()
        .until(
            () ->
                "tb".equals(runsOn("tb", "hastorage-lvm-vg1"))
                    && operator.exec("tb", "", "test", "-b", LV).ok());
    double seconds = (System.nanoTime() - crashed) / 1e9;
    log.holds("seconds until the VG was active on tb", seconds > 0, String.format("%.0f", seconds));
    log.holds("tb's DRBD role", run("tb", "cat", "/proc/drbd").contains("ro:Primary/"), "Primary");
    log.check("sha256 of the 32 MiB read on tb", written, lvChecksum("tb"));
    await()
        .atMost(Duration.ofMinutes(3))
        .pollInterval(KernelLabSeedIT.ROUND_PAUSE)
        .ignoreExceptions()
        .until(
            () -> {
              seed.round();
              return "tb".equals(seed.get(DrbdVolume.class).getStatus().primary);
            });
    log.check("DrbdVolume primary", "tb", seed.get(DrbdVolume.class).getStatus().primary);
    log.check("placement or role commands the operator sent", List.of(), placing(mark));
  }

  @Test
  @Order(4)
  @Scenario(
      id = "12",
      title = "Kernel lab: the killed DRBD primary boots again",
      where = "kernel",
      expected =
          "Corosync and Pacemaker rejoin, Pacemaker starts its DRBD instance as Secondary and it"
              + " resyncs from tb; both resources Ready again; the data is unchanged; no"
              + " placement or role command from the operator")
  void theKilledPrimaryReturnsAndResyncs(ScenarioLog log) throws Exception {
    int mark = operator.issued().size();
    lab.boot("ta");
    await()
        .atMost(Duration.ofMinutes(6))
        .pollInterval(KernelLabSeedIT.LOOK_PAUSE)
        .ignoreExceptions()
        .until(() -> run("tb", "cat", "/proc/drbd").contains("ds:UpToDate/UpToDate"));
    int rounds = seed.untilAllReady(Duration.ofMinutes(5), KernelLabSeedIT.ROUND_PAUSE);
    log.holds("rounds until both resources were Ready", rounds > 0, rounds);
    log.holds(
        "ta's DRBD after the resync",
        run("ta", "cat", "/proc/drbd").contains("ro:Secondary/Primary ds:UpToDate/UpToDate"),
        "Secondary/Primary UpToDate/UpToDate");
    log.check("VG still active on", "tb", runsOn("tb", "hastorage-lvm-vg1"));
    log.check("sha256 of the 32 MiB on tb", written, lvChecksum("tb"));
    log.check("placement or role commands the operator sent", List.of(), placing(mark));
  }

  private List<String> placing(int mark) {
    List<LabOperator.IssuedCommand> all = operator.issued();
    return all.subList(mark, all.size()).stream()
        .filter(c -> PLACEMENT.contains(c.argv().get(0)) || c.argv().contains("primary"))
        .map(c -> c.node() + ": " + String.join(" ", c.argv()))
        .toList();
  }

  private String runsOn(String observer, String resource) {
    return operator.runsOn(observer, resource);
  }

  /** sha256 of the LV's first 32 MiB as {@code node} reads them from the device. */
  private String lvChecksum(String node) {
    return run(
            node,
            "sh",
            "-c",
            "dd if=" + LV + " bs=1M count=32 iflag=direct status=none | sha256sum")
        .strip();
  }

  private Map<String, Integer> counts() {
    return lab.nodes().stream()
        .collect(java.util.stream.Collectors.toMap(n -> n, counts::commands));
  }

  private String run(String node, String... argv) {
    return operator.run(node, argv);
  }
}
