package io.hastorage.e2e.sim;

import static org.assertj.core.api.Assertions.assertThat;

import io.hastorage.operator.observe.OsInfo;
import java.io.IOException;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.security.KeyPair;
import java.util.List;
import java.util.concurrent.TimeUnit;
import net.schmizz.sshj.DefaultConfig;
import net.schmizz.sshj.SSHClient;
import net.schmizz.sshj.common.IOUtils;
import net.schmizz.sshj.connection.channel.direct.Session;
import net.schmizz.sshj.transport.verification.OpenSSHKnownHosts;
import org.junit.jupiter.api.Test;

class SimulatedFleetTest {

  private final KeyPair clientKey = SshKeys.generate();

  @Test
  void seedTopologyStartsUnconverged() {
    try (SimulatedFleet fleet = new SimulatedFleet(List.of(clientKey.getPublic()))) {
      assertThat(fleet.names()).containsExactly("centos01", "centos02", "drbd01", "drbd02");
      for (String name : SimulatedFleet.TARGETS) {
        SimulatedNode target = fleet.node(name);
        assertThat(target.distro().family()).isEqualTo(OsInfo.Family.RHEL);
        assertThat(target.packages().installedVersions())
            .containsOnlyKeys("lvm2", "openssh-server", "systemd", "sudo", "kmod");
        assertThat(target.packages().repository())
            .containsKeys("drbd-utils", "corosync", "pacemaker", "pcs", "crmsh", "resource-agents");
        assertThat(target.modules().loaded()).containsExactly("dm_mod");
        assertThat(target.modules().available("iscsi_scst")).isPresent();
      }
      for (String name : SimulatedFleet.INITIATORS) {
        SimulatedNode initiator = fleet.node(name);
        assertThat(initiator.distro().family()).isEqualTo(OsInfo.Family.DEBIAN);
        assertThat(initiator.packages().isInstalled("open-iscsi")).isFalse();
        assertThat(initiator.packages().repository())
            .containsKeys("open-iscsi", "multipath-tools", "ocfs2-tools", "lvm2");
        assertThat(initiator.modules().available("ocfs2_stack_o2cb")).isPresent();
        assertThat(initiator.modules().isLoaded("iscsi_tcp")).isFalse();
      }
    }
  }

  @Test
  void everyNodeListensOnItsOwnPortWithItsOwnState() throws IOException {
    try (SimulatedFleet fleet = new SimulatedFleet(List.of(clientKey.getPublic()))) {
      fleet.start();

      assertThat(fleet.servers().stream().map(SimulatedNodeServer::port).distinct()).hasSize(4);
      assertThat(exec(fleet.server("drbd02"), "uname -n")).isEqualTo("drbd02\n");
      assertThat(exec(fleet.server("centos02"), "uname -n")).isEqualTo("centos02\n");
      assertThat(fleet.node("drbd02").execCount()).isEqualTo(1);
      assertThat(fleet.node("drbd01").execCount()).isZero();
    }
  }

  private String exec(SimulatedNodeServer server, String line) throws IOException {
    try (SSHClient ssh = new SSHClient(new DefaultConfig())) {
      ssh.addHostKeyVerifier(new OpenSSHKnownHosts(new StringReader(server.knownHostsLine())));
      ssh.connect(SimulatedNodeServer.HOST, server.port());
      ssh.authPublickey(
          "admin", ssh.loadKeys(SshKeys.openSshPrivateKey(clientKey, "fleet"), null, null));
      try (Session session = ssh.startSession()) {
        Session.Command command = session.exec(line);
        String stdout =
            IOUtils.readFully(command.getInputStream()).toString(StandardCharsets.UTF_8);
        command.join(30, TimeUnit.SECONDS);
        return stdout;
      }
    }
  }
}
