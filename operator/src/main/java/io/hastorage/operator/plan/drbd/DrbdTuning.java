package io.hastorage.operator.plan.drbd;

import io.hastorage.operator.api.drbd.DrbdOptions;
import io.hastorage.operator.api.drbd.DrbdOptions.AfterSplitBrain0;

/**
 * The startup, resync and net numbers of one resource, with the CRD defaults filled in. The
 * defaults repeat the {@code @Default} values of {@link DrbdOptions} because the API server applies
 * those only to objects it stores; a test keeps both in step.
 *
 * @param afterSb0pri the drbd.conf keyword, {@code disconnect} or {@code discard-zero-changes}
 */
public record DrbdTuning(
    int wfcTimeout,
    int degrWfcTimeout,
    int outdatedWfcTimeout,
    String resyncRate,
    int timeout,
    int pingTimeout,
    int pingInt,
    int maxEpochSize,
    int maxBuffers,
    String afterSb0pri) {

  public static final int DEFAULT_WFC_TIMEOUT = 30;
  public static final int DEFAULT_DEGR_WFC_TIMEOUT = 20;
  public static final int DEFAULT_OUTDATED_WFC_TIMEOUT = 10;
  public static final String DEFAULT_RESYNC_RATE = "40M";
  public static final int DEFAULT_TIMEOUT = 60;
  public static final int DEFAULT_PING_TIMEOUT = 30;
  public static final int DEFAULT_PING_INT = 30;
  public static final int DEFAULT_MAX_EPOCH_SIZE = 8192;
  public static final int DEFAULT_MAX_BUFFERS = 8192;
  public static final AfterSplitBrain0 DEFAULT_AFTER_SB_0PRI = AfterSplitBrain0.discardZeroChanges;

  /** The spec's options, or all defaults when {@code options} is null. */
  public static DrbdTuning from(DrbdOptions options) {
    DrbdOptions o = options == null ? new DrbdOptions() : options;
    return new DrbdTuning(
        or(o.wfcTimeout, DEFAULT_WFC_TIMEOUT),
        or(o.degrWfcTimeout, DEFAULT_DEGR_WFC_TIMEOUT),
        or(o.outdatedWfcTimeout, DEFAULT_OUTDATED_WFC_TIMEOUT),
        o.resyncRate == null ? DEFAULT_RESYNC_RATE : o.resyncRate,
        or(o.timeout, DEFAULT_TIMEOUT),
        or(o.pingTimeout, DEFAULT_PING_TIMEOUT),
        or(o.pingInt, DEFAULT_PING_INT),
        or(o.maxEpochSize, DEFAULT_MAX_EPOCH_SIZE),
        or(o.maxBuffers, DEFAULT_MAX_BUFFERS),
        keyword(o.afterSb0pri == null ? DEFAULT_AFTER_SB_0PRI : o.afterSb0pri));
  }

  /**
   * The drbd.conf word. Written out per constant so that a new enum value cannot slip into the file
   * unreviewed: only policies that never throw away writes belong here.
   */
  static String keyword(AfterSplitBrain0 policy) {
    return switch (policy) {
      case disconnect -> "disconnect";
      case discardZeroChanges -> "discard-zero-changes";
    };
  }

  private static int or(Integer value, int fallback) {
    return value == null ? fallback : value;
  }
}
