package io.hastorage.operator.node.ssh;

import io.hastorage.operator.node.NodeAccessException;
import io.hastorage.operator.node.NodeAccessException.Failure;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;

/**
 * Remembers failed connection attempts to one node and says when the next one is allowed. A node
 * that is down would otherwise be hammered by every reconcile, each waiting out a connect timeout;
 * instead, calls inside the window fail at once with {@link Failure#BackingOff}, naming the
 * original failure so the condition stays informative. Nobody sleeps here.
 */
final class Backoff {

  private final Duration initial;
  private final Duration max;
  private final Clock clock;

  private int failures;
  private Instant lastFailureAt;
  private Instant retryAt;
  private NodeAccessException lastFailure;

  Backoff(Duration initial, Duration max, Clock clock) {
    this.initial = initial;
    this.max = max;
    this.clock = clock;
  }

  /**
   * Returns when an attempt may be made now, or throws {@link Failure#BackingOff}.
   *
   * @throws NodeAccessException while the window after the last failure is still open
   */
  synchronized void checkReady(String nodeName) throws NodeAccessException {
    if (retryAt == null) {
      return;
    }
    Instant now = clock.instant();
    if (!now.isBefore(retryAt)) {
      return;
    }
    long waitMillis = Duration.between(now, retryAt).toMillis();
    throw new NodeAccessException(
        Failure.BackingOff,
        "not connecting to node "
            + nodeName
            + " again before "
            + retryAt
            + " (in "
            + waitMillis
            + " ms, after "
            + failures
            + " failed attempt(s)); the attempt at "
            + lastFailureAt
            + " failed with "
            + lastFailure.failure()
            + ": "
            + lastFailure.getMessage(),
        lastFailure);
  }

  /** Records a failed attempt and returns how long until the next one is allowed. */
  synchronized Duration recordFailure(NodeAccessException failure) {
    failures++;
    Duration delay = delayFor(failures);
    lastFailure = failure;
    lastFailureAt = clock.instant();
    retryAt = lastFailureAt.plus(delay);
    return delay;
  }

  /** A successful connection: the next failure starts again from the initial delay. */
  synchronized void reset() {
    failures = 0;
    lastFailure = null;
    lastFailureAt = null;
    retryAt = null;
  }

  /** initial * 2^(attempt-1), capped at max; the shift is bounded so it cannot overflow. */
  private Duration delayFor(int attempt) {
    int doublings = Math.min(attempt - 1, 30);
    Duration delay = initial;
    for (int i = 0; i < doublings && delay.compareTo(max) < 0; i++) {
      delay = delay.multipliedBy(2);
    }
    return delay.compareTo(max) > 0 ? max : delay;
  }
}
