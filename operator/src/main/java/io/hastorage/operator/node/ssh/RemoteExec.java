package io.hastorage.operator.node.ssh;

import io.hastorage.operator.node.ExecResult;
import io.hastorage.operator.node.NodeAccessException;
import io.hastorage.operator.node.NodeAccessException.Failure;
import io.hastorage.operator.node.SensitiveBytes;
import java.io.EOFException;
import java.io.IOException;
import java.io.OutputStream;
import java.net.SocketException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Future;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import net.schmizz.sshj.SSHClient;
import net.schmizz.sshj.connection.channel.direct.Session;
import net.schmizz.sshj.connection.channel.direct.Signal;
import net.schmizz.sshj.transport.TransportException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One command on one session channel. Stdin is written, and stdout and stderr are read, on their
 * own threads: a command that fills its output pipe while we are still writing its input would
 * otherwise deadlock both ends. The caller only waits, and never longer than the deadline.
 *
 * <p>{@code released} runs exactly once, after the channel is closed, so the per-connection channel
 * cap counts channels the server still considers open. After a timeout the close happens in the
 * background and the caller returns at once.
 */
final class RemoteExec {

  private static final Logger log = LoggerFactory.getLogger(RemoteExec.class);

  /** What came back, plus the raw output size for metrics (decoding may change the length). */
  record Outcome(ExecResult result, long outputBytes) {}

  private final String nodeName;
  private final ExecutorService io;
  private final SSHClient client;
  private final Session session;
  private final Runnable released;
  private Session.Command command;
  private List<Future<?>> pumps = List.of();

  /** Takes over {@code session}, an open channel on {@code client}, and closes it when done. */
  RemoteExec(
      String nodeName, ExecutorService io, SSHClient client, Session session, Runnable released) {
    this.nodeName = nodeName;
    this.io = io;
    this.client = client;
    this.session = session;
    this.released = released;
  }

  /**
   * Runs {@code line} and returns its result; {@code deadline} is a {@link System#nanoTime} value.
   *
   * @throws NodeAccessException CommandTimeout, ConnectionLost or SshProtocolError
   */
  Outcome run(String line, SensitiveBytes stdin, long startNanos, long deadline)
      throws NodeAccessException {
    try {
      Outcome outcome = execute(line, stdin, startNanos, deadline);
      closeAndRelease();
      return outcome;
    } catch (TimeoutException e) {
      abandon();
      throw new NodeAccessException(
          Failure.CommandTimeout,
          "command on node "
              + nodeName
              + " did not finish within "
              + Duration.ofNanos(deadline - startNanos).toMillis()
              + " ms; its channel was closed");
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      abandon();
      throw new NodeAccessException(
          Failure.CommandTimeout, "interrupted while waiting for a command on node " + nodeName);
    } catch (NodeAccessException e) {
      closeAndRelease();
      throw e;
    } catch (IOException | ExecutionException e) {
      closeAndRelease();
      Throwable cause = e instanceof ExecutionException ? e.getCause() : e;
      throw failure(nodeName, client, "running a command", cause);
    }
  }

  private Outcome execute(String line, SensitiveBytes stdin, long startNanos, long deadline)
      throws IOException,
          ExecutionException,
          InterruptedException,
          TimeoutException,
          NodeAccessException {
    command = session.exec(line);
    Future<byte[]> stdout = io.submit(() -> command.getInputStream().readAllBytes());
    Future<byte[]> stderr = io.submit(() -> command.getErrorStream().readAllBytes());
    Future<?> input = io.submit(() -> writeStdin(command, stdin));
    pumps = List.of(stdout, stderr, input);
    byte[] out = stdout.get(remaining(deadline), TimeUnit.NANOSECONDS);
    byte[] err = stderr.get(remaining(deadline), TimeUnit.NANOSECONDS);
    join(command, deadline);
    int exitCode = exitCode(command);
    Duration elapsed = Duration.ofNanos(System.nanoTime() - startNanos);
    ExecResult result =
        new ExecResult(
            exitCode,
            new String(out, StandardCharsets.UTF_8),
            new String(err, StandardCharsets.UTF_8),
            elapsed);
    return new Outcome(result, (long) out.length + err.length);
  }

  /**
   * Writes stdin and always closes it, which sends EOF: a command reading stdin (cat, the atomic
   * write script) finishes only then. A command that exits without reading its input makes the
   * write fail; that is its business, like EPIPE in a local pipe, so it is only noted.
   */
  private void writeStdin(Session.Command command, SensitiveBytes stdin) {
    byte[] bytes = stdin.bytes();
    try (OutputStream out = command.getOutputStream()) {
      if (bytes.length > 0) {
        out.write(bytes);
        out.flush();
      }
    } catch (IOException e) {
      log.debug("{}: stdin was not fully delivered: {}", nodeName, e.getClass().getSimpleName());
    } finally {
      Arrays.fill(bytes, (byte) 0);
    }
  }

  /** Waits for the channel's close, which is what carries the exit status. */
  private static void join(Session.Command command, long deadline)
      throws IOException, TimeoutException {
    try {
      command.join(remaining(deadline), TimeUnit.NANOSECONDS);
    } catch (IOException e) {
      if (ConnectFailures.has(e, TimeoutException.class) && command.isOpen()) {
        throw new TimeoutException("channel did not close in time");
      }
      throw e;
    }
  }

  private int exitCode(Session.Command command) throws NodeAccessException {
    Integer status = command.getExitStatus();
    if (status != null) {
      return status;
    }
    Signal signal = command.getExitSignal();
    if (signal != null) {
      return 128 + signalNumber(signal);
    }
    throw new NodeAccessException(
        transportAlive(client) ? Failure.SshProtocolError : Failure.ConnectionLost,
        "node " + nodeName + " closed the channel without an exit status");
  }

  /**
   * Classifies a failure on an open connection: ConnectionLost when the connection died or the peer
   * stopped answering (a node that lost power sends no RST), so it must be replaced;
   * SshProtocolError when the connection is fine but the server balked.
   */
  static NodeAccessException failure(String nodeName, SSHClient client, String what, Throwable e) {
    boolean lost =
        !transportAlive(client)
            || ConnectFailures.has(e, TransportException.class)
            || ConnectFailures.has(e, SocketException.class)
            || ConnectFailures.has(e, EOFException.class)
            || ConnectFailures.has(e, TimeoutException.class);
    String message = what + " on node " + nodeName + " failed: " + e;
    return new NodeAccessException(
        lost ? Failure.ConnectionLost : Failure.SshProtocolError, message, e);
  }

  static boolean transportAlive(SSHClient client) {
    return client.isConnected() && client.getTransport().isRunning();
  }

  /** After a timeout: ask the command to stop, close the channel and free the pumps, off-thread. */
  private void abandon() {
    Session abandoned = session;
    Session.Command running = command;
    List<Future<?>> threads = pumps;
    Runnable cleanup =
        () -> {
          try {
            if (running != null) {
              running.signal(Signal.TERM);
            }
          } catch (IOException | RuntimeException e) {
            log.debug("{}: could not signal a timed-out command: {}", nodeName, e.toString());
          }
          closeQuietly(abandoned);
          threads.forEach(f -> f.cancel(true));
          released.run();
        };
    try {
      io.execute(cleanup);
    } catch (RejectedExecutionException e) {
      cleanup.run(); // the factory is closing; nobody is waiting for this thread anyway
    }
  }

  /** POSIX signal numbers, so a killed command reports 128+n as a shell would. */
  private static int signalNumber(Signal signal) {
    return switch (signal) {
      case HUP -> 1;
      case INT -> 2;
      case QUIT -> 3;
      case ILL -> 4;
      case ABRT -> 6;
      case FPE -> 8;
      case KILL -> 9;
      case USR1 -> 10;
      case SEGV -> 11;
      case USR2 -> 12;
      case PIPE -> 13;
      case ALRM -> 14;
      case TERM -> 15;
      case UNKNOWN -> 0;
    };
  }

  private void closeAndRelease() {
    closeQuietly(session);
    pumps.forEach(f -> f.cancel(true));
    released.run();
  }

  private void closeQuietly(Session channel) {
    try {
      channel.close();
    } catch (IOException | RuntimeException e) {
      log.debug("{}: closing a channel failed: {}", nodeName, e.toString());
    }
  }

  private static long remaining(long deadline) {
    return Math.max(0, deadline - System.nanoTime());
  }
}
