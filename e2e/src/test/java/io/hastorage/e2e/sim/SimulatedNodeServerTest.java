package io.hastorage.e2e.sim;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.hastorage.operator.node.FileCommands;
import io.hastorage.operator.node.FileWrite;
import io.hastorage.operator.node.SensitiveBytes;
import io.hastorage.operator.node.ShellQuoting;
import io.hastorage.operator.observe.FactsParser;
import io.hastorage.operator.observe.NodeFacts;
import io.hastorage.operator.observe.NodeProbe;
import io.hastorage.operator.observe.OsInfo;
import io.hastorage.operator.observe.ProbeOutput;
import io.hastorage.operator.observe.ProbeRequest;
import io.hastorage.operator.observe.ProbeScript;
import java.io.IOException;
import java.io.OutputStream;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import net.schmizz.sshj.DefaultConfig;
import net.schmizz.sshj.SSHClient;
import net.schmizz.sshj.common.IOUtils;
import net.schmizz.sshj.connection.channel.direct.Session;
import net.schmizz.sshj.transport.TransportException;
import net.schmizz.sshj.transport.verification.OpenSSHKnownHosts;
import net.schmizz.sshj.userauth.UserAuthException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Real SSH (sshj client, MINA server) in front of a simulated node. */
class SimulatedNodeServerTest {

  private final KeyPair clientKey = SshKeys.generate();
  private final SimulatedNode node = SeedNodes.centosTarget("centos01");
  private final SimulatedNodeServer server =
      new SimulatedNodeServer(node, List.of(clientKey.getPublic()));

  private record Result(int exitCode, String stdout, String stderr) {}

  @BeforeEach
  void start() throws IOException {
    server.start();
  }

  @AfterEach
  void stop() throws IOException {
    server.close();
  }

  @Test
  void execsUnameAndTheProbeOverOneAuthenticatedSession() throws IOException {
    try (SSHClient ssh = connect(server.knownHostsLine(), clientKey)) {
      Result uname = exec(ssh, "uname -n -r", null);
      String script =
          ProbeScript.render(
              NodeProbe.items(new ProbeRequest(Set.of("lvm2"), Set.of("sshd"), Set.of())), "n0nce");
      Result probe = exec(ssh, ShellQuoting.join(List.of("sh", "-c", script)), null);

      assertThat(uname).isEqualTo(new Result(0, "centos01 3.10.0-1160.119.1.el7.x86_64\n", ""));
      NodeFacts facts = FactsParser.parse("centos01", ProbeOutput.parse(probe.stdout(), "n0nce"));
      assertThat(facts.os().family()).isEqualTo(OsInfo.Family.RHEL);
      assertThat(facts.hasPackage("lvm2")).isTrue();
      assertThat(facts.service("sshd")).isPresent();
    }
    assertThat(server.sessionCount()).isEqualTo(1);
    assertThat(server.authenticatedSessionCount()).isEqualTo(1);
    assertThat(node.execCount()).isEqualTo(2);
    assertThat(node.mutatingCommandCount()).isZero();
  }

  @Test
  void fileWriteCarriesContentOnStdin() throws IOException {
    FileWrite file = new FileWrite("/etc/corosync/authkey", SensitiveBytes.secret("k3y\n"), "0400");
    try (SSHClient ssh = connect(server.knownHostsLine(), clientKey)) {
      List<String> argv = new ArrayList<>(List.of("sudo", "-n", "--"));
      argv.addAll(FileCommands.atomicWrite(file).argv());
      Result written = exec(ssh, ShellQuoting.join(argv), "k3y\n");
      Result read = exec(ssh, ShellQuoting.join(FileCommands.read(file.path()).argv()), null);

      assertThat(written.exitCode()).isZero();
      assertThat(read).isEqualTo(new Result(0, "k3y\n", ""));
    }
    assertThat(node.files().get("/etc/corosync/authkey"))
        .hasValue(SimulatedFile.text("k3y\n", "0400"));
    assertThat(node.mutatingCommandCount()).isEqualTo(1);
  }

  @Test
  void acceptsJdkRsaClientKeys() throws Exception {
    KeyPair rsa = rsaKeyPair();
    server.authorizeKeys(List.of(clientKey.getPublic(), rsa.getPublic()));

    try (SSHClient ssh = connect(server.knownHostsLine(), rsa)) {
      assertThat(exec(ssh, "uname -n", null).stdout()).isEqualTo("centos01\n");
    }
  }

  @Test
  void rejectsKeysThatAreNotAuthorized() {
    KeyPair stranger = SshKeys.generate();

    assertThatThrownBy(() -> connect(server.knownHostsLine(), stranger).close())
        .isInstanceOf(UserAuthException.class);
    assertThat(server.authenticatedSessionCount()).isZero();
    assertThat(node.execCount()).isZero();
  }

  @Test
  void rotatedHostKeyNoLongerMatchesThePin() throws IOException {
    String oldPin = server.knownHostsLine();
    int port = server.port();

    String newPin = server.rotateHostKey();

    assertThat(newPin).isNotEqualTo(oldPin).startsWith("[127.0.0.1]:" + port + " ");
    assertThatThrownBy(() -> connect(oldPin, clientKey).close())
        .isInstanceOf(TransportException.class);
    try (SSHClient ssh = connect(newPin, clientKey)) {
      assertThat(exec(ssh, "uname -n", null).exitCode()).isZero();
    }
    assertThat(node.execCount()).isEqualTo(1);
  }

  @Test
  void stoppedNodeIsUnreachableAndKeepsItsStateAndPort() throws IOException {
    int port = server.port();
    String pin = server.knownHostsLine();
    new SimulatedShell(node, SimulatedTools.standard()).execute("yum install -y corosync");

    server.stop();
    assertThatThrownBy(() -> connect(pin, clientKey).close()).isInstanceOf(IOException.class);

    server.start();
    assertThat(server.port()).isEqualTo(port);
    try (SSHClient ssh = connect(pin, clientKey)) {
      assertThat(exec(ssh, "corosync -v", null).stdout()).contains("version '3.1.7'");
    }
  }

  private SSHClient connect(String knownHostsLine, KeyPair key) throws IOException {
    SSHClient ssh = new SSHClient(new DefaultConfig());
    try {
      ssh.addHostKeyVerifier(new OpenSSHKnownHosts(new StringReader(knownHostsLine + "\n")));
      ssh.connect(SimulatedNodeServer.HOST, server.port());
      ssh.authPublickey("root", ssh.loadKeys(SshKeys.openSshPrivateKey(key, "test"), null, null));
      return ssh;
    } catch (IOException | RuntimeException e) {
      ssh.close();
      throw e;
    }
  }

  private static Result exec(SSHClient ssh, String line, String stdin) throws IOException {
    try (Session session = ssh.startSession()) {
      Session.Command command = session.exec(line);
      OutputStream toRemote = command.getOutputStream();
      if (stdin != null) {
        toRemote.write(stdin.getBytes(StandardCharsets.UTF_8));
      }
      toRemote.close();
      String stdout = IOUtils.readFully(command.getInputStream()).toString(StandardCharsets.UTF_8);
      String stderr = IOUtils.readFully(command.getErrorStream()).toString(StandardCharsets.UTF_8);
      command.join(30, TimeUnit.SECONDS);
      return new Result(command.getExitStatus(), stdout, stderr);
    }
  }

  private static KeyPair rsaKeyPair() throws NoSuchAlgorithmException {
    KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
    generator.initialize(3072);
    return generator.generateKeyPair();
  }
}
