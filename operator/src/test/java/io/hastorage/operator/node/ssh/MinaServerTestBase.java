package io.hastorage.operator.node.ssh;

import static org.assertj.core.api.Assertions.assertThat;

import io.hastorage.operator.node.NodeCredentials;
import io.hastorage.operator.node.NodeEndpoint;
import io.hastorage.operator.node.NodeShell;
import io.hastorage.operator.node.SensitiveBytes;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.security.KeyPair;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.io.TempDir;

/**
 * An embedded MINA SSH server (commands run with /bin/sh), a client key it accepts, and a transport
 * under test with a recording listener. Everything is per test instance.
 */
abstract class MinaServerTestBase {

  static final SshSettings SETTINGS =
      SshSettings.DEFAULTS.withConnectTimeout(Duration.ofSeconds(5));
  static final Duration AWAIT = Duration.ofSeconds(20);

  @TempDir Path workDir;

  final RecordingListener listener = new RecordingListener();
  final List<AutoCloseable> closeables = new ArrayList<>();
  KeyPair hostKey;
  KeyPair clientKey;
  String clientKeyText;
  TestSshServer server;
  SshjNodeShellFactory factory;

  @BeforeEach
  void setUp() throws Exception {
    hostKey = TestKeys.ec256();
    clientKey = TestKeys.rsa2048();
    clientKeyText = TestKeys.pkcs8Pem(clientKey);
    server = startServer(0);
    factory = factory(SETTINGS);
  }

  @AfterEach
  void stopEverything() throws Exception {
    for (AutoCloseable closeable : closeables) {
      closeable.close();
    }
  }

  TestSshServer startServer(int port) throws Exception {
    TestSshServer started = new TestSshServer(hostKey, clientKey.getPublic(), workDir, port);
    closeables.add(started);
    return started;
  }

  SshjNodeShellFactory factory(SshSettings settings) {
    SshjNodeShellFactory created = new SshjNodeShellFactory(settings, listener);
    closeables.add(0, created);
    return created;
  }

  NodeShell shell() {
    return shell(credentials());
  }

  NodeShell shell(NodeCredentials credentials) {
    return factory.shellFor(endpoint(server.port(), false), credentials);
  }

  NodeCredentials credentials() {
    return credentials(clientKeyText, server.knownHostsLine());
  }

  static NodeCredentials credentials(String privateKey, String knownHostsLine) {
    return new NodeCredentials(SensitiveBytes.secret(privateKey), knownHostsLine);
  }

  static NodeEndpoint endpoint(int port, boolean sudo) {
    return new NodeEndpoint("node-a", "127.0.0.1", port, "operator", sudo);
  }

  String hostKeyLine() {
    return org.apache.sshd.common.config.keys.PublicKeyEntry.toString(hostKey.getPublic());
  }

  static String otherServerKeyLine(KeyPair other) {
    return org.apache.sshd.common.config.keys.PublicKeyEntry.toString(other.getPublic());
  }

  static void assertNoKeyMaterial(Throwable e, String keyText) {
    String body = keyText.lines().filter(l -> !l.startsWith("-----")).findFirst().orElseThrow();
    for (Throwable t = e; t != null; t = t.getCause()) {
      assertThat(String.valueOf(t.getMessage())).doesNotContain(body.substring(0, 16));
    }
  }

  static int freePort() throws Exception {
    try (ServerSocket socket = new ServerSocket(0)) {
      return socket.getLocalPort();
    }
  }

  static List<String> splitAtNul(String output) {
    assertThat(output).endsWith("\0");
    return List.of(output.substring(0, output.length() - 1).split("\0", -1));
  }
}
