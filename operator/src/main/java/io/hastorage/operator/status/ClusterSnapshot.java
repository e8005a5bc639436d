package io.hastorage.operator.status;

import io.hastorage.operator.api.cluster.StorageClusterSpec;
import io.hastorage.operator.api.validation.Violation;
import io.hastorage.operator.apply.StepOutcome;
import io.hastorage.operator.observe.Observation;
import io.hastorage.operator.plan.Plan;
import io.hastorage.operator.plan.prereq.PrerequisiteReport;
import java.util.List;
import java.util.Map;

/**
 * Everything one StorageCluster reconcile learned and did, handed to the pure aggregator.
 *
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
    Plan plan,
    Map<String, StepOutcome> outcomes) {}
