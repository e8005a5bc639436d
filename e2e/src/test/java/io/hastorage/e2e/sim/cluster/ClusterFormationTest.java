package io.hastorage.e2e.sim.cluster;

import static io.hastorage.e2e.sim.cluster.ClusterFixture.captured;
import static org.assertj.core.api.Assertions.assertThat;

import io.hastorage.e2e.sim.ExecOutcome;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/** Two targets forming a cluster, compared with what the real cluster printed in the node lab. */
class ClusterFormationTest {

  private final ClusterFixture fx = new ClusterFixture();

  @Test
  void enableNowOnBothTargetsFormsAQuorateClusterWithTheLowestNodeidAsDc() {
    fx.formed();

    ClusterView view = fx.cluster.view("centos02").orElseThrow();
    assertThat(view.onlineNodes()).containsExactly("centos01", "centos02");
    assertThat(view.quorate()).isTrue();
    assertThat(view.dc()).hasValue("centos01");
    String crmMon = fx.crmMon("centos02");
    assertThat(crmMon)
        .contains("<current_dc present=\"true\" version=\"2.1.5-a3f44794f94\" name=\"centos01\"")
        .contains("id=\"1\" with_quorum=\"true\"")
        .contains("<node name=\"centos01\" id=\"1\" online=\"true\"")
        .contains("<node name=\"centos02\" id=\"2\" online=\"true\"");
    assertThat(
            fx.ok(
                    "centos01",
                    "systemctl",
                    "show",
                    "--property=Id,LoadState,ActiveState,UnitFileState",
                    "corosync.service",
                    "pacemaker.service")
                .stdoutText())
        .isEqualTo(
            "Id=corosync.service\nLoadState=loaded\nActiveState=active\nUnitFileState=enabled\n\n"
                + "Id=pacemaker.service\nLoadState=loaded\nActiveState=active\n"
                + "UnitFileState=enabled\n");
    assertThat(fx.ok("centos01", "pidof", "corosync").stdoutText()).matches("[0-9]+\n");
    assertThat(fx.ok("centos01", "pidof", "pacemakerd").stdoutText()).matches("[0-9]+\n");
  }

  @Test
  void crmMonMatchesTheLabsOutputWithBothNodesOnline() {
    fx.formed();
    fx.ok(
        "centos01",
        "crm_attribute",
        "--type",
        "crm_config",
        "--name",
        "stonith-enabled",
        "--update",
        "false");
    fx.clock.set(Instant.parse("2026-11-25T02:03:00Z"));

    String expected =
        captured("crm_mon-two-online.xml")
            .replace(
                "user=\"hacluster\" client=\"crmd\"", "user=\"root\" client=\"crm_attribute\"");
    assertThat(normalized(fx.crmMon("centos01"))).isEqualTo(normalized(expected));
  }

  @Test
  void crmMonMatchesTheLabsOutputAfterThePeerCrashed() {
    fx.formed();
    fx.ok(
        "centos01",
        "crm_attribute",
        "--type",
        "crm_config",
        "--name",
        "stonith-enabled",
        "--update",
        "false");

    fx.cluster.nodeDown("centos02");

    String expected =
        captured("crm_mon-peer-crashed.xml")
            .replace(
                "user=\"hacluster\" client=\"crmd\"", "user=\"root\" client=\"crm_attribute\"");
    assertThat(normalized(fx.crmMon("centos01"))).isEqualTo(normalized(expected));
    assertThat(fx.cluster.view("centos01").orElseThrow().quorate()).isTrue();
    assertThat(fx.ok("centos01", "corosync-cfgtool", "-s").stdoutText())
        .isEqualTo(captured("corosync-cfgtool-s-peer-down.txt"));
  }

  @Test
  void aCrashedPeerIsUncleanWhileFencingIsEnabledAndRejoinsWhenItBoots() {
    fx.formed();

    fx.cluster.nodeDown("centos02");
    assertThat(fx.crmMon("centos01"))
        .contains("name=\"centos02\" id=\"2\" online=\"false\"")
        .contains("unclean=\"true\"");

    fx.cluster.nodeUp("centos02");
    assertThat(fx.cluster.view("centos01").orElseThrow().onlineNodes())
        .containsExactly("centos01", "centos02");
    assertThat(fx.crmMon("centos01")).doesNotContain("unclean=\"true\"");
  }

  @Test
  void corosyncCfgtoolMatchesTheLabsOutput() {
    fx.formed();

    assertThat(fx.ok("centos01", "corosync-cfgtool", "-s").stdoutText())
        .isEqualTo(captured("corosync-cfgtool-s.txt"));
    assertThat(fx.ok("centos02", "corosync-cfgtool", "-s").stdoutText())
        .startsWith("Local node ID 2, transport knet\nLINK ID 0 udp\n\taddr\t= 10.99.0.12\n");
  }

  @Test
  void cibadminQueryHasTheLabsElements() {
    fx.formed();
    fx.ok(
        "centos01",
        "crm_attribute",
        "--type",
        "crm_config",
        "--name",
        "dc-deadtime",
        "--update",
        "2s");
    fx.ok(
        "centos01",
        "crm_attribute",
        "--type",
        "crm_config",
        "--name",
        "stonith-enabled",
        "--update",
        "false");

    String ours = fx.ok("centos02", "cibadmin", "--query").stdoutText();

    assertThat(sortedLines(ours)).isEqualTo(sortedLines(captured("cibadmin-query.xml")));
    assertThat(ours).startsWith("<cib crm_feature_set=\"3.16.1\" validate-with=\"pacemaker-3.9\"");
  }

  @Test
  void corosyncNeedsItsConfAndAuthkeyAndTheNodeInTheNodelist() {
    fx.installed("centos01");

    ExecOutcome noConf = fx.run("centos01", "systemctl", "start", "corosync.service");
    assertThat(noConf.exitCode()).isEqualTo(1);
    assertThat(noConf.stderrText())
        .startsWith("Job for corosync.service failed because the control process exited")
        .contains("corosync[")
        .contains("Can't read file /etc/corosync/corosync.conf: No such file or directory");
    assertThat(fx.centos01.services().get("corosync").orElseThrow().activeState())
        .isEqualTo("failed");

    fx.write("centos01", SimulatedCluster.COROSYNC_CONF, bytes(ClusterFixture.labConf()), "0644");
    assertThat(fx.run("centos01", "systemctl", "start", "pacemaker.service").stderrText())
        .startsWith("A dependency job for pacemaker.service failed.")
        .contains("Could not open /etc/corosync/authkey");

    fx.write("centos01", SimulatedCluster.AUTHKEY, ClusterFixture.AUTHKEY, "0400");
    fx.write(
        "centos01",
        SimulatedCluster.COROSYNC_CONF,
        bytes(ClusterFixture.labConf().replace("centos01", "elsewhere")),
        "0644");
    assertThat(fx.run("centos01", "systemctl", "start", "corosync").stderrText())
        .contains("This node (centos01) is not in the nodelist");
    assertThat(fx.cluster.corosyncRunning("centos01")).isFalse();
  }

  @Test
  void differentAuthkeysLeaveEachNodeAloneAndInquorate() {
    for (String node : new String[] {"centos01", "centos02"}) {
      fx.installed(node);
      fx.writeClusterFiles(
          node, ClusterFixture.labConf(), ClusterFixture.key((byte) node.charAt(7)));
      fx.ok(node, "systemctl", "enable", "--now", "corosync.service", "pacemaker.service");
    }

    ClusterView view = fx.cluster.view("centos02").orElseThrow();
    assertThat(view.onlineNodes()).containsExactly("centos02");
    assertThat(view.quorate()).as("two_node waits for all").isFalse();
    assertThat(view.dc()).hasValue("centos02");
    assertThat(fx.crmMon("centos02")).contains("with_quorum=\"false\"");
    assertThat(fx.ok("centos02", "corosync-cfgtool", "-s").stdoutText())
        .contains("nodeid:          1:\tdisconnected");
  }

  @Test
  void aNodeRestartedAloneWaitsForAllBeforeItIsQuorate() {
    fx.formed();
    fx.ok("centos02", "systemctl", "stop", "pacemaker.service");
    fx.ok("centos02", "systemctl", "stop", "corosync.service");
    assertThat(fx.cluster.view("centos01").orElseThrow().quorate()).isTrue();

    fx.ok("centos01", "systemctl", "restart", "corosync.service");

    assertThat(fx.cluster.pacemakerRunning("centos01"))
        .as("pacemaker requires corosync: restarted with it")
        .isTrue();
    assertThat(fx.cluster.view("centos01").orElseThrow().quorate()).isFalse();
    fx.ok("centos02", "systemctl", "start", "corosync.service");
    assertThat(fx.cluster.view("centos01").orElseThrow().quorate()).isTrue();
  }

  @Test
  void withoutPacemakerCrmMonAndCibadminAreNotConnected() {
    fx.installed("centos01");

    ExecOutcome crmMon = fx.run("centos01", "crm_mon", "--one-shot", "--output-as=xml");
    assertThat(crmMon.exitCode()).isEqualTo(102);
    assertThat(crmMon.stdoutText())
        .isEqualTo(
            "<pacemaker-result api-version=\"2.25\" request=\"crm_mon --one-shot --output-as=xml\">\n"
                + "  <status code=\"102\" message=\"Not connected\">\n"
                + "    <errors>\n"
                + "      <error>crm_mon: Error: cluster is not available on this node</error>\n"
                + "    </errors>\n"
                + "  </status>\n"
                + "</pacemaker-result>\n");
    ExecOutcome cibadmin = fx.run("centos01", "cibadmin", "--query");
    assertThat(cibadmin.exitCode()).isEqualTo(102);
    assertThat(cibadmin.stderrText())
        .contains("Could not connect to the CIB: Transport endpoint is not connected");
    assertThat(fx.run("centos01", "corosync-cfgtool", "-s").exitCode()).isEqualTo(1);
    assertThat(fx.run("centos01", "pidof", "corosync", "pacemakerd").exitCode()).isEqualTo(1);
  }

  @Test
  void theClusterToolsExistOnlyWithTheirPackages() {
    assertThat(fx.run("centos01", "crm_mon", "--one-shot", "--output-as=xml").stderrText())
        .isEqualTo("sh: 1: crm_mon: not found\n");
    assertThat(fx.run("centos01", "corosync-cfgtool", "-s").exitCode()).isEqualTo(127);
  }

  private static String normalized(String xml) {
    return xml.replaceAll("(time|last_updated|request)=\"[^\"]*\"", "$1=\"*\"")
        .replace("\"t1\"", "\"centos01\"")
        .replace("\"t2\"", "\"centos02\"");
  }

  private static java.util.List<String> sortedLines(String xml) {
    String normalized =
        xml.replaceAll(
                "(epoch|num_updates|cib-last-written|update-client|update-user|update-origin)"
                    + "=\"[^\"]*\"",
                "$1=\"*\"")
            .replace("\"t1\"", "\"centos01\"")
            .replace("\"t2\"", "\"centos02\"");
    return normalized.lines().map(String::strip).sorted().toList();
  }

  private static byte[] bytes(String text) {
    return text.getBytes(StandardCharsets.UTF_8);
  }
}
