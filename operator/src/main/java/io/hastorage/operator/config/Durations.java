package io.hastorage.operator.config;

import java.time.Duration;

/** Parses "90s", "5m", "1h", "250ms" or ISO-8601 ("PT1M"). */
final class Durations {

  private Durations() {}

  static Duration parse(String text) {
    if (text.startsWith("P") || text.startsWith("p")) {
      return Duration.parse(text);
    }
    if (text.endsWith("ms")) {
      return Duration.ofMillis(Long.parseLong(text.substring(0, text.length() - 2)));
    }
    long amount = Long.parseLong(text.substring(0, text.length() - 1));
    return switch (text.charAt(text.length() - 1)) {
      case 's' -> Duration.ofSeconds(amount);
      case 'm' -> Duration.ofMinutes(amount);
      case 'h' -> Duration.ofHours(amount);
      default -> throw new IllegalArgumentException("unit must be ms, s, m or h");
    };
  }
}
