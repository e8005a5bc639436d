package io.hastorage.operator.reconciler;

import io.fabric8.kubernetes.api.model.Condition;
import io.hastorage.operator.api.cluster.StorageCluster;
import io.hastorage.operator.api.cluster.StorageClusterStatus;
import io.hastorage.operator.apply.StepOutcome;
import io.hastorage.operator.config.OperatorConfig;
import io.hastorage.operator.metrics.StorageMetrics;
import io.hastorage.operator.observe.Observation;
import io.hastorage.operator.status.ClusterSnapshot;
import io.javaoperatorsdk.operator.api.reconciler.UpdateControl;
import java.util.List;

/**
 * Everything a reconcile reports outward: events for condition transitions, metrics, and the status
 * patch, which is skipped when the status is unchanged. Also picks when to come back.
 */
public final class ReconcileReporter {

  private final EventRecorder events;
  private final StorageMetrics metrics;
  private final StatusPatcher patcher;

  public ReconcileReporter(EventRecorder events, StorageMetrics metrics, OperatorConfig config) {
    this.events = events;
    this.metrics = metrics;
    this.patcher = new StatusPatcher(config);
  }

  public void report(
      StorageCluster cluster, ClusterSnapshot snapshot, StorageClusterStatus status) {
    List<Condition> before =
        cluster.getStatus() == null ? List.of() : cluster.getStatus().conditions;
    events.conditionTransitions(cluster, before, status.conditions);
    String name = cluster.getMetadata().getName();
    String namespace = cluster.getMetadata().getNamespace();
    for (Observation observation : snapshot.observations().values()) {
      metrics.nodeReachable(name, observation.nodeName(), observation.isReached());
    }
    snapshot
        .prerequisites()
        .forEach((node, report) -> metrics.nodePrerequisitesMet(name, node, report.satisfied()));
    for (StepOutcome outcome : snapshot.outcomes().values()) {
      metrics.stepsFinished(
          outcome.node(),
          outcome.stepsExecuted(),
          outcome.completed() ? null : outcome.kind().name(),
          outcome.reason());
    }
    metrics.pendingSteps(cluster.getKind(), namespace, name, snapshot.plan().size());
    reportClusterLayer(cluster, status);
    metrics.resourceReady(cluster.getKind(), namespace, name, isReady(status));
  }

  private void reportClusterLayer(StorageCluster cluster, StorageClusterStatus status) {
    if (status.cluster == null) {
      return;
    }
    String name = cluster.getMetadata().getName();
    metrics.clusterQuorate(name, Boolean.TRUE.equals(status.cluster.quorate));
    metrics.clusterNodesOnline(name, status.cluster.nodesOnline.size());
    metrics.clusterFencingConfigured(name, Boolean.TRUE.equals(status.cluster.fencingConfigured));
    status.cluster.links.forEach(
        l -> metrics.clusterLinkConnected(name, l.node, l.link, Boolean.TRUE.equals(l.connected)));
    List<String> before =
        cluster.getStatus() == null || cluster.getStatus().cluster == null
            ? List.of()
            : cluster.getStatus().cluster.nodesOnline;
    for (String node : status.cluster.nodesOnline) {
      if (!before.contains(node)) {
        events.emit(cluster, "Normal", "NodeJoined", node + " is online in Pacemaker");
      }
    }
    for (String node : before) {
      if (!status.cluster.nodesOnline.contains(node)) {
        events.emit(cluster, "Warning", "NodeLeft", node + " left the Pacemaker cluster");
      }
    }
  }

  public UpdateControl<StorageCluster> patchIfChanged(
      StorageCluster cluster, StorageClusterStatus status) {
    return patcher.patchIfChanged(cluster, status);
  }

  private static boolean isReady(StorageClusterStatus status) {
    return StatusPatcher.isReady(status);
  }
}
