package io.hastorage.operator.reconciler;

import io.hastorage.operator.api.cluster.StorageCluster;
import io.hastorage.operator.api.cluster.StorageClusterStatus;
import io.hastorage.operator.config.OperatorConfig;
import io.hastorage.operator.metrics.StorageMetrics;
import io.hastorage.operator.observe.Observation;
import io.hastorage.operator.status.ClusterSnapshot;
import io.javaoperatorsdk.operator.api.reconciler.UpdateControl;
import java.util.List;

/**
 * What a StorageCluster reconcile reports beyond what every resource reports ({@link
 * ResourceReporter}): node reachability and prerequisites, the cluster layer's metrics, and Events
 * when a node joins or leaves Pacemaker.
 */
public final class ReconcileReporter {

  private final ResourceReporter common;
  private final EventRecorder events;
  private final StorageMetrics metrics;

  public ReconcileReporter(EventRecorder events, StorageMetrics metrics, OperatorConfig config) {
    this.common = new ResourceReporter(events, metrics, config);
    this.events = events;
    this.metrics = metrics;
  }

  public void report(
      StorageCluster cluster, ClusterSnapshot snapshot, StorageClusterStatus status) {
    common.report(cluster, snapshot.engineRun(), status);
    String name = cluster.getMetadata().getName();
    for (Observation observation : snapshot.observations().values()) {
      metrics.nodeReachable(name, observation.nodeName(), observation.isReached());
    }
    snapshot
        .prerequisites()
        .forEach((node, report) -> metrics.nodePrerequisitesMet(name, node, report.satisfied()));
    reportClusterLayer(cluster, status);
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
    return common.patchIfChanged(cluster, status);
  }
}
