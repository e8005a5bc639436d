package io.hastorage.operator.status;

import io.hastorage.operator.api.cluster.StorageClusterSpec;
import io.hastorage.operator.api.validation.Violation;
import io.hastorage.operator.apply.StepOutcome;
import io.hastorage.operator.observe.Observation;
import io.hastorage.operator.plan.Plan;
import io.hastorage.operator.plan.cluster.ClusterView;
import io.hastorage.operator.plan.prereq.PrerequisiteReport;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Everything one StorageCluster reconcile learned and did, handed to the pure aggregator.
 *
 * @param cluster the cluster layer as observed; empty when the spec was invalid
 * @param secretProblems Secrets (by name and key, never value) that could not be read
 * @param outcomes per node, how applying went; empty when nothing was applied (paused, dry-run)
 */
public record ClusterSnapshot(
    StorageClusterSpec spec,
    long generation,
    boolean paused,
    boolean dryRun,
    List<Violation> violations,
    Map<String, Observation> observations,
    Map<String, PrerequisiteReport> prerequisites,
    Optional<ClusterView> cluster,
    List<String> secretProblems,
    Plan plan,
    Map<String, StepOutcome> outcomes) {

  /** The engine's part of the snapshot, as every resource's conditions see it. */
  public EngineRun engineRun() {
    return new EngineRun(
        observations, plan, outcomes, EngineRun.annotationHold(paused, dryRun, plan.size()));
  }

  /** A snapshot of a spec that failed validation: nothing was observed or planned. */
  public static ClusterSnapshot invalid(
      StorageClusterSpec spec,
      long generation,
      boolean paused,
      boolean dryRun,
      List<Violation> violations) {
    return new ClusterSnapshot(
        spec,
        generation,
        paused,
        dryRun,
        violations,
        Map.of(),
        Map.of(),
        Optional.empty(),
        List.of(),
        Plan.empty(),
        Map.of());
  }
}
