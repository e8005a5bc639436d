package io.hastorage.operator.node.ssh;

import java.time.Duration;
import java.util.Objects;

/**
 * Tuning of the SSH transport. Immutable, so one instance can be shared by every pooled connection.
 *
 * @param connectTimeout how long TCP connect and the SSH handshake may each take
 * @param keepAliveInterval how often an idle connection is probed ({@code keepalive@openssh.com}),
 *     so a dead peer is noticed before the next command; zero disables keepalive
 * @param maxChannelsPerConnection commands that may run at once on one connection. OpenSSH refuses
 *     the 11th session on a connection (MaxSessions 10), so the cap must stay below that; extra
 *     callers queue
 * @param backoffInitial how long to wait before reconnecting after the first failed attempt
 * @param backoffMax the longest wait between attempts; the wait doubles up to this
 */
public record SshSettings(
    Duration connectTimeout,
    Duration keepAliveInterval,
    int maxChannelsPerConnection,
    Duration backoffInitial,
    Duration backoffMax) {

  /** OpenSSH's default MaxSessions; the channel cap stays strictly below it. */
  public static final int OPENSSH_MAX_SESSIONS = 10;

  public static final SshSettings DEFAULTS =
      new SshSettings(
          Duration.ofSeconds(10),
          Duration.ofSeconds(30),
          8,
          Duration.ofSeconds(1),
          Duration.ofMinutes(2));

  public SshSettings {
    Objects.requireNonNull(connectTimeout, "connectTimeout");
    Objects.requireNonNull(keepAliveInterval, "keepAliveInterval");
    Objects.requireNonNull(backoffInitial, "backoffInitial");
    Objects.requireNonNull(backoffMax, "backoffMax");
    requirePositive(connectTimeout, "connectTimeout");
    requirePositive(backoffInitial, "backoffInitial");
    if (keepAliveInterval.isNegative()) {
      throw new IllegalArgumentException("keepAliveInterval must not be negative");
    }
    if (backoffMax.compareTo(backoffInitial) < 0) {
      throw new IllegalArgumentException("backoffMax must be at least backoffInitial");
    }
    if (maxChannelsPerConnection < 1 || maxChannelsPerConnection >= OPENSSH_MAX_SESSIONS) {
      throw new IllegalArgumentException(
          "maxChannelsPerConnection must be between 1 and "
              + (OPENSSH_MAX_SESSIONS - 1)
              + ": "
              + maxChannelsPerConnection);
    }
  }

  public SshSettings withConnectTimeout(Duration timeout) {
    return new SshSettings(
        timeout, keepAliveInterval, maxChannelsPerConnection, backoffInitial, backoffMax);
  }

  public SshSettings withKeepAliveInterval(Duration interval) {
    return new SshSettings(
        connectTimeout, interval, maxChannelsPerConnection, backoffInitial, backoffMax);
  }

  public SshSettings withMaxChannelsPerConnection(int channels) {
    return new SshSettings(connectTimeout, keepAliveInterval, channels, backoffInitial, backoffMax);
  }

  public SshSettings withBackoff(Duration initial, Duration max) {
    return new SshSettings(
        connectTimeout, keepAliveInterval, maxChannelsPerConnection, initial, max);
  }

  private static void requirePositive(Duration value, String name) {
    if (value.isNegative() || value.isZero()) {
      throw new IllegalArgumentException(name + " must be positive");
    }
  }
}
