package io.hastorage.operator.status;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.Condition;
import io.hastorage.operator.api.Manifests;
import io.hastorage.operator.api.scst.ScstTarget;
import io.hastorage.operator.api.scst.ScstTargetStatus;
import io.hastorage.operator.observe.Observation;
import io.hastorage.operator.plan.Plan;
import io.hastorage.operator.plan.scst.ScstTargetElements;
import io.hastorage.operator.testing.Examples;
import io.hastorage.operator.testing.FactsBuilder;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class ScstTargetStatusAggregatorTest {

  private final ScstTarget target = Manifests.ofKind(Examples.seed(), ScstTarget.class).get(0);
  private final ScstTargetStatusAggregator aggregator =
      new ScstTargetStatusAggregator(
          Clock.fixed(Instant.parse("2026-11-25T00:00:00Z"), ZoneOffset.UTC));

  private ScstTargetSnapshot snapshot(Map<String, List<String>> placement, List<String> blocked) {
    return snapshot(placement, blocked, volumesReady(), List.of());
  }

  private static DesiredCondition volumesReady() {
    return DesiredCondition.of(ConditionTypes.VOLUMES_READY, true, "VolumesReady", "ok");
  }

  private ScstTargetSnapshot snapshot(
      Map<String, List<String>> placement,
      List<String> blocked,
      DesiredCondition volumes,
      List<Degradation.Finding> volumeDegradation) {
    return new ScstTargetSnapshot(
        target,
        1,
        false,
        List.of(),
        DesiredCondition.of(ConditionTypes.CLUSTER_AVAILABLE, true, "ClusterConverged", "ok"),
        volumes,
        List.of(),
        Optional.of(DesiredCondition.of(ConditionTypes.AGENTS_AVAILABLE, true, "Ok", "ok")),
        Optional.of("SCST_OCF"),
        new EngineRun(
            Map.of("centos01", Observation.reached(new FactsBuilder("centos01").build())),
            Plan.empty(),
            Map.of(),
            Optional.empty()),
        Optional.of(placement),
        Optional.of(3),
        blocked,
        volumeDegradation);
  }

  private static Map<String, List<String>> runningOn(String node) {
    return Map.of(
        ScstTargetElements.targetId("vg1-target"), List.of(node),
        ScstTargetElements.portalId("vg1-target", "192.168.0.180"), List.of(node),
        ScstTargetElements.portalId("vg1-target", "10.20.1.180"), List.of(node));
  }

  @Test
  void aRunningTargetIsReadyWithItsNodePortalsLunsAndSessions() {
    ScstTargetStatus status =
        aggregator.aggregate(snapshot(runningOn("centos01"), List.of()), null);

    assertThat(status.condition("Ready").orElseThrow().getStatus()).isEqualTo("True");
    assertThat(status.activeNode).isEqualTo("centos01");
    assertThat(status.portals).allSatisfy(p -> assertThat(p.up).isTrue());
    assertThat(status.luns).singleElement().satisfies(l -> assertThat(l.scsiSn).hasSize(16));
    assertThat(status.sessions).isEqualTo(3);
  }

  /**
   * The ScstTarget serves while its volume converges or resyncs: Ready stays True, VolumesReady
   * holds its own changes, and Degraded carries the volume's reason (here its first sync).
   */
  @Test
  void aRunningTargetWhoseVolumeIsInItsFirstSyncIsReadyAndDegraded() {
    ScstTargetStatus status =
        aggregator.aggregate(
            snapshot(
                runningOn("centos01"),
                List.of(),
                DesiredCondition.of(
                    ConditionTypes.VOLUMES_READY,
                    false,
                    Reasons.WAITING_FOR_VOLUME,
                    "DrbdVolume vg1 is Ready but not converged to its spec"),
                List.of(
                    Degradation.inherited(
                        "DrbdVolume",
                        "vg1",
                        Degradation.INITIAL_SYNC,
                        "centos01: SyncSource 6.3%"))),
            null);

    assertThat(status.condition("Ready").orElseThrow().getStatus()).isEqualTo("True");
    assertThat(status.condition("Ready").orElseThrow().getMessage())
        .isEqualTo("serving on centos01");
    Condition degraded = status.condition(ConditionTypes.DEGRADED).orElseThrow();
    assertThat(degraded.getStatus()).isEqualTo("True");
    assertThat(degraded.getReason()).isEqualTo(Degradation.INITIAL_SYNC);
    assertThat(degraded.getMessage()).isEqualTo("DrbdVolume vg1: centos01: SyncSource 6.3%");
  }

  @Test
  void aRedundantRunningTargetIsNotDegraded() {
    ScstTargetStatus status =
        aggregator.aggregate(snapshot(runningOn("centos01"), List.of()), null);

    assertThat(status.condition(ConditionTypes.DEGRADED).orElseThrow().getStatus())
        .isEqualTo("False");
  }

  @Test
  void aDropRuleLeftOnTheActiveNodeIsReportedAsBlockedClients() {
    ScstTargetStatus status =
        aggregator.aggregate(snapshot(runningOn("centos02"), List.of("10.20.1.180:3260")), null);

    assertThat(status.condition("TargetRunning").orElseThrow().getReason())
        .isEqualTo("ClientsBlocked");
    assertThat(status.condition("TargetRunning").orElseThrow().getMessage())
        .contains("centos02", "10.20.1.180:3260");
    assertThat(status.condition("Ready").orElseThrow().getStatus()).isEqualTo("False");
  }

  @Test
  void aTargetRunningNowhereIsNotReady() {
    ScstTargetStatus status = aggregator.aggregate(snapshot(Map.of(), List.of()), null);

    assertThat(status.activeNode).isNull();
    assertThat(status.condition("TargetRunning").orElseThrow().getStatus()).isEqualTo("False");
    assertThat(status.portals).allSatisfy(p -> assertThat(p.up).isFalse());
  }

  @Test
  void theLastActiveNodeOutlivesAReconcileThatCatchesTheTargetMoving() {
    ScstTargetStatus running =
        aggregator.aggregate(snapshot(runningOn("centos01"), List.of()), null);
    ScstTargetStatus moving = aggregator.aggregate(snapshot(Map.of(), List.of()), running);
    ScstTargetStatus moved =
        aggregator.aggregate(snapshot(runningOn("centos02"), List.of()), moving);

    assertThat(moving.activeNode).isNull();
    assertThat(moving.lastActiveNode).isEqualTo("centos01");
    assertThat(moved.lastActiveNode).isEqualTo("centos02");
  }
}
