package io.hastorage.operator.reconciler;

import io.hastorage.operator.api.cluster.StorageCluster;
import io.hastorage.operator.api.cluster.StorageClusterSpec;
import io.hastorage.operator.api.cluster.StorageClusterStatus;
import io.hastorage.operator.api.common.Annotations;
import io.hastorage.operator.api.validation.SpecValidator;
import io.hastorage.operator.api.validation.Violation;
import io.hastorage.operator.apply.Convergence;
import io.hastorage.operator.apply.StepOutcome;
import io.hastorage.operator.observe.NodeFacts;
import io.hastorage.operator.observe.Observation;
import io.hastorage.operator.plan.cluster.StorageClusterPlanner;
import io.hastorage.operator.plan.cluster.StorageClusterPlanner.ClusterPlan;
import io.hastorage.operator.plan.corosync.CorosyncPlanner;
import io.hastorage.operator.status.ClusterSnapshot;
import io.hastorage.operator.status.StorageClusterStatusAggregator;
import io.javaoperatorsdk.operator.api.reconciler.Context;
import io.javaoperatorsdk.operator.api.reconciler.ControllerConfiguration;
import io.javaoperatorsdk.operator.api.reconciler.Reconciler;
import io.javaoperatorsdk.operator.api.reconciler.UpdateControl;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Reconciles a StorageCluster: validate, open node access, observe every node with one probe, plan,
 * apply (unless paused or dry-run), then write status only if it changed.
 */
@ControllerConfiguration(name = StorageClusterReconciler.NAME)
public class StorageClusterReconciler implements Reconciler<StorageCluster> {

  public static final String NAME = "storagecluster";

  private final NodeAccess access;
  private final ClusterSecrets clusterSecrets;
  private final Convergence convergence;
  private final StorageClusterStatusAggregator aggregator;
  private final ReconcileReporter reporter;

  public StorageClusterReconciler(
      NodeAccess access,
      ClusterSecrets clusterSecrets,
      Convergence convergence,
      StorageClusterStatusAggregator aggregator,
      ReconcileReporter reporter) {
    this.access = access;
    this.clusterSecrets = clusterSecrets;
    this.convergence = convergence;
    this.aggregator = aggregator;
    this.reporter = reporter;
  }

  @Override
  public UpdateControl<StorageCluster> reconcile(
      StorageCluster cluster, Context<StorageCluster> context) throws InterruptedException {
    try (ReconcileContext ignored = ReconcileContext.enter(cluster)) {
      ClusterSnapshot snapshot = snapshot(cluster);
      StorageClusterStatus status = aggregator.aggregate(snapshot, cluster.getStatus());
      reporter.report(cluster, snapshot, status);
      return reporter.patchIfChanged(cluster, status);
    }
  }

  private ClusterSnapshot snapshot(StorageCluster cluster) throws InterruptedException {
    StorageClusterSpec spec = cluster.getSpec();
    List<Violation> violations = SpecValidator.validateResource(cluster);
    boolean paused = Annotations.isPaused(cluster);
    boolean dryRun = Annotations.isDryRun(cluster);
    long generation = generation(cluster);
    if (!violations.isEmpty()) {
      return ClusterSnapshot.invalid(spec, generation, paused, dryRun, violations);
    }
    ObservedFleet fleet =
        ObservedFleet.observe(
            access,
            convergence,
            cluster.getMetadata().getNamespace(),
            spec.nodes,
            node -> StorageClusterPlanner.probeRequest(spec, node));
    Map<String, Observation> observations = fleet.observations();
    Map<String, NodeFacts> facts = fleet.facts();
    boolean nodesHaveKey =
        facts.values().stream().anyMatch(f -> f.fileHash(CorosyncPlanner.AUTHKEY_PATH).isPresent());
    ClusterSecrets.Result secrets = clusterSecrets.read(cluster, nodesHaveKey);
    ClusterPlan plan;
    try {
      plan = StorageClusterPlanner.plan(spec, facts, secrets.secrets());
    } catch (IllegalArgumentException unusable) {
      // A Secret's value the cluster layer cannot use (an authkey of the wrong size, a control
      // character in a fence password): report it, and plan everything that needs no secret.
      // The planners' messages name the Secret and the rule, never the value.
      secrets = secrets.withProblem(unusable.getMessage());
      plan = StorageClusterPlanner.plan(spec, facts, StorageClusterPlanner.Secrets.none());
    }
    Map<String, StepOutcome> outcomes = paused || dryRun ? Map.of() : fleet.apply(plan.plan());
    return new ClusterSnapshot(
        spec,
        generation,
        paused,
        dryRun,
        violations,
        observations,
        plan.prerequisites(),
        Optional.of(plan.cluster()),
        secrets.problems(),
        plan.plan(),
        outcomes);
  }

  private static long generation(StorageCluster cluster) {
    Long generation = cluster.getMetadata().getGeneration();
    return generation == null ? 0 : generation;
  }
}
