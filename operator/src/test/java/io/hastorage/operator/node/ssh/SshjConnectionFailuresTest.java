package io.hastorage.operator.node.ssh;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;
import static org.awaitility.Awaitility.await;

import io.hastorage.operator.node.Command;
import io.hastorage.operator.node.ExecResult;
import io.hastorage.operator.node.NodeAccessException;
import io.hastorage.operator.node.NodeAccessException.Failure;
import io.hastorage.operator.node.NodeShell;
import java.nio.file.Path;
import java.security.KeyPair;
import java.time.Duration;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.apache.sshd.common.config.keys.KeyUtils;
import org.junit.jupiter.api.Test;

/**
 * How the transport fails, and recovers, against an embedded MINA SSH server: each cause maps to
 * its own Failure, and a dead or rotated connection is replaced.
 */
class SshjConnectionFailuresTest extends MinaServerTestBase {

  @Test
  void hostKeyMismatchIsRefusedBeforeAnyCommandRuns() throws Exception {
    KeyPair otherKey = TestKeys.ec256();
    String wrongPin = "[127.0.0.1]:" + server.port() + " " + otherServerKeyLine(otherKey);
    Path marker = workDir.resolve("marker");

    NodeAccessException e =
        catchThrowableOfType(
            NodeAccessException.class,
            () -> shell(credentials(clientKeyText, wrongPin)).exec(Command.of("touch", "marker")));

    assertThat(e.failure()).isEqualTo(Failure.HostKeyMismatch);
    assertThat(e.getMessage())
        .contains(server.fingerprint())
        .contains(KeyUtils.getFingerPrint(otherKey.getPublic()));
    assertThat(marker).doesNotExist();
    assertThat(server.commandLines()).isEmpty();
    assertThat(listener.connectFailures).containsExactly(Failure.HostKeyMismatch);
  }

  @Test
  void missingPinIsRefusedWithoutConnecting() throws Exception {
    NodeAccessException e =
        catchThrowableOfType(
            NodeAccessException.class,
            () -> shell(credentials(clientKeyText, "")).exec(Command.of("true")));

    assertThat(e.failure()).isEqualTo(Failure.HostKeyMissing);
    assertThat(server.commandLines()).isEmpty();
    assertThat(listener.connected).hasValue(0);
  }

  @Test
  void wrongPrivateKeyIsAuthenticationFailedAndNeverQuoted() throws Exception {
    String otherKey = TestKeys.pkcs8Pem(TestKeys.rsa2048());

    NodeAccessException e =
        catchThrowableOfType(
            NodeAccessException.class,
            () -> shell(credentials(otherKey, server.knownHostsLine())).exec(Command.of("true")));

    assertThat(e.failure()).isEqualTo(Failure.AuthenticationFailed);
    assertThat(e.getMessage()).contains("operator");
    assertNoKeyMaterial(e, otherKey);
    assertThat(server.commandLines()).isEmpty();
  }

  @Test
  void unreadablePrivateKeyIsAuthenticationFailedAndNeverQuoted() throws Exception {
    String garbage =
        "-----BEGIN PRIVATE KEY-----\nbm90IGEga2V5IGF0IGFsbA==\n-----END PRIVATE KEY-----\n";

    NodeAccessException e =
        catchThrowableOfType(
            NodeAccessException.class,
            () -> shell(credentials(garbage, server.knownHostsLine())).exec(Command.of("true")));

    assertThat(e.failure()).isEqualTo(Failure.AuthenticationFailed);
    assertNoKeyMaterial(e, garbage);
  }

  @Test
  void openSshFormatPrivateKeyWorks() throws Exception {
    KeyPair ecClient = TestKeys.ec256();
    clientKey = ecClient;
    server.close();
    server = startServer(0);

    ExecResult result =
        shell(credentials(TestKeys.openSshPem(ecClient), server.knownHostsLine()))
            .exec(Command.of("echo", "ok"));

    assertThat(result.stdout()).isEqualTo("ok\n");
  }

  @Test
  void unreachableNodeBacksOffFastThenRecovers() throws Exception {
    int port = freePort();
    factory = factory(SETTINGS.withBackoff(Duration.ofSeconds(2), Duration.ofSeconds(2)));
    NodeShell shell =
        factory.shellFor(
            endpoint(port, false),
            credentials(clientKeyText, "[127.0.0.1]:" + port + " " + hostKeyLine()));

    NodeAccessException first =
        catchThrowableOfType(NodeAccessException.class, () -> shell.exec(Command.of("true")));
    NodeAccessException second =
        catchThrowableOfType(NodeAccessException.class, () -> shell.exec(Command.of("true")));

    assertThat(first.failure()).isEqualTo(Failure.NodeUnreachable);
    assertThat(second.failure()).isEqualTo(Failure.BackingOff);
    assertThat(second.getMessage()).contains("NodeUnreachable").contains("again before");
    assertThat(listener.connectFailures).containsExactly(Failure.NodeUnreachable);

    startServer(port);
    await()
        .atMost(AWAIT)
        .ignoreExceptionsInstanceOf(NodeAccessException.class)
        .until(() -> shell.exec(Command.of("echo", "back")).stdout().equals("back\n"));
    assertThat(listener.connected).hasValue(1);
  }

  @Test
  void droppedConnectionIsReportedAndReplaced() throws Exception {
    NodeShell shell = shell();
    ExecutorService caller = Executors.newSingleThreadExecutor();
    closeables.add(caller::shutdownNow);
    Future<ExecResult> longRunning =
        caller.submit(() -> shell.exec(Command.of("sleep", "30").withTimeout(AWAIT)));
    await().atMost(AWAIT).until(() -> server.running() == 1);

    server.dropAllSessions();

    NodeAccessException e =
        catchThrowableOfType(java.util.concurrent.ExecutionException.class, longRunning::get)
                    .getCause()
                instanceof NodeAccessException nae
            ? nae
            : null;
    assertThat(e).isNotNull();
    assertThat(e.failure()).isEqualTo(Failure.ConnectionLost);
    await()
        .atMost(AWAIT)
        .ignoreExceptionsInstanceOf(NodeAccessException.class)
        .until(() -> shell.exec(Command.of("echo", "again")).ok());
    assertThat(listener.connected).hasValue(2);
    assertThat(listener.disconnected).hasValue(1);
  }

  @Test
  void staleConnectionIsReplacedWithoutFailingTheNextCommand() throws Exception {
    NodeShell shell = shell();
    shell.exec(Command.of("true"));
    server.dropAllSessions();
    await().atMost(AWAIT).until(() -> server.activeSessions() == 0);

    ExecResult result = shell.exec(Command.of("echo", "fresh"));

    assertThat(result.stdout()).isEqualTo("fresh\n");
    assertThat(listener.connected).hasValue(2);
    assertThat(listener.disconnected).hasValue(1);
  }

  @Test
  void silentPeerIsDetectedAsConnectionLostAndReplaced() throws Exception {
    factory = factory(SETTINGS.withConnectTimeout(Duration.ofSeconds(1)));
    FreezableProxy proxy = new FreezableProxy(server.port());
    closeables.add(proxy);
    NodeShell shell = factory.shellFor(endpoint(proxy.port(), false), credentials());
    shell.exec(Command.of("true"));

    proxy.freeze();
    NodeAccessException e =
        catchThrowableOfType(NodeAccessException.class, () -> shell.exec(Command.of("true")));
    proxy.thaw();
    ExecResult after = shell.exec(Command.of("echo", "answering"));

    assertThat(e.failure()).isEqualTo(Failure.ConnectionLost);
    assertThat(after.stdout()).isEqualTo("answering\n");
    assertThat(listener.connected).hasValue(2);
    assertThat(listener.disconnected).hasValue(1);
  }
}
