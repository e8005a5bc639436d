package io.hastorage.operator.metrics;

import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.Map;
import java.util.function.Predicate;

/**
 * Removal of a deleted resource's series, so dashboards do not show it frozen at its last value.
 */
final class Meters {

  private Meters() {}

  /**
   * Removes every registered meter whose id matches, and the cache entries (keyed name + tags, as
   * the metric classes key them) that carry all of {@code tags}.
   */
  static void remove(
      MeterRegistry registry,
      Predicate<Meter.Id> matches,
      Map<String, ?> cache,
      Map<String, String> tags) {
    for (Meter meter : registry.getMeters()) {
      if (matches.test(meter.getId())) {
        registry.remove(meter);
      }
    }
    cache
        .keySet()
        .removeIf(
            key ->
                tags.entrySet().stream()
                    .allMatch(t -> key.contains("tag(" + t.getKey() + "=" + t.getValue() + ")")));
  }
}
