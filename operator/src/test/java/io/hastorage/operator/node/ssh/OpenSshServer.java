package io.hastorage.operator.node.ssh;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.fail;

import io.hastorage.operator.testing.RealPrerequisites;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * A real OpenSSH sshd on 127.0.0.1 and a free port, run as {@code sshd -D -e -f <temp config>} with
 * its own ed25519 host key, an authorized_keys file holding a fresh client key, and everything else
 * in one temp directory.
 */
final class OpenSshServer implements AutoCloseable {

  static final Path SSHD = Path.of("/usr/sbin/sshd");
  static final Path SSH_KEYGEN = Path.of("/usr/bin/ssh-keygen");

  private final Path dir;
  private final int port;
  private final Process sshd;

  /** OpenSSH's sshd and ssh-keygen, through {@link RealPrerequisites}: skip, or fail under CI. */
  static void requireInstalled() {
    boolean present = Files.isExecutable(SSHD) && Files.isExecutable(SSH_KEYGEN);
    RealPrerequisites.require(
        "the real OpenSSH server",
        present
            ? Optional.empty()
            : Optional.of(SSHD + " or " + SSH_KEYGEN + " not installed (openssh-server)"));
  }

  OpenSshServer() throws Exception {
    dir = Files.createTempDirectory("openssh-it");
    keygen("host_ed25519");
    keygen("client_ed25519");
    Files.copy(dir.resolve("client_ed25519.pub"), dir.resolve("authorized_keys"));
    port = freePort();
    Files.writeString(dir.resolve("sshd_config"), config());
    if ("root".equals(System.getProperty("user.name"))) {
      Files.createDirectories(Path.of("/run/sshd")); // sshd's privilege separation directory
    }
    sshd =
        new ProcessBuilder(SSHD.toString(), "-D", "-e", "-f", dir.resolve("sshd_config").toString())
            .redirectErrorStream(true)
            .redirectOutput(dir.resolve("sshd.log").toFile())
            .start();
    awaitListening();
  }

  int port() {
    return port;
  }

  Path dir() {
    return dir;
  }

  String clientPrivateKey() throws IOException {
    return Files.readString(dir.resolve("client_ed25519"));
  }

  String knownHostsLine() throws IOException {
    return "[127.0.0.1]:" + port + " " + Files.readString(dir.resolve("host_ed25519.pub")).strip();
  }

  /** A valid known_hosts line for this port that pins the wrong key (the client's own). */
  String wrongKnownHostsLine() throws IOException {
    return "[127.0.0.1]:"
        + port
        + " "
        + Files.readString(dir.resolve("client_ed25519.pub")).strip();
  }

  /** The host key's fingerprint as ssh-keygen prints it. */
  String hostKeyFingerprint() throws Exception {
    Process p =
        new ProcessBuilder(
                SSH_KEYGEN.toString(), "-l", "-f", dir.resolve("host_ed25519.pub").toString())
            .start();
    String output = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(p.waitFor()).isZero();
    return output.split(" ")[1];
  }

  String log() {
    try {
      return Files.readString(dir.resolve("sshd.log"));
    } catch (IOException e) {
      return "(no sshd log: " + e + ")";
    }
  }

  @Override
  public void close() throws Exception {
    sshd.destroy();
    if (!sshd.waitFor(10, TimeUnit.SECONDS)) {
      sshd.destroyForcibly();
    }
    try (Stream<Path> files = Files.walk(dir)) {
      files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
    }
  }

  private String config() {
    return String.join(
        "\n",
        "Port " + port,
        "ListenAddress 127.0.0.1",
        "HostKey " + dir.resolve("host_ed25519"),
        "AuthorizedKeysFile " + dir.resolve("authorized_keys"),
        "PidFile " + dir.resolve("sshd.pid"),
        "StrictModes no",
        "UsePAM no",
        "PubkeyAuthentication yes",
        "PasswordAuthentication no",
        "KbdInteractiveAuthentication no",
        "PermitRootLogin prohibit-password",
        "LogLevel VERBOSE",
        "");
  }

  private void keygen(String name) throws Exception {
    Process p =
        new ProcessBuilder(
                SSH_KEYGEN.toString(),
                "-q",
                "-t",
                "ed25519",
                "-N",
                "",
                "-C",
                name,
                "-f",
                dir.resolve(name).toString())
            .redirectErrorStream(true)
            .start();
    String output = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(p.waitFor()).as(output).isZero();
  }

  /** Polls until sshd accepts connections; fails with its log if it dies or never listens. */
  private void awaitListening() throws Exception {
    for (int attempt = 0; attempt < 150; attempt++) {
      if (!sshd.isAlive()) {
        fail("sshd exited with " + sshd.exitValue() + ":\n" + log());
      }
      try (Socket socket = new Socket()) {
        socket.connect(new InetSocketAddress("127.0.0.1", port), 200);
        return;
      } catch (IOException notYet) {
        Thread.sleep(100);
      }
    }
    fail("sshd did not start listening on " + port + ":\n" + log());
  }

  private static int freePort() throws IOException {
    try (ServerSocket socket = new ServerSocket(0)) {
      return socket.getLocalPort();
    }
  }
}
