package io.hastorage.e2e.bench;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;

/** Median and 95th percentile (nearest rank) of repeated measurements. */
public record Stats(int samples, double median, double p95) {

  public static Stats of(List<? extends Number> values) {
    if (values.isEmpty()) {
      throw new IllegalArgumentException("no samples");
    }
    List<Double> sorted = new ArrayList<>();
    values.forEach(v -> sorted.add(v.doubleValue()));
    Collections.sort(sorted);
    return new Stats(sorted.size(), rank(sorted, 0.50), rank(sorted, 0.95));
  }

  /**
   * Nearest-rank percentile: the smallest value with at least {@code q} of the samples at or below.
   */
  static double rank(List<Double> sorted, double q) {
    int index = (int) Math.ceil(q * sorted.size()) - 1;
    return sorted.get(Math.max(0, Math.min(sorted.size() - 1, index)));
  }

  /** "median / p95" with {@code decimals} places. */
  public String format(int decimals) {
    String pattern = "%." + decimals + "f / %." + decimals + "f";
    return String.format(Locale.ROOT, pattern, median, p95);
  }
}
