package io.hastorage.operator.metrics;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The iSCSI targets as clients see them: {@code hastorage_target_up} (Pacemaker runs the target
 * somewhere, every portal up), {@code hastorage_target_failovers_total} (the active node changed)
 * and {@code hastorage_target_sessions} (initiator sessions on the active node).
 */
public final class TargetMetrics {

  private final MeterRegistry registry;
  private final Map<String, AtomicLong> gauges = new ConcurrentHashMap<>();

  public TargetMetrics(MeterRegistry registry) {
    this.registry = registry;
  }

  public void target(String namespace, String name, boolean up, Integer sessions) {
    Tags tags = Tags.of("namespace", namespace, "name", name);
    gauge("hastorage_target_up", tags).set(up ? 1 : 0);
    if (sessions != null) {
      gauge("hastorage_target_sessions", tags).set(sessions);
    }
  }

  public void failover(String namespace, String name, String from, String to) {
    Counter.builder("hastorage_target_failovers")
        .description("Times the target's active node changed")
        .tags("namespace", namespace, "name", name, "from", from, "to", to)
        .register(registry)
        .increment();
  }

  public void forget(String namespace, String name) {
    Meters.remove(
        registry,
        id ->
            id.getName().startsWith("hastorage_target_")
                && namespace.equals(id.getTag("namespace"))
                && name.equals(id.getTag("name")),
        gauges,
        Map.of("namespace", namespace, "name", name));
  }

  private AtomicLong gauge(String name, Tags tags) {
    return gauges.computeIfAbsent(name + tags, k -> registry.gauge(name, tags, new AtomicLong()));
  }
}
