package io.hastorage.operator.metrics;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Metrics about the storage the operator runs (not the operator itself): node reachability and
 * prerequisites, resource readiness, pending plan steps, applied and refused steps.
 */
public final class StorageMetrics {

  private final MeterRegistry registry;
  private final ConcurrentHashMap<String, AtomicLong> gauges = new ConcurrentHashMap<>();

  public StorageMetrics(MeterRegistry registry) {
    this.registry = registry;
  }

  public void nodeReachable(String cluster, String node, boolean reachable) {
    gauge("hastorage_node_reachable", Tags.of("cluster", cluster, "node", node))
        .set(reachable ? 1 : 0);
  }

  public void nodePrerequisitesMet(String cluster, String node, boolean met) {
    gauge("hastorage_node_prerequisites_met", Tags.of("cluster", cluster, "node", node))
        .set(met ? 1 : 0);
  }

  public void resourceReady(String kind, String namespace, String name, boolean ready) {
    gauge("hastorage_resource_ready", Tags.of("kind", kind, "namespace", namespace, "name", name))
        .set(ready ? 1 : 0);
  }

  /**
   * 1 while the resource's Degraded condition is True (redundancy lost, whether or not it still
   * serves), 0 while it is False. While it is Unknown (nothing observed) the last value stays.
   */
  public void resourceDegraded(String kind, String namespace, String name, boolean degraded) {
    gauge(
            "hastorage_resource_degraded",
            Tags.of("kind", kind, "namespace", namespace, "name", name))
        .set(degraded ? 1 : 0);
  }

  public void pendingSteps(String kind, String namespace, String name, int steps) {
    gauge(
            "hastorage_plan_pending_steps",
            Tags.of("kind", kind, "namespace", namespace, "name", name))
        .set(steps);
  }

  public void clusterQuorate(String cluster, boolean quorate) {
    gauge("hastorage_cluster_quorate", Tags.of("cluster", cluster)).set(quorate ? 1 : 0);
  }

  public void clusterNodesOnline(String cluster, int online) {
    gauge("hastorage_cluster_nodes_online", Tags.of("cluster", cluster)).set(online);
  }

  public void clusterFencingConfigured(String cluster, boolean configured) {
    gauge("hastorage_cluster_fencing_configured", Tags.of("cluster", cluster))
        .set(configured ? 1 : 0);
  }

  public void clusterLinkConnected(String cluster, String node, int link, boolean connected) {
    gauge(
            "hastorage_cluster_link_connected",
            Tags.of("cluster", cluster, "node", node, "link", String.valueOf(link)))
        .set(connected ? 1 : 0);
  }

  /**
   * How a node's plan ended: its applied steps count under outcome Applied, and the step it stopped
   * at (if any) under Refused, Failed or NodeBusy with the reason.
   */
  public void stepsFinished(String node, int applied, String stoppedOutcome, String reason) {
    if (applied > 0) {
      steps(node, "Applied", "").increment(applied);
    }
    if (stoppedOutcome != null) {
      steps(node, stoppedOutcome, reason).increment();
    }
  }

  private Counter steps(String node, String outcome, String reason) {
    return Counter.builder("hastorage_steps")
        .description("Plan steps by outcome")
        .tags("node", node, "outcome", outcome, "reason", reason)
        .register(registry);
  }

  /** Drops the per-resource series of a deleted resource. */
  public void forgetResource(String kind, String namespace, String name) {
    Meters.remove(
        registry,
        id ->
            kind.equals(id.getTag("kind"))
                && namespace.equals(id.getTag("namespace"))
                && name.equals(id.getTag("name")),
        gauges,
        Map.of("kind", kind, "namespace", namespace, "name", name));
  }

  private AtomicLong gauge(String name, Tags tags) {
    return gauges.computeIfAbsent(name + tags, k -> registry.gauge(name, tags, new AtomicLong()));
  }
}
