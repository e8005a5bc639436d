package io.hastorage.operator.status;

import static org.assertj.core.api.Assertions.assertThat;

import io.hastorage.operator.api.Manifests;
import io.hastorage.operator.api.drbd.DrbdVolume;
import io.hastorage.operator.api.drbd.DrbdVolumeSpec;
import io.hastorage.operator.observe.Tool;
import io.hastorage.operator.observe.drbd.DrbdDeviceState;
import io.hastorage.operator.observe.drbd.ProcDrbdParser;
import io.hastorage.operator.plan.drbd.DrbdObservation;
import io.hastorage.operator.plan.drbd.SplitBrainMarker;
import io.hastorage.operator.testing.Captured;
import io.hastorage.operator.testing.Examples;
import io.hastorage.operator.testing.FactsBuilder;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** One test per rule of {@link ReplicationCondition}, in the order of its javadoc. */
class ReplicationConditionTest {

  private static final String L = "kernel-lab/drbd-lab/";

  static final String DETECTED_AT = "2026-11-25T09:58:12Z";

  /** Real DRBD 8.4.11 /proc/drbd (the kernel lab): a new pair, connected, before its first sync. */
  static final String CONNECTED_FRESH =
      Captured.read("kernel-lab/drbd-lab/ta-proc-drbd-connected-inconsistent.txt");

  /** Real: the Primary of a synced pair. */
  static final String PRIMARY_SYNCED =
      Captured.read("kernel-lab/recipe/ta-proc-drbd-connected-primary.txt");

  /** Real: the module loaded, the resource down (8.4 then lists no minor at all). */
  static final String DOWN =
      Captured.read("kernel-lab/recipe/ta-proc-drbd-module-loaded-no-resource.txt");

  private final DrbdVolumeSpec spec =
      Manifests.ofKind(Examples.seed(), DrbdVolume.class).get(0).getSpec();

  /** The node's observation of vg1, from a /proc/drbd text and its split-brain marker if any. */
  static DrbdObservation observe(
      DrbdVolumeSpec spec, String node, String procDrbd, String markerContent) {
    FactsBuilder facts =
        new FactsBuilder(node)
            .version(Tool.DRBD_KERNEL, "8.4.11")
            .section("proc-drbd", 0, procDrbd);
    if (markerContent != null) {
      facts.content(SplitBrainMarker.path(spec.resourceName), markerContent);
    }
    return DrbdObservation.of(facts.build(), spec);
  }

  private DrbdObservation captured(String node, String sample, String marker) {
    return observe(spec, node, Captured.read(sample), marker);
  }

  @Test
  void standAloneWithDataAndTheHandlersMarkerIsSplitBrain() {
    DesiredCondition condition =
        ReplicationCondition.of(
            List.of(
                captured("centos01", L + "ta-proc-drbd-after-split-brain.txt", DETECTED_AT + "\n"),
                captured("centos02", L + "tb-proc-drbd-diskless.txt", null)));

    assertThat(condition.type()).isEqualTo(ConditionTypes.REPLICATION_HEALTHY);
    assertThat(condition.status()).isEqualTo(ConditionStatus.False);
    assertThat(condition.reason()).isEqualTo(Reasons.SPLIT_BRAIN);
    assertThat(condition.message())
        .startsWith("centos01: possible split brain: connection StandAlone on minor 0")
        .contains("split-brain handler fired at " + DETECTED_AT)
        .contains("Never resolved automatically")
        .endsWith("docs/drbd-split-brain.md")
        .doesNotContain("centos02");
  }

  @Test
  void standAloneWithDataButNoMarkerIsOnlyPossibleSplitBrain() {
    DesiredCondition condition =
        ReplicationCondition.of(
            List.of(
                captured("centos01", L + "ta-proc-drbd-after-split-brain.txt", null),
                captured("centos02", "proc-drbd-8.4-seed.txt", null)));

    assertThat(condition.status()).isEqualTo(ConditionStatus.False);
    assertThat(condition.reason()).isEqualTo(Reasons.POSSIBLE_SPLIT_BRAIN);
    assertThat(condition.message())
        .contains("centos01: possible split brain")
        .contains(ReplicationCondition.PROCEDURE)
        .doesNotContain("handler fired");
  }

  @Test
  void aMarkerOnAnotherNodeDoesNotMakeItSplitBrainThere() {
    DesiredCondition condition =
        ReplicationCondition.of(
            List.of(
                captured("centos01", L + "ta-proc-drbd-after-split-brain.txt", null),
                captured("centos02", "proc-drbd-8.4-seed.txt", DETECTED_AT)));

    assertThat(condition.reason()).isEqualTo(Reasons.POSSIBLE_SPLIT_BRAIN);
  }

  @Test
  void noObservedTargetIsUnknown() {
    DesiredCondition condition = ReplicationCondition.of(List.of());

    assertThat(condition.status()).isEqualTo(ConditionStatus.Unknown);
    assertThat(condition.reason()).isEqualTo(Reasons.NODES_UNREACHED);
  }

  @Test
  void aResourceUpNowhereIsNotRunning() {
    DesiredCondition condition =
        ReplicationCondition.of(
            List.of(
                observe(spec, "centos01", DOWN, null),
                new DrbdObservation(
                    "centos02", false, false, List.of(), Optional.empty(), Optional.empty())));

    assertThat(condition.status()).isEqualTo(ConditionStatus.False);
    assertThat(condition.reason()).isEqualTo(Reasons.DRBD_NOT_RUNNING);
  }

  @Test
  void aRunningResyncIsSyncingWithProgressAndBytes() {
    DesiredCondition condition =
        ReplicationCondition.of(
            List.of(
                captured("centos01", L + "ta-proc-drbd-syncsource.txt", null),
                captured("centos02", L + "tb-proc-drbd-synctarget.txt", null)));

    assertThat(condition.status()).isEqualTo(ConditionStatus.False);
    assertThat(condition.reason()).isEqualTo(Reasons.SYNCING);
    assertThat(condition.message())
        .isEqualTo(
            "centos01: minor 0 SyncSource 6.3%, "
                + 123336L * 1024
                + " bytes out of sync; centos02: minor 0 SyncTarget 6.3%, "
                + 123024L * 1024
                + " bytes out of sync");
  }

  @Test
  void bothSidesInconsistentIsInitialSyncPending() {
    DesiredCondition connected =
        ReplicationCondition.of(
            List.of(
                observe(spec, "centos01", CONNECTED_FRESH, null),
                observe(spec, "centos02", CONNECTED_FRESH, null)));
    // A new pair not yet connected is StandAlone but Inconsistent: not a split brain.
    DesiredCondition standAlone =
        ReplicationCondition.of(
            List.of(
                captured("centos01", L + "ta-proc-drbd-standalone-fresh.txt", null),
                captured("centos02", L + "ta-proc-drbd-standalone-fresh.txt", null)));

    assertThat(connected.reason()).isEqualTo(Reasons.INITIAL_SYNC_PENDING);
    assertThat(connected.status()).isEqualTo(ConditionStatus.False);
    assertThat(standAlone.reason()).isEqualTo(Reasons.INITIAL_SYNC_PENDING);
  }

  @Test
  void aDeviceWaitingForItsPeerIsDisconnected() {
    DesiredCondition condition =
        ReplicationCondition.of(
            List.of(
                captured("centos01", L + "ta-proc-drbd-wfconnection-oos.txt", null),
                observe(spec, "centos02", DOWN, null)));

    assertThat(condition.status()).isEqualTo(ConditionStatus.False);
    assertThat(condition.reason()).isEqualTo(Reasons.DISCONNECTED);
    assertThat(condition.message())
        .isEqualTo("centos01: minor 0 connection WFConnection UpToDate/DUnknown");
  }

  @Test
  void aConnectedButDisklessSideIsDegraded() {
    // The real sample's peer detached its disk: Connected, Secondary, Diskless/UpToDate.
    List<DrbdDeviceState> detached =
        ProcDrbdParser.parse(Captured.read(L + "tb-proc-drbd-diskless.txt")).devices();

    DesiredCondition condition =
        ReplicationCondition.of(
            List.of(
                new DrbdObservation(
                    "centos01", true, true, detached, Optional.of("8.4.11"), Optional.empty())));

    assertThat(condition.reason()).isEqualTo(Reasons.DEGRADED);
    assertThat(condition.message())
        .isEqualTo("centos01: minor 0 disks Connected Diskless/UpToDate");
  }

  @Test
  void connectedAndUpToDateOnBothSidesIsHealthy() {
    DesiredCondition condition =
        ReplicationCondition.of(
            List.of(
                observe(spec, "centos01", PRIMARY_SYNCED, null),
                captured("centos02", "proc-drbd-8.4-seed.txt", null)));

    assertThat(condition.status()).isEqualTo(ConditionStatus.True);
    assertThat(condition.reason()).isEqualTo(Reasons.UP_TO_DATE);
  }

  /** Real DRBD 8.4.11 output of the kernel lab's pair after its first sync. */
  @Test
  void theKernelLabsConnectedPairIsHealthy() {
    DesiredCondition condition =
        ReplicationCondition.of(
            List.of(
                captured("ta", "kernel-lab/recipe/ta-proc-drbd-connected-primary.txt", null),
                captured("tb", "kernel-lab/recipe/tb-proc-drbd-connected-secondary.txt", null)));

    assertThat(condition.status()).isEqualTo(ConditionStatus.True);
    assertThat(condition.reason()).isEqualTo(Reasons.UP_TO_DATE);
  }

  /** The kernel lab's survivor after its peer's VM was killed and it was promoted. */
  @Test
  void theKernelLabsSurvivorOfAPeerCrashIsDisconnected() {
    DesiredCondition condition =
        ReplicationCondition.of(
            List.of(
                captured(
                    "ta",
                    "kernel-lab/recipe/ta-proc-drbd-wfconnection-primary-peer-crashed.txt",
                    null)));

    assertThat(condition.status()).isEqualTo(ConditionStatus.False);
    assertThat(condition.reason()).isEqualTo(Reasons.DISCONNECTED);
    assertThat(condition.message())
        .isEqualTo("ta: minor 0 connection WFConnection UpToDate/DUnknown");
  }
}
