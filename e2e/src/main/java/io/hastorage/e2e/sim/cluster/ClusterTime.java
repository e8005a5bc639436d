package io.hastorage.e2e.sim.cluster;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Locale;

/** The two timestamp formats Pacemaker prints, in UTC (the simulated nodes' time zone). */
final class ClusterTime {

  private static final DateTimeFormatter CTIME =
      DateTimeFormatter.ofPattern("EEE MMM ppd HH:mm:ss yyyy", Locale.ROOT)
          .withZone(ZoneOffset.UTC);
  private static final DateTimeFormatter ISO =
      DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss'Z'", Locale.ROOT).withZone(ZoneOffset.UTC);

  private ClusterTime() {}

  /** {@code Wed Nov 25 02:02:59 2026}, as ctime(3) without the newline. */
  static String ctime(Instant when) {
    return CTIME.format(when);
  }

  /** {@code 2026-11-25 02:02:59Z}, as pacemakerd's last_updated. */
  static String iso(Instant when) {
    return ISO.format(when);
  }
}
