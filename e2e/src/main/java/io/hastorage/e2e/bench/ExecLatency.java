package io.hastorage.e2e.bench;

import io.hastorage.operator.node.Command;
import io.hastorage.operator.node.NodeCredentials;
import io.hastorage.operator.node.NodeEndpoint;
import io.hastorage.operator.node.NodeShell;
import io.hastorage.operator.node.NodeShellFactory;
import io.hastorage.operator.node.SensitiveBytes;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import net.schmizz.sshj.SSHClient;
import net.schmizz.sshj.connection.channel.direct.Session;
import net.schmizz.sshj.transport.verification.OpenSSHKnownHosts;

/**
 * What one {@code true} costs on a node, four ways, in the same run: the operator's pooled
 * connection (its whole transport: quoting, channel, metrics), a bare sshj session on one connected
 * client, OpenSSH's {@code ssh host true} through a ControlMaster connection, and {@code ssh host
 * true} opening a new connection each time (how a hand-written script runs).
 */
public final class ExecLatency {

  /** Milliseconds per exec, for each way. */
  public record Result(
      List<Double> pooled,
      List<Double> bareSshj,
      List<Double> bareSshjNoDelay,
      List<Double> controlMaster,
      List<Double> newConnection) {}

  private ExecLatency() {}

  public static Result measure(SshTarget target, NodeShellFactory operatorShells, int samples)
      throws Exception {
    return new Result(
        pooled(target, operatorShells, samples),
        bareSshj(target, samples, false),
        bareSshj(target, samples, true),
        openSsh(target, samples, true),
        openSsh(target, Math.max(10, samples / 10), false));
  }

  static List<Double> pooled(SshTarget target, NodeShellFactory shells, int samples)
      throws Exception {
    NodeShell shell =
        shells.shellFor(
            new NodeEndpoint(target.node(), target.host(), target.port(), "root", false),
            new NodeCredentials(
                SensitiveBytes.secret(target.privateKey()), target.knownHostsLine()));
    return time(samples, () -> shell.exec(Command.of("true")));
  }

  /** A session per exec on one connected sshj client, with or without TCP_NODELAY. */
  static List<Double> bareSshj(SshTarget target, int samples, boolean noDelay) throws Exception {
    try (SSHClient client = new SSHClient()) {
      if (noDelay) {
        client.setSocketFactory(new NoDelay());
      }
      client.addHostKeyVerifier(new OpenSSHKnownHosts(target.knownHostsFile().toFile()));
      client.connect(target.host(), target.port());
      client.authPublickey("root", client.loadKeys(target.keyFile().toString()));
      return time(
          samples,
          () -> {
            try (Session session = client.startSession()) {
              Session.Command command = session.exec("true");
              command.join(10, TimeUnit.SECONDS);
            }
          });
    }
  }

  static List<Double> openSsh(SshTarget target, int samples, boolean controlMaster)
      throws Exception {
    List<String> argv = new ArrayList<>(sshArgv(target));
    if (controlMaster) {
      argv.addAll(
          List.of(
              "-o", "ControlMaster=auto",
              "-o", "ControlPath=" + target.dir().resolve("cm-%C"),
              "-o", "ControlPersist=120"));
    }
    argv.addAll(List.of("root@" + target.host(), "true"));
    if (controlMaster) {
      run(argv); // opens the master connection
    }
    try {
      return time(samples, () -> run(argv));
    } finally {
      if (controlMaster) {
        List<String> exit = new ArrayList<>(argv.subList(0, argv.size() - 2));
        exit.addAll(List.of("-O", "exit", "root@" + target.host()));
        new ProcessBuilder(exit).redirectErrorStream(true).start().waitFor(10, TimeUnit.SECONDS);
      }
    }
  }

  /** OpenSSH's client against the node, the host key pinned, no agent, no user config. */
  static List<String> sshArgv(SshTarget target) {
    return List.of(
        "ssh",
        "-F",
        "/dev/null",
        "-i",
        target.keyFile().toString(),
        "-p",
        "" + target.port(),
        "-o",
        "IdentitiesOnly=yes",
        "-o",
        "BatchMode=yes",
        "-o",
        "StrictHostKeyChecking=yes",
        "-o",
        "UserKnownHostsFile=" + target.knownHostsFile(),
        "-o",
        "LogLevel=ERROR");
  }

  static void run(List<String> argv) throws IOException, InterruptedException {
    Process process = new ProcessBuilder(argv).redirectErrorStream(true).start();
    String output = new String(process.getInputStream().readAllBytes());
    if (!process.waitFor(30, TimeUnit.SECONDS) || process.exitValue() != 0) {
      throw new IOException(String.join(" ", argv) + " failed: " + output);
    }
  }

  /** Sockets with Nagle's algorithm off, as the operator's transport makes them. */
  static final class NoDelay extends javax.net.SocketFactory {
    private final javax.net.SocketFactory plain = javax.net.SocketFactory.getDefault();

    @Override
    public java.net.Socket createSocket() throws IOException {
      java.net.Socket socket = plain.createSocket();
      socket.setTcpNoDelay(true);
      return socket;
    }

    @Override
    public java.net.Socket createSocket(String host, int port) throws IOException {
      java.net.Socket socket = plain.createSocket(host, port);
      socket.setTcpNoDelay(true);
      return socket;
    }

    @Override
    public java.net.Socket createSocket(
        String host, int port, java.net.InetAddress local, int localPort) throws IOException {
      java.net.Socket socket = plain.createSocket(host, port, local, localPort);
      socket.setTcpNoDelay(true);
      return socket;
    }

    @Override
    public java.net.Socket createSocket(java.net.InetAddress host, int port) throws IOException {
      java.net.Socket socket = plain.createSocket(host, port);
      socket.setTcpNoDelay(true);
      return socket;
    }

    @Override
    public java.net.Socket createSocket(
        java.net.InetAddress host, int port, java.net.InetAddress local, int localPort)
        throws IOException {
      java.net.Socket socket = plain.createSocket(host, port, local, localPort);
      socket.setTcpNoDelay(true);
      return socket;
    }
  }

  interface Action {
    void run() throws Exception;
  }

  /** Runs {@code action} a few times to warm up, then {@code samples} timed times (ms each). */
  static List<Double> time(int samples, Action action) throws Exception {
    for (int i = 0; i < Math.min(10, samples); i++) {
      action.run();
    }
    List<Double> millis = new ArrayList<>();
    for (int i = 0; i < samples; i++) {
      long start = System.nanoTime();
      action.run();
      millis.add((System.nanoTime() - start) / 1e6);
    }
    return millis;
  }
}
