package io.hastorage.e2e.sim.cluster;

import java.util.Locale;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Cluster options as the scheduler reads them from cib-bootstrap-options, with Pacemaker's
 * defaults, booleans ({@code crm_is_true}) and durations ({@code 60s}, {@code 2min}, {@code 500ms};
 * a bare number is seconds).
 */
final class ClusterOptions {

  private static final Pattern DURATION =
      Pattern.compile("^\\s*([0-9]+)\\s*(ms|msec|us|usec|s|sec|m|min|h|hr)?\\s*$");

  private final Cib cib;

  ClusterOptions(Cib cib) {
    this.cib = cib;
  }

  boolean stonithEnabled() {
    return bool("stonith-enabled", true);
  }

  /** crm_mon's {@code <cluster_options .../>} attributes, in its order. */
  String[] crmMonAttributes() {
    return new String[] {
      "stonith-enabled", Boolean.toString(stonithEnabled()),
      "symmetric-cluster", Boolean.toString(bool("symmetric-cluster", true)),
      "no-quorum-policy", cib.property("no-quorum-policy").orElse("stop"),
      "maintenance-mode", Boolean.toString(bool("maintenance-mode", false)),
      "stop-all-resources", Boolean.toString(bool("stop-all-resources", false)),
      "stonith-timeout-ms", Long.toString(millis("stonith-timeout", 60_000)),
      "priority-fencing-delay-ms", Long.toString(millis("priority-fencing-delay", 0))
    };
  }

  boolean bool(String name, boolean fallback) {
    return cib.property(name).map(ClusterOptions::isTrue).orElse(fallback);
  }

  static boolean isTrue(String value) {
    return switch (value.toLowerCase(Locale.ROOT)) {
      case "true", "on", "yes", "y", "1" -> true;
      default -> false;
    };
  }

  long millis(String name, long fallback) {
    return cib.property(name).flatMap(ClusterOptions::parseMillis).orElse(fallback);
  }

  static Optional<Long> parseMillis(String value) {
    Matcher m = DURATION.matcher(value);
    if (!m.matches()) {
      return Optional.empty();
    }
    long number = Long.parseLong(m.group(1));
    String unit = m.group(2) == null ? "s" : m.group(2);
    return Optional.of(
        switch (unit) {
          case "ms", "msec" -> number;
          case "us", "usec" -> number / 1000;
          case "m", "min" -> number * 60_000;
          case "h", "hr" -> number * 3_600_000;
          default -> number * 1000;
        });
  }
}
