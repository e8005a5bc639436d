package io.hastorage.operator.metrics;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The client side per Ocfs2Mount and initiator: {@code hastorage_initiator_paths_up} and {@code
 * hastorage_initiator_paths_expected} (multipath paths to the LUN), {@code hastorage_ocfs2_mounted}
 * (1 when the file system is mounted on the node).
 */
public final class InitiatorMetrics {

  private static final java.util.Set<String> NAMES =
      java.util.Set.of(
          "hastorage_initiator_paths_up",
          "hastorage_initiator_paths_expected",
          "hastorage_ocfs2_mounted");

  private final MeterRegistry registry;
  private final Map<String, AtomicLong> gauges = new ConcurrentHashMap<>();

  public InitiatorMetrics(MeterRegistry registry) {
    this.registry = registry;
  }

  public void initiator(
      String namespace, String name, String node, int pathsUp, int pathsTotal, boolean mounted) {
    Tags tags = Tags.of("namespace", namespace, "name", name, "node", node);
    gauge("hastorage_initiator_paths_up", tags).set(pathsUp);
    gauge("hastorage_initiator_paths_expected", tags).set(pathsTotal);
    gauge("hastorage_ocfs2_mounted", tags).set(mounted ? 1 : 0);
  }

  public void forget(String namespace, String name) {
    Meters.remove(
        registry,
        id ->
            NAMES.contains(id.getName())
                && namespace.equals(id.getTag("namespace"))
                && name.equals(id.getTag("name")),
        gauges,
        Map.of("namespace", namespace, "name", name));
  }

  private AtomicLong gauge(String name, Tags tags) {
    return gauges.computeIfAbsent(name + tags, k -> registry.gauge(name, tags, new AtomicLong()));
  }
}
