package io.hastorage.e2e.sim.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import io.hastorage.e2e.sim.SimulatedFleet;
import io.hastorage.e2e.sim.SimulatedNodeServer;
import io.hastorage.e2e.sim.SshKeys;
import io.hastorage.operator.node.Command;
import io.hastorage.operator.node.FileCommands;
import io.hastorage.operator.node.FileWrite;
import io.hastorage.operator.node.SensitiveBytes;
import io.hastorage.operator.node.ShellQuoting;
import java.io.IOException;
import java.io.OutputStream;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.security.KeyPair;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import net.schmizz.sshj.DefaultConfig;
import net.schmizz.sshj.SSHClient;
import net.schmizz.sshj.common.IOUtils;
import net.schmizz.sshj.connection.channel.direct.Session;
import net.schmizz.sshj.transport.verification.OpenSSHKnownHosts;
import org.junit.jupiter.api.Test;

/** The targets form their cluster over real SSH; a stopped SSH server is a crashed machine. */
class SimulatedFleetClusterTest {

  private final KeyPair clientKey = SshKeys.generate();

  @Test
  void targetsFormAClusterOverSshAndSurviveACrash() throws IOException {
    try (SimulatedFleet fleet = new SimulatedFleet(List.of(clientKey.getPublic()))) {
      fleet.start();
      for (String target : SimulatedFleet.TARGETS) {
        SimulatedNodeServer server = fleet.server(target);
        exec(server, new byte[0], "yum", "install", "-y", "corosync", "pacemaker");
        write(server, SimulatedCluster.COROSYNC_CONF, ClusterFixture.labConf(), "0644");
        write(server, SimulatedCluster.AUTHKEY, "same key on both\n", "0400");
        exec(
            server,
            new byte[0],
            "systemctl",
            "enable",
            "--now",
            "corosync.service",
            "pacemaker.service");
      }

      assertThat(crmMon(fleet.server("centos02")))
          .contains("name=\"centos01\" id=\"1\" with_quorum=\"true\"")
          .contains("<node name=\"centos02\" id=\"2\" online=\"true\"");

      fleet.crash("centos02");
      assertThat(fleet.cluster().isHostUp("centos02")).isFalse();
      assertThat(crmMon(fleet.server("centos01")))
          .contains("with_quorum=\"true\"")
          .contains("<node name=\"centos02\" id=\"2\" online=\"false\"");

      fleet.restore("centos02");
      assertThat(fleet.cluster().view("centos02").orElseThrow().onlineNodes())
          .as("enabled units start at boot")
          .containsExactly("centos01", "centos02");
      assertThat(
              exec(fleet.server("drbd01"), new byte[0], "crm_mon", "--one-shot", "--output-as=xml"))
          .as("initiators are not cluster nodes")
          .isEmpty();
      assertThat(fleet.node("drbd01").execLog().unsupported()).hasSize(1);
    }
  }

  private String crmMon(SimulatedNodeServer server) throws IOException {
    return exec(server, new byte[0], "crm_mon", "--one-shot", "--output-as=xml");
  }

  private void write(SimulatedNodeServer server, String path, String content, String mode)
      throws IOException {
    byte[] bytes = content.getBytes(StandardCharsets.UTF_8);
    Command write =
        FileCommands.atomicWrite(new FileWrite(path, SensitiveBytes.secret(bytes), mode));
    exec(server, bytes, write.argv().toArray(String[]::new));
  }

  /** Runs argv behind sudo -n -- with stdin; returns stdout. */
  private String exec(SimulatedNodeServer server, byte[] stdin, String... argv) throws IOException {
    List<String> line = new ArrayList<>(List.of("sudo", "-n", "--"));
    line.addAll(List.of(argv));
    try (SSHClient ssh = new SSHClient(new DefaultConfig())) {
      ssh.addHostKeyVerifier(new OpenSSHKnownHosts(new StringReader(server.knownHostsLine())));
      ssh.connect(SimulatedNodeServer.HOST, server.port());
      ssh.authPublickey(
          "admin", ssh.loadKeys(SshKeys.openSshPrivateKey(clientKey, "fleet"), null, null));
      try (Session session = ssh.startSession()) {
        Session.Command command = session.exec(ShellQuoting.join(line));
        if (stdin.length > 0) {
          // Only commands that read stdin get any: a command that finished already has closed it.
          try (OutputStream in = command.getOutputStream()) {
            in.write(stdin);
          }
        }
        String stdout =
            IOUtils.readFully(command.getInputStream()).toString(StandardCharsets.UTF_8);
        command.join(30, TimeUnit.SECONDS);
        return stdout;
      }
    }
  }
}
