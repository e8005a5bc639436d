package io.hastorage.operator.status;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import com.fasterxml.jackson.databind.JsonNode;
import io.fabric8.kubernetes.api.model.Condition;
import io.fabric8.kubernetes.client.utils.Serialization;
import io.hastorage.operator.api.Manifests;
import io.hastorage.operator.api.drbd.DrbdVolume;
import io.hastorage.operator.api.drbd.DrbdVolumeSpec;
import io.hastorage.operator.api.drbd.DrbdVolumeStatus;
import io.hastorage.operator.api.drbd.DrbdVolumeStatus.DrbdNodeState;
import io.hastorage.operator.node.NodeAccessException;
import io.hastorage.operator.observe.NodeFacts;
import io.hastorage.operator.observe.Observation;
import io.hastorage.operator.observe.Tool;
import io.hastorage.operator.plan.Plan;
import io.hastorage.operator.plan.drbd.DrbdObservation;
import io.hastorage.operator.plan.drbd.SplitBrainMarker;
import io.hastorage.operator.plan.drbd.pacemaker.DrbdPacemakerElements;
import io.hastorage.operator.plan.pacemaker.ActiveResources;
import io.hastorage.operator.testing.Captured;
import io.hastorage.operator.testing.Examples;
import io.hastorage.operator.testing.FactsBuilder;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class DrbdVolumeStatusAggregatorTest {

  private static final Instant T0 = Instant.parse("2026-11-25T10:00:00Z");
  private static final Instant T1 = Instant.parse("2026-11-25T10:05:00Z");
  private static final long GENERATION = 3;

  private final DrbdVolumeSpec spec =
      Manifests.ofKind(Examples.seed(), DrbdVolume.class).get(0).getSpec();
  private final DrbdVolumeStatusAggregator aggregator = aggregatorAt(T0);

  private static DrbdVolumeStatusAggregator aggregatorAt(Instant now) {
    return new DrbdVolumeStatusAggregator(Clock.fixed(now, ZoneOffset.UTC));
  }

  /** A target with drbd 8.4 loaded, the given /proc/drbd, and the split-brain marker if given. */
  private static NodeFacts target(String node, String procDrbd, String marker) {
    FactsBuilder facts =
        new FactsBuilder(node)
            .version(Tool.DRBD_KERNEL, "8.4.11")
            .section("proc-drbd", 0, procDrbd);
    if (marker != null) {
      facts.content(SplitBrainMarker.path("vg1"), marker + "\n");
    }
    return facts.build();
  }

  /**
   * Both targets reached, nothing left to plan, the cluster converged, and Pacemaker's LVM-activate
   * running where DRBD is Primary.
   */
  private DrbdVolumeSnapshot snapshot(NodeFacts... nodes) {
    return snapshot(List.of(), nodes);
  }

  /** As {@link #snapshot(NodeFacts...)}, with these targets not answering the probe. */
  private DrbdVolumeSnapshot snapshot(List<String> unreached, NodeFacts... nodes) {
    Map<String, Observation> observations = new LinkedHashMap<>();
    Map<String, DrbdObservation> drbd = new LinkedHashMap<>();
    for (NodeFacts node : nodes) {
      observations.put(node.nodeName(), Observation.reached(node));
      drbd.put(node.nodeName(), DrbdObservation.of(node, spec));
    }
    for (String node : unreached) {
      observations.put(
          node,
          Observation.unreached(node, NodeAccessException.Failure.NodeUnreachable, "no route"));
    }
    List<String> primaries =
        drbd.values().stream().filter(DrbdObservation::primary).map(DrbdObservation::node).toList();
    return snapshot(observations, drbd, Map.of(LVM, primaries));
  }

  private static final String LVM = DrbdPacemakerElements.lvmId("vg1");

  private DrbdVolumeSnapshot snapshot(
      Map<String, Observation> observations,
      Map<String, DrbdObservation> drbd,
      Map<String, List<String>> placement) {
    return new DrbdVolumeSnapshot(
        spec,
        GENERATION,
        false,
        List.of(),
        DesiredCondition.of(
            ConditionTypes.CLUSTER_AVAILABLE,
            true,
            "ClusterConverged",
            "StorageCluster vg1-cluster is converged"),
        List.of(),
        new EngineRun(observations, Plan.empty(), Map.of(), Optional.empty()),
        drbd,
        Optional.of(placement));
  }

  private static Condition condition(DrbdVolumeStatus status, String type) {
    return status.condition(type).orElseThrow();
  }

  @Test
  void aHealthyPairIsReadyWithItsPrimaryAndOneEntryPerNode() {
    DrbdVolumeStatus status =
        aggregator.aggregate(
            snapshot(
                target("centos01", ReplicationConditionTest.PRIMARY_SYNCED, null),
                target("centos02", Captured.read("proc-drbd-8.4-seed.txt"), null)),
            null);

    assertThat(status.observedGeneration).isEqualTo(GENERATION);
    assertThat(status.primary).isEqualTo("centos01");
    assertThat(status.splitBrain).isNull();
    assertThat(status.initialSyncStarted).isTrue();
    assertThat(status.nodes)
        .extracting(
            n -> n.node, n -> n.volume, n -> n.drbdVersion, n -> n.role, n -> n.connectionState)
        .containsExactly(
            tuple("centos01", 0, "8.4.11", "Primary", "Connected"),
            tuple("centos02", 0, "8.4.7-1", "Secondary", "Connected"));
    assertThat(status.conditions)
        .extracting(Condition::getType, Condition::getStatus, Condition::getReason)
        .containsExactly(
            tuple(ConditionTypes.READY, "True", Reasons.READY),
            tuple(ConditionTypes.SPEC_VALID, "True", "Valid"),
            tuple(ConditionTypes.CLUSTER_AVAILABLE, "True", "ClusterConverged"),
            tuple(ConditionTypes.SECRETS_AVAILABLE, "True", "Available"),
            tuple(ConditionTypes.NODES_REACHABLE, "True", "AllNodesReachable"),
            tuple(ConditionTypes.REPLICATION_HEALTHY, "True", Reasons.UP_TO_DATE),
            tuple(ConditionTypes.CONVERGED, "True", Reasons.CONVERGED),
            tuple(ConditionTypes.DEGRADED, "False", Degradation.REDUNDANT));
    assertThat(condition(status, ConditionTypes.READY).getMessage())
        .isEqualTo("Primary on centos01, UpToDate, VG vg1 active");
    assertThat(status.initialSyncCompleted).isTrue();
    assertThat(status.conditions)
        .allSatisfy(c -> assertThat(c.getLastTransitionTime()).isEqualTo("2026-11-25T10:00:00Z"));
  }

  /**
   * The operator's own seed on the kernel lab, real output: /proc/drbd of both targets and crm_mon
   * on ta, where Pacemaker promoted DRBD and runs LVM-activate: Ready and redundant.
   */
  @Test
  void theKernelLabSeedServesFromTheNodePacemakerPromoted() {
    Map<String, Observation> observations = new LinkedHashMap<>();
    Map<String, DrbdObservation> drbd = new LinkedHashMap<>();
    for (String node : List.of("ta", "tb")) {
      NodeFacts facts =
          target(node, Captured.read("kernel-lab/seed-scst/" + node + "-proc-drbd.txt"), null);
      observations.put(node, Observation.reached(facts));
      drbd.put(node, DrbdObservation.of(facts, spec));
    }
    Map<String, List<String>> placement =
        ActiveResources.placement(Captured.read("kernel-lab/seed-scst/ta-crm_mon.xml"));

    DrbdVolumeStatus status = aggregator.aggregate(snapshot(observations, drbd, placement), null);

    assertThat(condition(status, ConditionTypes.READY).getMessage())
        .isEqualTo("Primary on ta, UpToDate, VG vg1 active");
    assertThat(condition(status, ConditionTypes.DEGRADED).getStatus()).isEqualTo("False");
  }

  /**
   * The first sync takes hours on a real disk; the primary's data is usable from its first second.
   * Real DRBD 8.4.11 mid-sync: Ready, and Degraded names the first sync.
   */
  @Test
  void duringTheFirstSyncThePrimaryServesAndTheVolumeIsDegraded() {
    DrbdVolumeStatus status = aggregator.aggregate(syncing(), null);

    assertThat(condition(status, ConditionTypes.READY).getStatus()).isEqualTo("True");
    Condition degraded = condition(status, ConditionTypes.DEGRADED);
    assertThat(degraded.getStatus()).isEqualTo("True");
    assertThat(degraded.getReason()).isEqualTo(Degradation.INITIAL_SYNC);
    assertThat(degraded.getMessage()).contains("SyncSource 6.3%");
    assertThat(status.initialSyncCompleted).isNull();
  }

  @Test
  void aResyncAfterTheFirstIsSyncingNotInitialSync() {
    DrbdVolumeStatus synced =
        aggregator.aggregate(
            snapshot(
                target("centos01", ReplicationConditionTest.PRIMARY_SYNCED, null),
                target("centos02", Captured.read("proc-drbd-8.4-seed.txt"), null)),
            null);

    DrbdVolumeStatus resyncing = aggregatorAt(T1).aggregate(syncing(), synced);

    assertThat(condition(resyncing, ConditionTypes.READY).getStatus()).isEqualTo("True");
    assertThat(condition(resyncing, ConditionTypes.DEGRADED).getReason())
        .isEqualTo(Degradation.SYNCING);
    assertThat(resyncing.initialSyncCompleted).isTrue();
  }

  @Test
  void aPeerThatDoesNotAnswerLeavesThePrimaryServingAndDegraded() {
    DrbdVolumeStatus status =
        aggregator.aggregate(
            snapshot(
                List.of("centos02"),
                target(
                    "centos01",
                    Captured.read("kernel-lab/drbd-lab/ta-proc-drbd-after-split-brain.txt")
                        .replace("StandAlone", "WFConnection")
                        .replace("oos:1024", "oos:0"),
                    null)),
            null);

    assertThat(condition(status, ConditionTypes.READY).getStatus()).isEqualTo("True");
    Condition degraded = condition(status, ConditionTypes.DEGRADED);
    assertThat(degraded.getReason()).isEqualTo(Degradation.PEER_DOWN);
    assertThat(degraded.getMessage())
        .startsWith("centos02 does not answer (NodeUnreachable)")
        .contains("WFConnection");
  }

  @Test
  void aPrimaryWhoseVolumeGroupPacemakerHasNotActivatedIsNotReady() {
    Map<String, Observation> observations = new LinkedHashMap<>();
    Map<String, DrbdObservation> drbd = new LinkedHashMap<>();
    for (NodeFacts node :
        List.of(
            target("centos01", ReplicationConditionTest.PRIMARY_SYNCED, null),
            target("centos02", Captured.read("proc-drbd-8.4-seed.txt"), null))) {
      observations.put(node.nodeName(), Observation.reached(node));
      drbd.put(node.nodeName(), DrbdObservation.of(node, spec));
    }

    DrbdVolumeStatus status =
        aggregator.aggregate(snapshot(observations, drbd, Map.of(LVM, List.of("centos02"))), null);

    Condition ready = condition(status, ConditionTypes.READY);
    assertThat(ready.getStatus()).isEqualTo("False");
    assertThat(ready.getReason()).isEqualTo(Reasons.VOLUME_GROUP_INACTIVE);
    assertThat(ready.getMessage())
        .isEqualTo(
            "centos01 is Primary with UpToDate data, but Pacemaker has not activated VG vg1"
                + " there ("
                + LVM
                + ")");
  }

  @Test
  void aPrimaryWithoutUpToDateDataIsNotReady() {
    String inconsistentPrimary =
        Captured.read("kernel-lab/drbd-lab/tb-proc-drbd-synctarget.txt")
            .replace("ro:Secondary/Primary", "ro:Primary/Secondary");

    DrbdVolumeStatus status =
        aggregator.aggregate(
            snapshot(
                target("centos01", inconsistentPrimary, null),
                target(
                    "centos02",
                    Captured.read("kernel-lab/drbd-lab/ta-proc-drbd-syncsource.txt")
                        .replace("ro:Primary/Secondary", "ro:Secondary/Primary"),
                    null)),
            null);

    Condition ready = condition(status, ConditionTypes.READY);
    assertThat(ready.getStatus()).isEqualTo("False");
    assertThat(ready.getReason()).isEqualTo(Reasons.PRIMARY_NOT_UP_TO_DATE);
    assertThat(ready.getMessage()).startsWith("centos01 is Primary without UpToDate data");
  }

  @Test
  void withNoPrimaryTheVolumeIsNotReady() {
    DrbdVolumeStatus status =
        aggregator.aggregate(
            snapshot(
                target("centos01", Captured.read("proc-drbd-8.4-seed.txt"), null),
                target("centos02", Captured.read("proc-drbd-8.4-seed.txt"), null)),
            null);

    Condition ready = condition(status, ConditionTypes.READY);
    assertThat(ready.getStatus()).isEqualTo("False");
    assertThat(ready.getReason()).isEqualTo(Reasons.NO_PRIMARY);
    assertThat(condition(status, ConditionTypes.DEGRADED).getStatus()).isEqualTo("False");
  }

  private DrbdVolumeSnapshot syncing() {
    return snapshot(
        target("centos01", Captured.read("kernel-lab/drbd-lab/ta-proc-drbd-syncsource.txt"), null),
        target("centos02", Captured.read("kernel-lab/drbd-lab/tb-proc-drbd-synctarget.txt"), null));
  }

  /** Real DRBD 8.4.11 output of the kernel lab's pair after its first sync. */
  @Test
  void theKernelLabsConnectedPairIsReady() {
    DrbdVolumeStatus status =
        aggregator.aggregate(
            snapshot(
                target(
                    "ta",
                    Captured.read("kernel-lab/recipe/ta-proc-drbd-connected-primary.txt"),
                    null),
                target(
                    "tb",
                    Captured.read("kernel-lab/recipe/tb-proc-drbd-connected-secondary.txt"),
                    null)),
            null);

    assertThat(status.primary).isEqualTo("ta");
    assertThat(status.nodes)
        .extracting(
            n -> n.node,
            n -> n.drbdVersion,
            n -> n.role,
            n -> n.connectionState,
            n -> n.diskState,
            n -> n.peerDiskState,
            n -> n.outOfSyncBytes,
            n -> n.syncProgressPercent)
        .containsExactly(
            tuple("ta", "8.4.11", "Primary", "Connected", "UpToDate", "UpToDate", 0L, null),
            tuple("tb", "8.4.11", "Secondary", "Connected", "UpToDate", "UpToDate", 0L, null));
    assertThat(condition(status, ConditionTypes.READY).getReason()).isEqualTo(Reasons.READY);
  }

  @Test
  void procDrbdMinorsAreMappedBackToVolumeNumbers() {
    spec.volumes.get(0).minor = 7;
    String source =
        Captured.read("kernel-lab/drbd-lab/ta-proc-drbd-syncsource.txt")
            .replace(" 0: cs:", " 7: cs:");
    String peer =
        Captured.read("kernel-lab/drbd-lab/tb-proc-drbd-synctarget.txt")
            .replace(" 0: cs:", " 7: cs:");

    DrbdVolumeStatus status =
        aggregator.aggregate(
            snapshot(target("centos01", source, null), target("centos02", peer, null)), null);

    DrbdNodeState first = status.nodes.get(0);
    assertThat(status.nodes).extracting(n -> n.volume).containsExactly(0, 0);
    assertThat(first.node).isEqualTo("centos01");
    assertThat(first.role).isEqualTo("Primary");
    assertThat(first.connectionState).isEqualTo("SyncSource");
    assertThat(first.diskState).isEqualTo("UpToDate");
    assertThat(first.peerDiskState).isEqualTo("Inconsistent");
    assertThat(first.syncProgressPercent).isEqualTo("6.3");
    assertThat(first.outOfSyncBytes).isEqualTo(123336L * 1024);
    assertThat(status.nodes.get(1).syncProgressPercent).isEqualTo("6.3");
    assertThat(status.primary).isEqualTo("centos01");
    assertThat(condition(status, ConditionTypes.REPLICATION_HEALTHY).getReason())
        .isEqualTo(Reasons.SYNCING);
  }

  /**
   * A split brain is never resolved automatically and pages (HaStorageDrbdSplitBrain). The side
   * that is still Primary keeps serving: Ready says so, Degraded says SplitBrain.
   */
  @Test
  void aSplitBrainIsFlaggedAsDegradedWhileThePrimaryServes() {
    DrbdVolumeStatus status =
        aggregator.aggregate(
            snapshot(
                target(
                    "centos01",
                    Captured.read("kernel-lab/drbd-lab/ta-proc-drbd-after-split-brain.txt"),
                    ReplicationConditionTest.DETECTED_AT),
                target(
                    "centos02",
                    Captured.read("kernel-lab/drbd-lab/tb-proc-drbd-after-split-brain.txt"),
                    null)),
            null);

    assertThat(status.splitBrain).isTrue();
    assertThat(condition(status, ConditionTypes.READY).getStatus()).isEqualTo("True");
    Condition degraded = condition(status, ConditionTypes.DEGRADED);
    assertThat(degraded.getStatus()).isEqualTo("True");
    assertThat(degraded.getReason()).isEqualTo(Reasons.SPLIT_BRAIN);
    assertThat(degraded.getMessage()).startsWith("centos01: possible split brain");
    assertThat(status.nodes)
        .extracting(n -> n.node, n -> n.connectionState, n -> n.splitBrainDetectedAt)
        .containsExactly(
            tuple("centos01", "StandAlone", ReplicationConditionTest.DETECTED_AT),
            tuple("centos02", "StandAlone", null));
  }

  @Test
  void theSameSnapshotAggregatedAgainGivesAnEqualStatus() {
    DrbdVolumeSnapshot snapshot =
        snapshot(
            target(
                "centos01", Captured.read("kernel-lab/drbd-lab/ta-proc-drbd-syncsource.txt"), null),
            target(
                "centos02",
                Captured.read("kernel-lab/drbd-lab/tb-proc-drbd-synctarget.txt"),
                null));
    DrbdVolumeStatus first = aggregator.aggregate(snapshot, null);

    DrbdVolumeStatus second = aggregatorAt(T1).aggregate(snapshot, first);

    JsonNode before = Serialization.jsonMapper().valueToTree(first);
    JsonNode after = Serialization.jsonMapper().valueToTree(second);
    assertThat(after).isEqualTo(before);
    assertThat(second).usingRecursiveComparison().isEqualTo(first);
    assertThat(second.conditions)
        .extracting(Condition::getLastTransitionTime)
        .containsOnly("2026-11-25T10:00:00Z");
  }

  @Test
  void aChangedReasonMovesOnlyThatConditionsTransitionTime() {
    DrbdVolumeStatus syncing =
        aggregator.aggregate(
            snapshot(
                target(
                    "centos01",
                    Captured.read("kernel-lab/drbd-lab/ta-proc-drbd-syncsource.txt"),
                    null),
                target(
                    "centos02",
                    Captured.read("kernel-lab/drbd-lab/tb-proc-drbd-synctarget.txt"),
                    null)),
            null);

    DrbdVolumeStatus synced =
        aggregatorAt(T1)
            .aggregate(
                snapshot(
                    target("centos01", ReplicationConditionTest.PRIMARY_SYNCED, null),
                    target("centos02", Captured.read("proc-drbd-8.4-seed.txt"), null)),
                syncing);

    assertThat(condition(synced, ConditionTypes.REPLICATION_HEALTHY).getLastTransitionTime())
        .isEqualTo("2026-11-25T10:05:00Z");
    assertThat(condition(synced, ConditionTypes.CONVERGED).getLastTransitionTime())
        .isEqualTo("2026-11-25T10:00:00Z");
  }

  @Test
  void withoutObservationsNoDrbdPartIsFilled() {
    DrbdVolumeStatus status =
        aggregator.aggregate(
            DrbdVolumeSnapshot.stopped(
                spec,
                GENERATION,
                List.of(),
                DesiredCondition.of(
                    ConditionTypes.CLUSTER_AVAILABLE,
                    false,
                    Reasons.CLUSTER_NOT_FOUND,
                    "StorageCluster vg1-cluster not found in this namespace")),
            null);

    assertThat(status.nodes).isEmpty();
    assertThat(status.primary).isNull();
    assertThat(status.conditions)
        .extracting(Condition::getType)
        .containsExactly(
            ConditionTypes.READY, ConditionTypes.SPEC_VALID, ConditionTypes.CLUSTER_AVAILABLE);
    assertThat(condition(status, ConditionTypes.READY).getReason())
        .isEqualTo(Reasons.CLUSTER_NOT_FOUND);
  }

  @Test
  void aTargetWithoutTheDrbdModuleIsNotCalledConverged() {
    DrbdVolumeSnapshot snapshot =
        new DrbdVolumeSnapshot(
            spec,
            1,
            false,
            List.of(),
            DesiredCondition.of(ConditionTypes.CLUSTER_AVAILABLE, true, "ClusterConverged", "ok"),
            List.of(),
            new EngineRun(
                Map.of("centos01", Observation.reached(new FactsBuilder("centos01").build())),
                Plan.empty(),
                Map.of(),
                Optional.empty()),
            Map.of(
                "centos01",
                new DrbdObservation(
                    "centos01", false, false, List.of(), Optional.empty(), Optional.empty())),
            Optional.empty());

    DrbdVolumeStatus status = aggregator.aggregate(snapshot, null);

    assertThat(status.condition("Converged").orElseThrow().getReason())
        .isEqualTo("DrbdModuleMissing");
    assertThat(status.condition("Converged").orElseThrow().getMessage()).contains("centos01");
  }
}
