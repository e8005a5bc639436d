package io.hastorage.operator.plan.ocfs2;

import io.hastorage.operator.api.cluster.CorosyncSpec;
import io.hastorage.operator.api.ocfs2.IscsiSettings;
import io.hastorage.operator.api.ocfs2.MultipathSettings;
import io.hastorage.operator.api.ocfs2.Ocfs2Settings;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Checks that a target failover is survived by the initiators' timeouts, in seconds:
 *
 * <ul>
 *   <li><b>failover</b>, the time the target's portals are gone: Corosync token + consensus (the
 *       peer is declared lost) plus {@value #PACEMAKER_RECOVERY_SECONDS} s for fencing, DRBD
 *       promotion and the target group's start (LINBIT measures 15-30 s for DRBD + cluster
 *       failover; the budget takes the slow end);
 *   <li><b>I/O survives</b> iSCSI's replacement_timeout (paths are failed only after it; the
 *       multipath drop-in sets fast_io_fail_tmo to the same value, since multipathd writes that
 *       into the session's recovery_tmo, as the kernel lab showed) plus multipath queueing,
 *       no_path_retry x polling_interval. Shorter than the failover, and I/O errors reach OCFS2
 *       during every failover;
 *   <li><b>o2cb dead time</b>, (O2CB_HEARTBEAT_THRESHOLD - 1) x 2 s: a node whose heartbeat write
 *       stalls longer fences itself. Not longer than the failover, and every failover reboots the
 *       initiators.
 * </ul>
 *
 * Pure arithmetic on the specs; the result explains the numbers so a refusal can be acted on.
 */
public final class FailoverBudget {

  static final int PACEMAKER_RECOVERY_SECONDS = 30;

  /** The three durations and what is wrong with them (empty when safe). */
  public record Result(
      double failoverSeconds, double ioSurvivesSeconds, double deadSeconds, List<String> problems) {
    public boolean safe() {
      return problems.isEmpty();
    }

    /** One line with the arithmetic, for a condition message. */
    public String explain() {
      String numbers =
          String.format(
              Locale.ROOT,
              "failover %.1f s (Corosync token + consensus + %d s recovery), I/O survives %.1f s"
                  + " (replacement_timeout + no_path_retry x polling_interval), o2cb dead time"
                  + " %.1f s ((heartbeat threshold - 1) x 2 s)",
              failoverSeconds,
              PACEMAKER_RECOVERY_SECONDS,
              ioSurvivesSeconds,
              deadSeconds);
      return problems.isEmpty() ? numbers : numbers + ": " + String.join("; ", problems);
    }
  }

  private FailoverBudget() {}

  public static Result check(
      CorosyncSpec corosync,
      IscsiSettings iscsi,
      MultipathSettings multipath,
      Ocfs2Settings ocfs2) {
    int tokenMs = corosync == null || corosync.tokenMs == null ? 3000 : corosync.tokenMs;
    int consensusMs =
        corosync == null || corosync.consensusMs == null ? 3600 : corosync.consensusMs;
    int replacement =
        iscsi == null || iscsi.replacementTimeoutSeconds == null
            ? 15
            : iscsi.replacementTimeoutSeconds;
    int noPathRetry =
        multipath == null || multipath.noPathRetry == null ? 12 : multipath.noPathRetry;
    int polling =
        multipath == null || multipath.pollingIntervalSeconds == null
            ? 5
            : multipath.pollingIntervalSeconds;
    int threshold =
        ocfs2 == null || ocfs2.heartbeatThreshold == null ? 61 : ocfs2.heartbeatThreshold;

    double failover = (tokenMs + consensusMs) / 1000.0 + PACEMAKER_RECOVERY_SECONDS;
    double survives = replacement + (double) noPathRetry * polling;
    double dead = (threshold - 1) * 2.0;
    List<String> problems = new ArrayList<>();
    if (survives < failover) {
      problems.add(
          "I/O would fail before the target is back: raise multipath noPathRetry or"
              + " iscsi replacementTimeoutSeconds");
    }
    if (dead <= failover) {
      problems.add(
          "o2cb would declare the stalled initiators dead and they would fence themselves: raise"
              + " filesystem heartbeatThreshold");
    }
    return new Result(failover, survives, dead, List.copyOf(problems));
  }
}
