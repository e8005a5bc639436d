package io.hastorage.e2e.reconciler;

import static org.assertj.core.api.Assertions.assertThat;

import io.hastorage.e2e.sim.DiskSignature;
import io.hastorage.e2e.sim.initiator.Ocfs2Volume;
import io.hastorage.e2e.sim.initiator.SimulatedSan;
import io.hastorage.operator.api.ocfs2.Ocfs2MountStatus;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The Ocfs2Mount reconciler against the embedded API and the simulated fleet: the seed's targets
 * serve the LUN (simulated Pacemaker, DRBD), the simulated initiators log in, multipath, format and
 * mount over real SSH.
 */
class Ocfs2MountReconcilerIT {

  private static final List<String> INITIATORS = List.of("drbd01", "drbd02");

  private DrbdVolumeHarness harness;
  private String iqn;

  @BeforeEach
  void start() throws Exception {
    harness = new DrbdVolumeHarness();
    iqn = harness.target.getSpec().iqn;
  }

  @AfterEach
  void stop() {
    harness.close();
  }

  /** The cluster, the volume and the target up, their statuses in the API. */
  private void targetReady() throws Exception {
    harness.convergeCluster();
    harness.converge(12);
    harness.publishVolumeStatus();
    for (int i = 0; i < 4 && !"True".equals(harness.targetCondition("Ready").getStatus()); i++) {
      harness.reconcileTarget();
    }
    assertThat(harness.targetCondition("Ready").getStatus()).isEqualTo("True");
    harness.publishTargetStatus();
  }

  private int initiatorChanges() {
    return INITIATORS.stream().mapToInt(n -> harness.node(n).mutatingCommandCount()).sum();
  }

  private long commandsOn(String node, String program) {
    return harness.commands(node).stream().filter(c -> c.startsWith(program + " ")).count();
  }

  @Test
  void waitsForTheTargetThenFormatsOnceAndMountsOnBothInitiators() throws Exception {
    harness.convergeCluster();
    int afterCluster = initiatorChanges();
    harness.reconcileMount();
    assertThat(harness.mountCondition("Ready").getReason()).isEqualTo("WaitingForTarget");
    assertThat(initiatorChanges()).isEqualTo(afterCluster);

    targetReady();
    int rounds = harness.convergeMount(10);

    Ocfs2MountStatus status = harness.mount.getStatus();
    assertThat(status.mounted).isEqualTo("2/2");
    assertThat(status.wwid).isEqualTo(SimulatedSan.wwid(iqn, 0));
    assertThat(status.filesystemUuid).isNotBlank();
    assertThat(status.nodes)
        .allSatisfy(
            n -> {
              assertThat(n.initiatorName).startsWith("iqn.");
              assertThat(n.sessions).isEqualTo(2);
              assertThat(n.pathsUp).isEqualTo(2);
            });
    assertThat(commandsOn("drbd01", "mkfs.ocfs2") + commandsOn("drbd02", "mkfs.ocfs2"))
        .isEqualTo(1);
    assertThat(commandsOn("drbd01", "mkfs.ocfs2")).isEqualTo(1);
    assertThat(harness.commands("drbd01"))
        .noneMatch(c -> c.startsWith("mkfs.ocfs2") && c.contains(" -F"));
    assertThat(harness.env.fleet().san().ocfs2(iqn, 0))
        .get()
        .satisfies(v -> assertThat(v.label()).isEqualTo("vg1shared"));
    assertThat(harness.env.fleet().san().mountedOn(iqn, 0))
        .containsExactlyInAnyOrder("drbd01", "drbd02");
    assertThat(rounds).isLessThanOrEqualTo(6);
  }

  @Test
  void reapplyingAConvergedMountRunsNoMutatingCommand() throws Exception {
    targetReady();
    harness.convergeMount(10);
    int before = initiatorChanges();
    int writes = harness.mountStatusWrites;
    int probes = harness.commands("drbd01").size();

    harness.reconcileMount();
    harness.reconcileMount();

    assertThat(initiatorChanges()).isEqualTo(before);
    assertThat(harness.mountStatusWrites).isEqualTo(writes);
    assertThat(harness.commands("drbd01").size() - probes).isEqualTo(2); // one probe each
  }

  @Test
  void aLunHoldingExt4IsRefusedAndNothingIsFormattedOrMounted() throws Exception {
    harness
        .env
        .fleet()
        .san()
        .writeSignature(iqn, 0, DiskSignature.ext4("data", "5e1f0000-0000-4000-8000-000000000001"));
    targetReady();
    for (int i = 0; i < 6; i++) {
      harness.reconcileMount();
    }

    assertThat(harness.mountCondition("FilesystemReady").getReason()).isEqualTo("DeviceInUse");
    assertThat(harness.mountCondition("Ready").getReason()).isEqualTo("DeviceInUse");
    assertThat(harness.mountCondition("FilesystemReady").getMessage()).contains("drbd01", "ext4");
    assertThat(commandsOn("drbd01", "mkfs.ocfs2") + commandsOn("drbd02", "mkfs.ocfs2")).isZero();
    assertThat(harness.env.fleet().san().mountedOn(iqn, 0)).isEmpty();
    assertThat(harness.events("DeviceInUse")).isPositive();
  }

  @Test
  void anExistingOcfs2WithTheLabelIsAdoptedNotFormatted() throws Exception {
    Ocfs2Volume existing =
        Ocfs2Volume.formatted("vg1shared", 4, "ocfs2vg1", SimulatedSan.DEFAULT_LUN_BYTES);
    harness.env.fleet().san().writeOcfs2(iqn, 0, existing);
    targetReady();

    harness.convergeMount(10);

    assertThat(commandsOn("drbd01", "mkfs.ocfs2") + commandsOn("drbd02", "mkfs.ocfs2")).isZero();
    assertThat(harness.mount.getStatus().filesystemUuid).isEqualToIgnoringCase(existing.uuid());
    assertThat(harness.env.fleet().san().mountedOn(iqn, 0)).hasSize(2);
  }

  @Test
  void anUnsafeHeartbeatThresholdIsRefusedWithTheArithmeticAndNothingRuns() throws Exception {
    targetReady();
    harness.editMount(m -> m.getSpec().filesystem.heartbeatThreshold = 10);
    int before = initiatorChanges();

    harness.reconcileMount();
    harness.reconcileMount();

    assertThat(harness.mountCondition("TimeoutsSafe").getStatus()).isEqualTo("False");
    assertThat(harness.mountCondition("TimeoutsSafe").getMessage())
        .contains(
            "o2cb dead time 18.0 s", "failover 36.6 s", "raise filesystem heartbeatThreshold");
    assertThat(harness.mountCondition("Converged").getReason()).isEqualTo("UnsafeTimeouts");
    assertThat(initiatorChanges()).isEqualTo(before);
  }

  @Test
  void deletingUnmountsAndLogsOutButKeepsTheFileSystem() throws Exception {
    targetReady();
    harness.convergeMount(10);
    String uuid = harness.mount.getStatus().filesystemUuid;

    boolean removed = false;
    for (int i = 0; i < 3 && !removed; i++) {
      removed = harness.cleanupMount().isRemoveFinalizer();
    }

    assertThat(removed).isTrue();
    assertThat(harness.env.fleet().san().mountedOn(iqn, 0)).isEmpty();
    assertThat(harness.env.fleet().san().ocfs2(iqn, 0))
        .get()
        .satisfies(v -> assertThat(v.uuid()).isEqualToIgnoringCase(uuid));
    for (String node : INITIATORS) {
      assertThat(harness.node(node).readText("/etc/fstab").orElse(""))
          .doesNotContain("/srv/shared");
    }
  }
}
