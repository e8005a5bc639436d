package io.hastorage.operator.node;

import java.util.Optional;
import java.util.OptionalInt;

/**
 * A command started on a node and kept running until {@link #close}: what a lock held on the node
 * needs. Closing sends EOF on its stdin and closes its channel; if the operator dies instead, the
 * node's sshd closes the channel for it, so whatever the command holds is released either way.
 */
public interface HeldCommand extends AutoCloseable {

  /** The first line the command printed, or empty when it ended without printing one. */
  Optional<String> firstLine();

  /** Its exit code when it has already ended (a refusal), empty while it runs. */
  OptionalInt exitCode();

  /**
   * Runs further commands over the same connection as the held command, and fails with
   * ConnectionLost instead of reconnecting: a command must never run after the held one was lost.
   */
  NodeShell shell();

  @Override
  void close();
}
