package io.hastorage.operator.node.ssh;

import io.hastorage.operator.node.NodeAccessException.Failure;
import io.hastorage.operator.node.NodeShellListener;
import java.time.Duration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Shields the transport from its listener: a metrics hook that throws must not turn a finished
 * command into a failed one or leave a connection half torn down.
 */
final class GuardedListener implements NodeShellListener {

  private static final Logger log = LoggerFactory.getLogger(GuardedListener.class);

  private final NodeShellListener delegate;

  GuardedListener(NodeShellListener delegate) {
    this.delegate = delegate;
  }

  @Override
  public void connected(String node, Duration handshake) {
    guard(node, () -> delegate.connected(node, handshake));
  }

  @Override
  public void connectFailed(String node, Failure failure) {
    guard(node, () -> delegate.connectFailed(node, failure));
  }

  @Override
  public void disconnected(String node) {
    guard(node, () -> delegate.disconnected(node));
  }

  @Override
  public void commandFinished(
      String node, int exitCode, Failure failure, Duration elapsed, long bytesOut) {
    guard(node, () -> delegate.commandFinished(node, exitCode, failure, elapsed, bytesOut));
  }

  private static void guard(String node, Runnable call) {
    try {
      call.run();
    } catch (RuntimeException e) {
      log.warn("{}: NodeShellListener failed: {}", node, e.toString());
    }
  }
}
