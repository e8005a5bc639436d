package io.hastorage.operator.status;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.Condition;
import io.hastorage.operator.api.Manifests;
import io.hastorage.operator.api.cluster.CorosyncSpec;
import io.hastorage.operator.api.ocfs2.Ocfs2Mount;
import io.hastorage.operator.api.ocfs2.Ocfs2MountStatus;
import io.hastorage.operator.api.ocfs2.Ocfs2Settings;
import io.hastorage.operator.observe.Observation;
import io.hastorage.operator.observe.drbd.DiskSignatures;
import io.hastorage.operator.plan.Plan;
import io.hastorage.operator.plan.ocfs2.FailoverBudget;
import io.hastorage.operator.plan.ocfs2.FilesystemCheck;
import io.hastorage.operator.testing.Examples;
import io.hastorage.operator.testing.FactsBuilder;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class Ocfs2MountStatusAggregatorTest {

  private static final String WWID = "36001405f00dfeedbeefcafe01234567";
  private static final String UUID = "a0fbc6d6-0ae6-41dd-9b93-298d58040d32";

  private final Ocfs2Mount mount = Manifests.ofKind(Examples.seed(), Ocfs2Mount.class).get(0);
  private final Ocfs2MountStatusAggregator aggregator =
      new Ocfs2MountStatusAggregator(
          Clock.fixed(Instant.parse("2026-11-25T00:00:00Z"), ZoneOffset.UTC));

  private static FailoverBudget.Result budget(int threshold) {
    Ocfs2Settings fs = new Ocfs2Settings();
    fs.heartbeatThreshold = threshold;
    return FailoverBudget.check(new CorosyncSpec(), null, null, fs);
  }

  private static FilesystemCheck ours() {
    DiskSignatures found =
        new DiskSignatures(
            "/dev/x",
            Optional.of("ocfs2"),
            Optional.of(UUID),
            Optional.of("vg1shared"),
            List.of("ocfs2"),
            false);
    return new FilesystemCheck(
        FilesystemCheck.Verdict.OURS, "drbd01: holds this mount's OCFS2", Optional.of(found));
  }

  private Ocfs2MountSnapshot snapshot(
      FailoverBudget.Result budget, Optional<FilesystemCheck> fs, boolean mounted, int pathsUp) {
    return snapshot(budget, fs, mounted, pathsUp, List.of());
  }

  private Ocfs2MountSnapshot snapshot(
      FailoverBudget.Result budget,
      Optional<FilesystemCheck> fs,
      boolean mounted,
      int pathsUp,
      List<Degradation.Finding> targetDegradation) {
    return new Ocfs2MountSnapshot(
        mount,
        1,
        false,
        List.of(),
        DesiredCondition.of(ConditionTypes.CLUSTER_AVAILABLE, true, "ClusterConverged", "ok"),
        DesiredCondition.of(ConditionTypes.TARGET_READY, true, "TargetReady", "ok"),
        List.of(),
        Optional.of(budget),
        new EngineRun(
            Map.of(
                "drbd01", Observation.reached(new FactsBuilder("drbd01").build()),
                "drbd02", Observation.reached(new FactsBuilder("drbd02").build())),
            Plan.empty(),
            Map.of(),
            Optional.empty()),
        List.of(
            new Ocfs2MountSnapshot.Initiator("drbd01", "iqn.a:01", 2, pathsUp, 2, mounted, WWID),
            new Ocfs2MountSnapshot.Initiator("drbd02", "iqn.a:02", 2, 2, 2, mounted, WWID)),
        Optional.of(WWID),
        Optional.empty(),
        fs,
        7L,
        targetDegradation);
  }

  private static Condition condition(Ocfs2MountStatus status, String type) {
    return status.condition(type).orElseThrow();
  }

  @Test
  void mountedEverywhereIsReadyAndRecordsTheDevicesIdentity() {
    Ocfs2MountStatus status =
        aggregator.aggregate(snapshot(budget(61), Optional.of(ours()), true, 2), null);

    assertThat(condition(status, ConditionTypes.READY).getStatus()).isEqualTo("True");
    assertThat(condition(status, ConditionTypes.READY).getMessage())
        .isEqualTo("mounted on 2/2 initiators");
    assertThat(status.wwid).isEqualTo(WWID);
    assertThat(status.filesystemUuid).isEqualTo(UUID);
    assertThat(status.mounted).isEqualTo("2/2");
    assertThat(status.volumeGeneration).isEqualTo(7L);
    assertThat(status.nodes)
        .extracting(n -> n.initiatorName)
        .containsExactly("iqn.a:01", "iqn.a:02");
    assertThat(condition(status, ConditionTypes.PATHS_HEALTHY).getStatus()).isEqualTo("True");
  }

  @Test
  void anUnsafeHeartbeatThresholdExplainsTheArithmetic() {
    Ocfs2MountStatus status =
        aggregator.aggregate(snapshot(budget(10), Optional.of(ours()), true, 2), null);

    Condition timeouts = condition(status, ConditionTypes.TIMEOUTS_SAFE);
    assertThat(timeouts.getStatus()).isEqualTo("False");
    assertThat(timeouts.getReason()).isEqualTo(Reasons.UNSAFE_TIMEOUTS);
    assertThat(timeouts.getMessage())
        .contains("failover 36.6 s", "o2cb dead time 18.0 s", "heartbeatThreshold");
    // mounted with its paths up, it serves; a failover would not be survived: Degraded
    assertThat(condition(status, ConditionTypes.READY).getStatus()).isEqualTo("True");
    assertThat(condition(status, ConditionTypes.DEGRADED).getReason())
        .isEqualTo(Reasons.UNSAFE_TIMEOUTS);
  }

  @Test
  void aLostPathIsDegradedNotUnreadiness() {
    Ocfs2MountStatus status =
        aggregator.aggregate(snapshot(budget(61), Optional.of(ours()), true, 1), null);

    assertThat(condition(status, ConditionTypes.PATHS_HEALTHY).getMessage()).contains("drbd01 1/2");
    assertThat(condition(status, ConditionTypes.READY).getStatus()).isEqualTo("True");
    Condition degraded = condition(status, ConditionTypes.DEGRADED);
    assertThat(degraded.getStatus()).isEqualTo("True");
    assertThat(degraded.getReason()).isEqualTo(Degradation.PATH_DOWN);
    assertThat(degraded.getMessage()).isEqualTo("paths up: drbd01 1/2");
  }

  @Test
  void mountedWithNoPathUpIsNotServing() {
    Ocfs2MountStatus status =
        aggregator.aggregate(snapshot(budget(61), Optional.of(ours()), true, 0), null);

    Condition ready = condition(status, ConditionTypes.READY);
    assertThat(ready.getStatus()).isEqualTo("False");
    assertThat(ready.getReason()).isEqualTo(Reasons.NO_PATH);
    assertThat(ready.getMessage()).startsWith("mounted, but no path to the LUN is up on drbd01");
  }

  @Test
  void theTargetsLostRedundancyIsTheMountsToo() {
    Ocfs2MountStatus status =
        aggregator.aggregate(
            snapshot(
                budget(61),
                Optional.of(ours()),
                true,
                2,
                List.of(
                    Degradation.inherited(
                        "ScstTarget",
                        "vg1-target",
                        Degradation.PEER_DOWN,
                        "centos02 does not answer (NodeUnreachable)"))),
            null);

    assertThat(condition(status, ConditionTypes.READY).getStatus()).isEqualTo("True");
    Condition degraded = condition(status, ConditionTypes.DEGRADED);
    assertThat(degraded.getReason()).isEqualTo(Degradation.PEER_DOWN);
    assertThat(degraded.getMessage())
        .isEqualTo("ScstTarget vg1-target: centos02 does not answer (NodeUnreachable)");
  }

  @Test
  void aRefusedDeviceKeepsTheMountNotReadyWithTheRefusalsReason() {
    FilesystemCheck ext4 =
        new FilesystemCheck(
            FilesystemCheck.Verdict.IN_USE, "drbd01: /dev/x holds ext4", Optional.empty());

    Ocfs2MountStatus status =
        aggregator.aggregate(snapshot(budget(61), Optional.of(ext4), false, 2), null);

    assertThat(condition(status, ConditionTypes.FILESYSTEM_READY).getReason())
        .isEqualTo("DeviceInUse");
    assertThat(condition(status, ConditionTypes.CONVERGED).getReason()).isEqualTo("DeviceInUse");
    assertThat(condition(status, ConditionTypes.READY).getReason()).isEqualTo("DeviceInUse");
    assertThat(status.filesystemUuid).isNull();
  }

  @Test
  void theRecordedIdentityIsKeptAndTheSameSnapshotGivesTheSameStatus() {
    Ocfs2MountStatus first =
        aggregator.aggregate(snapshot(budget(61), Optional.of(ours()), true, 2), null);
    Ocfs2MountStatus again =
        aggregator.aggregate(snapshot(budget(61), Optional.empty(), true, 2), first);

    assertThat(again.filesystemUuid).isEqualTo(UUID);
    assertThat(
            aggregator.aggregate(snapshot(budget(61), Optional.of(ours()), true, 2), first)
                .conditions)
        .isEqualTo(first.conditions);
  }
}
