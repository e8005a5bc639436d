package io.hastorage.operator.node.ssh;

import io.hastorage.operator.node.Command;
import io.hastorage.operator.node.ExecResult;
import io.hastorage.operator.node.HeldCommand;
import io.hastorage.operator.node.NodeAccessException;
import io.hastorage.operator.node.NodeCredentials;
import io.hastorage.operator.node.NodeEndpoint;
import io.hastorage.operator.node.NodeShell;
import io.hastorage.operator.node.NodeShellListener;
import io.hastorage.operator.node.ShellQuoting;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A node as seen by the operator. Cheap to create: it looks its connection up in the factory's pool
 * on every exec, so a shell kept across a credential rotation follows the pool instead of holding
 * on to a closed connection.
 */
final class SshjNodeShell implements NodeShell {

  private static final Logger log = LoggerFactory.getLogger(SshjNodeShell.class);
  private static final List<String> SUDO = List.of("sudo", "-n", "--");

  /** Where this shell's commands go: the pool's current connection, or one pinned connection. */
  @FunctionalInterface
  interface Connections {
    NodeConnection.Target target() throws NodeAccessException;
  }

  private final Connections connections;
  private final NodeEndpoint endpoint;
  private final NodeShellListener listener;

  SshjNodeShell(
      SshjNodeShellFactory pool,
      NodeEndpoint endpoint,
      NodeCredentials credentials,
      NodeShellListener listener) {
    this(() -> pool.connectionFor(endpoint, credentials).pooled(), endpoint, listener);
  }

  private SshjNodeShell(
      Connections connections, NodeEndpoint endpoint, NodeShellListener listener) {
    this.connections = connections;
    this.endpoint = endpoint;
    this.listener = listener;
  }

  @Override
  public String nodeName() {
    return endpoint.nodeName();
  }

  @Override
  public ExecResult exec(Command command) throws NodeAccessException {
    long start = System.nanoTime();
    List<String> argv = argv(command);
    // argv never holds secrets by design (they travel on stdin), so it may be logged.
    log.debug("{}: exec {}", nodeName(), printable(argv));
    try {
      RemoteExec.Outcome outcome =
          connections
              .target()
              .exec(
                  ShellQuoting.join(argv),
                  command.stdin(),
                  start,
                  start + command.timeout().toNanos());
      ExecResult result = outcome.result();
      listener.commandFinished(
          nodeName(), result.exitCode(), null, result.elapsed(), outcome.outputBytes());
      log.debug(
          "{}: exit {} after {} ms", nodeName(), result.exitCode(), result.elapsed().toMillis());
      return result;
    } catch (NodeAccessException e) {
      failed(argv, start, e);
      throw e;
    }
  }

  @Override
  public HeldCommand hold(Command command) throws NodeAccessException {
    long start = System.nanoTime();
    List<String> argv = argv(command);
    log.debug("{}: hold {}", nodeName(), printable(argv));
    try {
      HeldExec held =
          connections
              .target()
              .hold(
                  ShellQuoting.join(argv),
                  command.stdin(),
                  start,
                  start + command.timeout().toNanos(),
                  listener);
      return held.withShell(new SshjNodeShell(held::pinned, endpoint, listener));
    } catch (NodeAccessException e) {
      failed(argv, start, e);
      throw e;
    }
  }

  private void failed(List<String> argv, long start, NodeAccessException e) {
    Duration elapsed = Duration.ofNanos(System.nanoTime() - start);
    listener.commandFinished(nodeName(), -1, e.failure(), elapsed, 0);
    log.debug(
        "{}: {} failed with {}: {}", nodeName(), printable(argv), e.failure(), e.getMessage());
  }

  /** The argv as sent: behind {@code sudo -n --} when the login is not root. */
  private List<String> argv(Command command) {
    if (!endpoint.sudo()) {
      return command.argv();
    }
    List<String> prefixed = new ArrayList<>(SUDO);
    prefixed.addAll(command.argv());
    return prefixed;
  }

  /** The argv on one log line: an argument with a newline must not forge a second entry. */
  private static String printable(List<String> argv) {
    return argv.toString().replace("\\", "\\\\").replace("\n", "\\n").replace("\r", "\\r");
  }

  @Override
  public String toString() {
    return "SshjNodeShell[" + endpoint + "]";
  }
}
