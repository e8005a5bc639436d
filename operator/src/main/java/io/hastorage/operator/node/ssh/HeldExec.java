package io.hastorage.operator.node.ssh;

import io.hastorage.operator.node.HeldCommand;
import io.hastorage.operator.node.NodeAccessException;
import io.hastorage.operator.node.NodeAccessException.Failure;
import io.hastorage.operator.node.NodeShell;
import io.hastorage.operator.node.NodeShellListener;
import io.hastorage.operator.node.SensitiveBytes;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Arrays;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import net.schmizz.sshj.connection.channel.direct.Session;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A command kept running on its own channel until closed. Its stdin stays open (the command waits
 * for EOF), its first stdout line is read with the deadline, and commands meant to run under it go
 * over the same connection ({@link #pinned}).
 */
final class HeldExec implements HeldCommand {

  private static final Logger log = LoggerFactory.getLogger(HeldExec.class);
  private static final int MAX_LINE = 4096;

  private final String nodeName;
  private final Session session;
  private final Session.Command command;
  private final Runnable released;
  private final NodeConnection.Target pinned;
  private final NodeShellListener listener;
  private final long startNanos;
  private final String firstLine;

  /** How long closing waits for the command to end after its EOF; it is not waited for longer. */
  static final long EXIT_WAIT_MILLIS = 2_000;

  private final Integer exitCode;
  private NodeShell shell;
  private boolean closed;

  private HeldExec(
      String nodeName,
      Session session,
      Session.Command command,
      Runnable released,
      NodeConnection.Target pinned,
      NodeShellListener listener,
      long startNanos,
      String firstLine,
      Integer exitCode) {
    this.nodeName = nodeName;
    this.session = session;
    this.command = command;
    this.released = released;
    this.pinned = pinned;
    this.listener = listener;
    this.startNanos = startNanos;
    this.firstLine = firstLine;
    this.exitCode = exitCode;
  }

  /** Takes over {@code session}: on failure it is closed and {@code released} has run. */
  static HeldExec start(
      String nodeName,
      ExecutorService io,
      Session session,
      Runnable released,
      NodeConnection.Target pinned,
      NodeShellListener listener,
      String line,
      SensitiveBytes stdin,
      long startNanos,
      long deadline)
      throws NodeAccessException {
    Session.Command command = null;
    try {
      command = session.exec(line);
      writeWithoutEof(command.getOutputStream(), stdin);
      Session.Command running = command;
      Future<String> read = io.submit(() -> readLine(running.getInputStream()));
      String first;
      try {
        first = read.get(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
      } catch (TimeoutException e) {
        read.cancel(true);
        throw new NodeAccessException(
            Failure.CommandTimeout,
            "held command on node "
                + nodeName
                + " printed nothing within "
                + Duration.ofNanos(deadline - startNanos).toMillis()
                + " ms; its channel was closed");
      }
      Integer exit = null;
      if (first == null) { // ended without a line: its exit status tells why
        command.join(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
        exit = command.getExitStatus();
      }
      return new HeldExec(
          nodeName, session, command, released, pinned, listener, startNanos, first, exit);
    } catch (NodeAccessException e) {
      closeQuietly(nodeName, session);
      released.run();
      throw e;
    } catch (IOException | ExecutionException | InterruptedException e) {
      if (e instanceof InterruptedException) {
        Thread.currentThread().interrupt();
      }
      closeQuietly(nodeName, session);
      released.run();
      Throwable cause = e instanceof ExecutionException ? e.getCause() : e;
      throw new NodeAccessException(
          Failure.ConnectionLost,
          "holding a command on node " + nodeName + " failed: " + cause,
          cause);
    }
  }

  private static void writeWithoutEof(OutputStream out, SensitiveBytes stdin) throws IOException {
    byte[] bytes = stdin.bytes();
    try {
      if (bytes.length > 0) {
        out.write(bytes);
        out.flush();
      }
    } finally {
      Arrays.fill(bytes, (byte) 0);
    }
  }

  /** The first line without its newline, or null at EOF before any newline. */
  private static String readLine(InputStream in) throws IOException {
    ByteArrayOutputStream line = new ByteArrayOutputStream();
    for (int b = in.read(); b != -1; b = in.read()) {
      if (b == '\n') {
        return line.toString(StandardCharsets.UTF_8);
      }
      if (line.size() < MAX_LINE) {
        line.write(b);
      }
    }
    return null;
  }

  HeldExec withShell(NodeShell pinnedShell) {
    this.shell = pinnedShell;
    return this;
  }

  NodeConnection.Target pinned() {
    return pinned;
  }

  @Override
  public Optional<String> firstLine() {
    return Optional.ofNullable(firstLine);
  }

  @Override
  public OptionalInt exitCode() {
    return exitCode == null ? OptionalInt.empty() : OptionalInt.of(exitCode);
  }

  @Override
  public NodeShell shell() {
    return shell;
  }

  /** EOF on stdin ends the command; the channel closes and its slot is free again. */
  @Override
  public synchronized void close() {
    if (closed) {
      return;
    }
    closed = true;
    try {
      command.getOutputStream().close();
      // let the command finish what it does after EOF (the node lock moves its generation) before
      // this instance's next command could find the lock still held
      command.join(EXIT_WAIT_MILLIS, TimeUnit.MILLISECONDS);
    } catch (IOException e) {
      log.debug("{}: EOF to a held command not delivered: {}", nodeName, e.toString());
    }
    closeQuietly(nodeName, session);
    released.run();
    listener.commandFinished(
        nodeName,
        exitCode == null ? 0 : exitCode,
        null,
        Duration.ofNanos(System.nanoTime() - startNanos),
        firstLine == null ? 0 : firstLine.length() + 1);
  }

  private static void closeQuietly(String nodeName, Session session) {
    try {
      session.close();
    } catch (IOException | RuntimeException e) {
      log.debug("{}: closing a held channel failed: {}", nodeName, e.toString());
    }
  }
}
