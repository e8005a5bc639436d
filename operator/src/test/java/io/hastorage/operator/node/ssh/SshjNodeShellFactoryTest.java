package io.hastorage.operator.node.ssh;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;
import static org.awaitility.Awaitility.await;

import io.hastorage.operator.node.Command;
import io.hastorage.operator.node.ExecResult;
import io.hastorage.operator.node.FileWrite;
import io.hastorage.operator.node.NodeAccessException;
import io.hastorage.operator.node.NodeAccessException.Failure;
import io.hastorage.operator.node.NodeCredentials;
import io.hastorage.operator.node.NodeShell;
import io.hastorage.operator.node.SensitiveBytes;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/** Running commands through the sshj transport against an embedded MINA SSH server. */
class SshjNodeShellFactoryTest extends MinaServerTestBase {

  @Test
  void execReturnsStdoutStderrAndExitCode() throws Exception {
    ExecResult result = shell().exec(Command.of("sh", "-c", "echo out; echo err >&2; exit 3"));

    assertThat(result.exitCode()).isEqualTo(3);
    assertThat(result.stdout()).isEqualTo("out\n");
    assertThat(result.stderr()).isEqualTo("err\n");
    assertThat(listener.finished)
        .containsExactly(new RecordingListener.Finished("node-a", 3, null, 8));
  }

  @Test
  void stdinReachesTheCommandAndNeverTheCommandLine() throws Exception {
    String secret = "top-secret-value\nsecond line ünïcødé";

    ExecResult result = shell().exec(Command.of("cat").withStdin(SensitiveBytes.secret(secret)));

    assertThat(result.stdout()).isEqualTo(secret);
    assertThat(server.commandLines()).containsExactly("cat");
  }

  @Test
  void emptyStdinStillEndsWithEofSoReadersFinish() throws Exception {
    ExecResult result = shell().exec(Command.of("wc", "-c"));

    assertThat(result.stdout().strip()).isEqualTo("0");
  }

  @Test
  void largeStdinAndStdoutFlowTogetherWithoutDeadlock() throws Exception {
    byte[] big = new byte[3 * 1024 * 1024];
    for (int i = 0; i < big.length; i++) {
      big[i] = (byte) ('a' + i % 26);
    }

    ExecResult result = shell().exec(Command.of("cat").withStdin(SensitiveBytes.secret(big)));

    assertThat(result.stdout()).isEqualTo(new String(big, StandardCharsets.US_ASCII));
  }

  @Test
  void hostileArgvValuesArriveIntact() throws Exception {
    List<String> hostile =
        List.of(
            ";",
            "a; touch pwned-semicolon",
            "$(touch pwned-subst)",
            "`touch pwned-backtick`",
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

    assertThat(splitAtNul(result.stdout())).containsExactlyElementsOf(hostile);
    try (Stream<Path> files = Files.list(workDir)) {
      assertThat(files).as("files created by an injection").isEmpty();
    }
  }

  @Test
  void timeoutClosesTheChannelButKeepsTheConnection() throws Exception {
    NodeShell shell = shell();

    NodeAccessException e =
        catchThrowableOfType(
            NodeAccessException.class,
            () -> shell.exec(Command.of("sleep", "30").withTimeout(Duration.ofMillis(500))));

    assertThat(e.failure()).isEqualTo(Failure.CommandTimeout);
    await().atMost(AWAIT).until(() -> server.running() == 0);
    assertThat(shell.exec(Command.of("echo", "still")).stdout()).isEqualTo("still\n");
    assertThat(listener.connected).hasValue(1);
    assertThat(listener.finished)
        .extracting(RecordingListener.Finished::failure)
        .containsExactly(Failure.CommandTimeout, null);
  }

  @Test
  void manyExecsShareOneHandshake() throws Exception {
    NodeShell shell = shell();
    for (int i = 0; i < 20; i++) {
      assertThat(shell.exec(Command.of("echo", Integer.toString(i))).stdout()).isEqualTo(i + "\n");
    }
    // A second shell for the same node and credentials uses the same connection.
    shell().exec(Command.of("true"));

    assertThat(listener.connected).hasValue(1);
    assertThat(listener.handshakes).hasSize(1);
  }

  @Test
  void concurrentChannelsAreCappedPerConnection() throws Exception {
    factory = factory(SETTINGS.withMaxChannelsPerConnection(2));
    NodeShell shell = shell();
    ExecutorService callers = Executors.newFixedThreadPool(6);
    closeables.add(callers::shutdownNow);
    List<Future<ExecResult>> results = new ArrayList<>();

    for (int i = 0; i < 6; i++) {
      results.add(callers.submit(() -> shell.exec(Command.of("sh", "-c", "sleep 0.3; echo ok"))));
    }

    for (Future<ExecResult> result : results) {
      assertThat(result.get().stdout()).isEqualTo("ok\n");
    }
    assertThat(server.commandLines()).hasSize(6);
    assertThat(server.maxRunning()).isBetween(1, 2);
    assertThat(listener.connected).hasValue(1);
  }

  @Test
  void rotatedCredentialsOpenANewConnection() throws Exception {
    shell().exec(Command.of("true"));
    NodeCredentials rotated =
        credentials(clientKeyText, server.knownHostsLine() + " pin-refreshed-by-rotation");
    assertThat(rotated.revision()).isNotEqualTo(credentials().revision());

    shell(rotated).exec(Command.of("true"));

    assertThat(listener.connected).hasValue(2);
    assertThat(listener.disconnected).hasValue(1);
  }

  @Test
  void writeFileAndReadFileRoundTrip() throws Exception {
    NodeShell shell = shell();
    String path = workDir.resolve("etc/hastorage/auth.key").toString();
    String content = "secret: s3cr3t\n'quotes' \"and\" $(no) ünïcødé\n";

    shell.writeFile(new FileWrite(path, SensitiveBytes.secret(content), "0600"));

    assertThat(shell.readFile(path)).contains(content);
    assertThat(Files.readString(Path.of(path), StandardCharsets.UTF_8)).isEqualTo(content);
    assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(Path.of(path))))
        .isEqualTo("rw-------");
    assertThat(shell.readFile(workDir.resolve("absent").toString())).isEmpty();
    assertThat(String.join("\n", server.commandLines())).doesNotContain("s3cr3t");
  }

  @Test
  void sudoPrefixesEveryCommand() throws Exception {
    NodeShell shell = factory.shellFor(endpoint(server.port(), true), credentials());

    shell.exec(Command.of("printf", "%s", "a b"));

    assertThat(server.commandLines()).containsExactly("sudo -n -- printf %s 'a b'");
  }

  @Test
  void closeClosesEveryConnection() throws Exception {
    shell().exec(Command.of("true"));
    await().atMost(AWAIT).until(() -> server.activeSessions() == 1);

    factory.close();

    assertThat(listener.disconnected).hasValue(1);
    await().atMost(AWAIT).until(() -> server.activeSessions() == 0);
    NodeAccessException e =
        catchThrowableOfType(
            NodeAccessException.class,
            () -> factory.connectionFor(endpoint(server.port(), false), credentials()));
    assertThat(e.failure()).isEqualTo(Failure.ConnectionLost);
  }
}
