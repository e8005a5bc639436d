package io.hastorage.operator.node.ssh;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.hastorage.operator.node.Command;
import io.hastorage.operator.node.ExecResult;
import io.hastorage.operator.node.FileWrite;
import io.hastorage.operator.node.HeldCommand;
import io.hastorage.operator.node.NodeAccessException;
import io.hastorage.operator.node.NodeAccessException.Failure;
import io.hastorage.operator.node.NodeCredentials;
import io.hastorage.operator.node.NodeEndpoint;
import io.hastorage.operator.node.NodeLockScript;
import io.hastorage.operator.node.NodeShell;
import io.hastorage.operator.node.SensitiveBytes;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * The transport against a real OpenSSH sshd on 127.0.0.1, with its own host key, config and
 * authorized_keys in a temp directory. Without sshd it skips, or fails under CI=true or
 * HASTORAGE_REQUIRE_REAL_TOOLS=1 ({@link io.hastorage.operator.testing.RealPrerequisites}).
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class OpenSshNodeShellIT {

  private final RecordingListener listener = new RecordingListener();
  private OpenSshServer sshd;
  private String clientKey;
  private String knownHostsLine;
  private SshjNodeShellFactory factory;

  @BeforeAll
  void startSshd() throws Exception {
    OpenSshServer.requireInstalled();
    sshd = new OpenSshServer();
    clientKey = sshd.clientPrivateKey();
    knownHostsLine = sshd.knownHostsLine();
    factory = new SshjNodeShellFactory(SshSettings.DEFAULTS, listener);
  }

  @AfterAll
  void stopSshd() throws Exception {
    if (factory != null) {
      factory.close();
    }
    if (sshd != null) {
      sshd.close();
    }
  }

  @Test
  void execReturnsStdoutStderrAndExitCode() throws Exception {
    ExecResult result = shell().exec(Command.of("sh", "-c", "echo out; echo err >&2; exit 7"));

    assertThat(result.exitCode()).as(sshd.log()).isEqualTo(7);
    assertThat(result.stdout()).isEqualTo("out\n");
    assertThat(result.stderr()).isEqualTo("err\n");
  }

  @Test
  void stdinReachesTheCommand() throws Exception {
    String secret = "chap-secret: s3cr3t\nünïcødé\n";

    ExecResult result = shell().exec(Command.of("cat").withStdin(SensitiveBytes.secret(secret)));

    assertThat(result.stdout()).isEqualTo(secret);
  }

  @Test
  void hostileArgvValuesArriveIntact() throws Exception {
    Path work = Files.createDirectories(sshd.dir().resolve("hostile"));
    List<String> hostile =
        List.of(
            ";",
            "a; touch " + work + "/pwned-semicolon",
            "$(touch " + work + "/pwned-subst)",
            "`touch " + work + "/pwned-backtick`",
            "it's \"quoted\"",
            "line1\nline2",
            "-n",
            "with space",
            "",
            "ünïcødé ✓ 日本語",
            "*",
            "$HOME");
    List<String> argv = new ArrayList<>(List.of("printf", "%s\\0"));
    argv.addAll(hostile);

    ExecResult result = shell().exec(Command.of(argv));

    String out = result.stdout();
    assertThat(out).endsWith("\0");
    assertThat(List.of(out.substring(0, out.length() - 1).split("\0", -1)))
        .containsExactlyElementsOf(hostile);
    try (Stream<Path> files = Files.list(work)) {
      assertThat(files).isEmpty();
    }
  }

  @Test
  void hostKeyMismatchIsRefused() throws Exception {
    // The client's own public key is certainly not the server's host key.
    String wrongPin = sshd.wrongKnownHostsLine();
    Path marker = sshd.dir().resolve("marker");

    NodeAccessException e =
        catchThrowableOfType(
            NodeAccessException.class,
            () ->
                factory
                    .shellFor(endpoint("mismatch"), credentials(wrongPin))
                    .exec(Command.of("touch", marker.toString())));

    assertThat(e.failure()).isEqualTo(Failure.HostKeyMismatch);
    assertThat(e.getMessage()).contains(sshd.hostKeyFingerprint());
    assertThat(marker).doesNotExist();
  }

  @Test
  void writeFileAndReadFileRoundTrip() throws Exception {
    NodeShell shell = shell();
    String path = sshd.dir().resolve("etc/hastorage/r0.res").toString();
    String content = "resource r0 {\n  net { shared-secret \"s3cr3t\"; }\n}\n";

    shell.writeFile(new FileWrite(path, SensitiveBytes.secret(content), "0600"));

    assertThat(shell.readFile(path)).contains(content);
    assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(Path.of(path))))
        .isEqualTo("rw-------");
    assertThat(shell.readFile(sshd.dir().resolve("absent").toString())).isEmpty();
  }

  @Test
  void moreCallersThanMaxSessionsAllSucceedOnOneConnection() throws Exception {
    // OpenSSH refuses the 11th session on a connection; the cap of 8 queues the rest.
    NodeShell shell = shell();
    ExecutorService callers = Executors.newFixedThreadPool(16);
    try {
      List<Future<ExecResult>> results = new ArrayList<>();
      for (int i = 0; i < 16; i++) {
        String n = Integer.toString(i);
        results.add(
            callers.submit(() -> shell.exec(Command.of("sh", "-c", "sleep 0.2; echo " + n))));
      }
      for (int i = 0; i < 16; i++) {
        assertThat(results.get(i).get().stdout()).isEqualTo(i + "\n");
      }
    } finally {
      callers.shutdownNow();
    }
  }

  @Test
  void timeoutIsReportedAsCommandTimeout() throws Exception {
    NodeAccessException e =
        catchThrowableOfType(
            NodeAccessException.class,
            () -> shell().exec(Command.of("sleep", "30").withTimeout(Duration.ofMillis(500))));

    assertThat(e.failure()).isEqualTo(Failure.CommandTimeout);
    assertThat(shell().exec(Command.of("echo", "alive")).stdout()).isEqualTo("alive\n");
  }

  @Test
  void aHeldNodeLockKeepsAnotherInstanceOutUntilItsConnectionDies() throws Exception {
    Path state = Files.createTempDirectory("hastorage-lock");
    SshjNodeShellFactory other = new SshjNodeShellFactory(SshSettings.DEFAULTS, listener);
    SshjNodeShellFactory dying = new SshjNodeShellFactory(SshSettings.DEFAULTS, listener);
    try {
      NodeShell first = dying.shellFor(endpoint("openssh"), credentials(knownHostsLine));
      NodeShell second = other.shellFor(endpoint("openssh"), credentials(knownHostsLine));
      HeldCommand held = first.hold(lock("op-a/1", 0, state));
      assertThat(held.firstLine()).as(sshd.log()).contains("locked 1");
      assertThat(held.shell().exec(Command.of("echo", "under the lock")).stdout())
          .isEqualTo("under the lock\n");

      try (HeldCommand refused = second.hold(lock("op-b/2", 1, state))) {
        assertThat(refused.firstLine()).contains("busy op-a/1");
      }

      dying.close(); // the operator process ends without releasing anything itself
      assertThat(
              catchThrowableOfType(
                  NodeAccessException.class,
                  () -> held.shell().exec(Command.of("echo", "after the lock's connection died"))))
          .as("nothing runs under a lock whose connection is gone")
          .extracting(NodeAccessException::failure)
          .isEqualTo(Failure.ConnectionLost);

      Optional<String> answer = Optional.of("busy");
      for (int attempt = 0; attempt < 50 && answer.orElse("").startsWith("busy"); attempt++) {
        try (HeldCommand next = second.hold(lock("op-b/2", 1, state))) {
          answer = next.firstLine();
        }
        if (answer.orElse("").startsWith("busy")) {
          Thread.sleep(100); // sshd notices the closed connection asynchronously
        }
      }
      assertThat(answer)
          .as("sshd closed the dead holder's pipes, so its script still moved the generation")
          .contains("stale 2");
      try (HeldCommand next = second.hold(lock("op-b/2", 2, state))) {
        assertThat(next.firstLine()).contains("locked 3");
      }
      held.close();
    } finally {
      other.close();
      dying.close();
    }
  }

  private static Command lock(String owner, long observed, Path state) {
    return NodeLockScript.command(owner, observed, Duration.ofSeconds(10), state.toString());
  }

  private NodeShell shell() {
    return factory.shellFor(endpoint("openssh"), credentials(knownHostsLine));
  }

  private NodeEndpoint endpoint(String name) {
    return new NodeEndpoint(name, "127.0.0.1", sshd.port(), System.getProperty("user.name"), false);
  }

  private NodeCredentials credentials(String pin) {
    return new NodeCredentials(SensitiveBytes.secret(clientKey), pin);
  }
}
