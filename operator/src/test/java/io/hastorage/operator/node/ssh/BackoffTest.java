package io.hastorage.operator.node.ssh;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.hastorage.operator.node.NodeAccessException;
import io.hastorage.operator.node.NodeAccessException.Failure;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;

class BackoffTest {

  private final MutableClock clock = new MutableClock(Instant.parse("2026-01-01T00:00:00Z"));
  private final Backoff backoff = new Backoff(Duration.ofSeconds(1), Duration.ofSeconds(10), clock);
  private final NodeAccessException refused =
      new NodeAccessException(Failure.NodeUnreachable, "cannot connect to 10.99.0.11:22");

  @Test
  void firstAttemptIsAlwaysAllowed() {
    assertThatCode(() -> backoff.checkReady("node1")).doesNotThrowAnyException();
  }

  @Test
  void delaysDoubleUpToTheMaximum() {
    assertThat(backoff.recordFailure(refused)).isEqualTo(Duration.ofSeconds(1));
    assertThat(backoff.recordFailure(refused)).isEqualTo(Duration.ofSeconds(2));
    assertThat(backoff.recordFailure(refused)).isEqualTo(Duration.ofSeconds(4));
    assertThat(backoff.recordFailure(refused)).isEqualTo(Duration.ofSeconds(8));
    assertThat(backoff.recordFailure(refused)).isEqualTo(Duration.ofSeconds(10));
    for (int i = 0; i < 100; i++) {
      backoff.recordFailure(refused);
    }
    assertThat(backoff.recordFailure(refused)).isEqualTo(Duration.ofSeconds(10));
  }

  @Test
  void insideTheWindowFailsFastNamingTheOriginalFailure() {
    backoff.recordFailure(refused);
    clock.advance(Duration.ofMillis(400));

    NodeAccessException e =
        catchThrowableOfType(NodeAccessException.class, () -> backoff.checkReady("node1"));

    assertThat(e.failure()).isEqualTo(Failure.BackingOff);
    assertThat(e.getMessage())
        .contains("node1")
        .contains("NodeUnreachable")
        .contains("cannot connect to 10.99.0.11:22")
        .contains("2026-01-01T00:00:01Z")
        .contains("in 600 ms");
    assertThat(e.getCause()).isSameAs(refused);
  }

  @Test
  void afterTheWindowTheNextAttemptIsAllowed() {
    backoff.recordFailure(refused);
    clock.advance(Duration.ofSeconds(1));

    assertThatCode(() -> backoff.checkReady("node1")).doesNotThrowAnyException();
  }

  @Test
  void successResetsTheDelay() {
    backoff.recordFailure(refused);
    backoff.recordFailure(refused);
    backoff.reset();

    assertThatCode(() -> backoff.checkReady("node1")).doesNotThrowAnyException();
    assertThat(backoff.recordFailure(refused)).isEqualTo(Duration.ofSeconds(1));
  }

  /** A clock the test moves by hand; one per test instance. */
  private static final class MutableClock extends Clock {
    private Instant now;

    MutableClock(Instant start) {
      this.now = start;
    }

    void advance(Duration by) {
      now = now.plus(by);
    }

    @Override
    public ZoneId getZone() {
      return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(ZoneId zone) {
      return this;
    }

    @Override
    public Instant instant() {
      return now;
    }
  }
}
