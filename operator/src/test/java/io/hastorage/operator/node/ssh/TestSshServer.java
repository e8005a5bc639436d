package io.hastorage.operator.node.ssh;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.PublicKey;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.sshd.common.config.keys.KeyUtils;
import org.apache.sshd.common.config.keys.PublicKeyEntry;
import org.apache.sshd.common.keyprovider.KeyPairProvider;
import org.apache.sshd.common.session.helpers.AbstractSession;
import org.apache.sshd.core.CoreModuleProperties;
import org.apache.sshd.server.Environment;
import org.apache.sshd.server.ExitCallback;
import org.apache.sshd.server.SshServer;
import org.apache.sshd.server.channel.ChannelSession;
import org.apache.sshd.server.command.Command;

/**
 * An embedded Apache MINA SSH server on 127.0.0.1 that runs each exec request with the local
 * /bin/sh, as sshd hands it to a login shell. It records every raw command line and counts the
 * commands running at once, so tests can check what the transport sent and how many channels it
 * kept open. One instance per test; nothing is static.
 */
final class TestSshServer implements AutoCloseable {

  private final SshServer server;
  private final KeyPair hostKey;
  private final Path workDir;
  private final Path scripts;
  private final List<String> commandLines = new CopyOnWriteArrayList<>();
  private final AtomicInteger running = new AtomicInteger();
  private final AtomicInteger maxRunning = new AtomicInteger();
  private final AtomicInteger scriptCount = new AtomicInteger();

  /**
   * @param port 0 for a random free port
   * @param workDir the commands' working directory (where an injected "touch x" would land)
   */
  TestSshServer(KeyPair hostKey, PublicKey authorizedKey, Path workDir, int port)
      throws IOException {
    this.hostKey = hostKey;
    this.workDir = workDir;
    this.scripts = Files.createTempDirectory("mina-scripts");
    server = SshServer.setUpDefaultServer();
    server.setHost("127.0.0.1");
    server.setPort(port);
    // The same Nagle/delayed-ACK stall as on the client side would otherwise slow every exec.
    CoreModuleProperties.TCP_NODELAY.set(server, true);
    server.setKeyPairProvider(KeyPairProvider.wrap(hostKey));
    server.setPublickeyAuthenticator(
        (user, key, session) -> KeyUtils.compareKeys(authorizedKey, key));
    server.setPasswordAuthenticator(null);
    server.setKeyboardInteractiveAuthenticator(null);
    server.setCommandFactory((channel, line) -> new ShCommand(line));
    server.start();
  }

  int port() {
    return server.getPort();
  }

  /** The pin a node Secret would hold for this server. */
  String knownHostsLine() {
    return "[127.0.0.1]:" + port() + " " + PublicKeyEntry.toString(hostKey.getPublic());
  }

  String fingerprint() {
    return KeyUtils.getFingerPrint(hostKey.getPublic());
  }

  List<String> commandLines() {
    return List.copyOf(commandLines);
  }

  int running() {
    return running.get();
  }

  int maxRunning() {
    return maxRunning.get();
  }

  int activeSessions() {
    return server.getActiveSessions().size();
  }

  /** Cuts every client connection at once, as a crashed node or a dropped network would. */
  void dropAllSessions() {
    for (AbstractSession session : server.getActiveSessions()) {
      session.close(true);
    }
  }

  @Override
  public void close() throws IOException {
    server.stop(true);
    if (!Files.exists(scripts)) {
      return; // closed before
    }
    try (java.util.stream.Stream<Path> files = Files.walk(scripts)) {
      for (Path file : files.sorted(java.util.Comparator.reverseOrder()).toList()) {
        Files.deleteIfExists(file);
      }
    }
  }

  /** Runs one command line with /bin/sh, pumping the channel's streams to and from it. */
  private final class ShCommand implements Command {
    private final String line;
    private InputStream in;
    private OutputStream out;
    private OutputStream err;
    private ExitCallback exit;
    private volatile Process process;

    ShCommand(String line) {
      this.line = line;
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
    public void setExitCallback(ExitCallback exit) {
      this.exit = exit;
    }

    @Override
    public void start(ChannelSession channel, Environment env) throws IOException {
      commandLines.add(line);
      maxRunning.accumulateAndGet(running.incrementAndGet(), Math::max);
      // Written as UTF-8 bytes and run as a script: never re-encoded by the JVM's locale.
      Path script = scripts.resolve("cmd-" + scriptCount.incrementAndGet() + ".sh");
      Files.write(script, line.getBytes(StandardCharsets.UTF_8));
      process =
          new ProcessBuilder("/bin/sh", script.toString()).directory(workDir.toFile()).start();
      Thread stdout = pump(process.getInputStream(), out, false);
      Thread stderr = pump(process.getErrorStream(), err, false);
      pump(in, process.getOutputStream(), true);
      Thread waiter = new Thread(() -> finish(stdout, stderr), "mina-exit");
      waiter.setDaemon(true);
      waiter.start();
    }

    /** Output first, then the exit status: the count drops before the client can see the end. */
    private void finish(Thread stdout, Thread stderr) {
      int code;
      try {
        stdout.join();
        stderr.join();
        code = process.waitFor();
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        code = 255;
      }
      running.decrementAndGet();
      exit.onExit(code);
    }

    /** The channel closed: kill the whole tree, or an orphaned child keeps the pipes open. */
    @Override
    public void destroy(ChannelSession channel) {
      Process p = process;
      if (p != null) {
        p.descendants().forEach(ProcessHandle::destroyForcibly);
        p.destroyForcibly();
      }
    }
  }

  private static Thread pump(InputStream from, OutputStream to, boolean closeTarget) {
    Thread thread =
        new Thread(
            () -> {
              byte[] buffer = new byte[8192];
              try {
                for (int n; (n = from.read(buffer)) >= 0; ) {
                  to.write(buffer, 0, n);
                  to.flush();
                }
              } catch (IOException e) {
                // the channel or the process went away; nothing more to copy
              } finally {
                if (closeTarget) {
                  closeQuietly(to);
                }
              }
            },
            "mina-pump");
    thread.setDaemon(true);
    thread.start();
    return thread;
  }

  private static void closeQuietly(OutputStream stream) {
    try {
      stream.close();
    } catch (IOException e) {
      // already closed
    }
  }
}
