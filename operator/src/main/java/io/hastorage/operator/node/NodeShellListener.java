package io.hastorage.operator.node;

import java.time.Duration;

/**
 * Hears what the transport does, for metrics. Kept free of any metrics library so the transport
 * stays testable on its own.
 */
public interface NodeShellListener {

  NodeShellListener NONE = new NodeShellListener() {};

  /** A new SSH connection was established (a full handshake). */
  default void connected(String node, Duration handshake) {}

  /** Connecting failed for {@code failure}. */
  default void connectFailed(String node, NodeAccessException.Failure failure) {}

  /** A pooled connection was closed or lost. */
  default void disconnected(String node) {}

  /** A command finished (any exit code) or failed with {@code failure} (then exitCode is -1). */
  default void commandFinished(
      String node,
      int exitCode,
      NodeAccessException.Failure failure,
      Duration elapsed,
      long bytesOut) {}
}
