package io.hastorage.e2e.sim;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Future;
import org.apache.sshd.common.session.Session;
import org.apache.sshd.server.Environment;
import org.apache.sshd.server.ExitCallback;
import org.apache.sshd.server.channel.ChannelSession;
import org.apache.sshd.server.command.Command;

/** One SSH exec: runs the command line through the node's shell on a worker thread. */
final class SimulatedCommand implements Command {

  private final String commandLine;
  private final SimulatedShell shell;
  private final ExecutorService executor;
  private InputStream in;
  private OutputStream out;
  private OutputStream err;
  private ExitCallback exitCallback;
  private Future<?> task;
  private Session client;

  SimulatedCommand(String commandLine, SimulatedShell shell, ExecutorService executor) {
    this.commandLine = commandLine;
    this.shell = shell;
    this.executor = executor;
  }

  @Override
  public void setInputStream(InputStream in) {
    this.in = in;
  }

  @Override
  public void setOutputStream(OutputStream out) {
    this.out = out;
  }

  @Override
  public void setErrorStream(OutputStream err) {
    this.err = err;
  }

  @Override
  public void setExitCallback(ExitCallback callback) {
    this.exitCallback = callback;
  }

  @Override
  public synchronized void start(ChannelSession channel, Environment env) {
    client = channel.getSession();
    task = executor.submit(this::run);
  }

  private void run() {
    try {
      ExecOutcome outcome = shell.execute(commandLine, new Stdin(in), new ExecChannel(client, out));
      Optional<TransportFaults.Kind> fault = shell.node().transportFaults().take(commandLine);
      if (fault.isPresent()) {
        if (fault.get() == TransportFaults.Kind.DROP) {
          client.close(true);
        }
        return; // no output, no exit status: the client sees a dead connection or silence
      }
      out.write(outcome.stdout());
      out.flush();
      err.write(outcome.stderr());
      err.flush();
      exitCallback.onExit(outcome.exitCode());
    } catch (IOException | RuntimeException e) {
      exitCallback.onExit(255, "simulated node failed: " + e);
    }
  }

  @Override
  public synchronized void destroy(ChannelSession channel) {
    if (task != null) {
      task.cancel(true);
    }
  }
}
