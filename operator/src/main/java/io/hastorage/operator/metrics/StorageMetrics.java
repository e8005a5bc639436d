package io.hastorage.operator.metrics;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;
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

  public void pendingSteps(String kind, String namespace, String name, int steps) {
    gauge(
            "hastorage_plan_pending_steps",
            Tags.of("kind", kind, "namespace", namespace, "name", name))
        .set(steps);
  }

  /** One step ended: outcome is applied, failed or refused (refused carries the guard's reason). */
  public void stepFinished(String node, String outcome, String reason) {
    Counter.builder("hastorage_steps")
        .description("Plan steps by outcome")
        .tags("node", node, "outcome", outcome, "reason", reason)
        .register(registry)
        .increment();
  }

  private AtomicLong gauge(String name, Tags tags) {
    return gauges.computeIfAbsent(name + tags, k -> registry.gauge(name, tags, new AtomicLong()));
  }
}
