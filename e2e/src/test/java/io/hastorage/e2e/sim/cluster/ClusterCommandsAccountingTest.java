package io.hastorage.e2e.sim.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import io.hastorage.e2e.sim.ExecOutcome;
import io.hastorage.operator.node.ShellQuoting;
import io.hastorage.operator.observe.ProbeItem;
import io.hastorage.operator.observe.ProbeScript;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

/** What counts as a change: the probe never does, the cluster's mutating commands each do. */
class ClusterCommandsAccountingTest {

  private static final List<ProbeItem> CLUSTER_PROBE =
      List.of(
          ProbeItem.of("init", "cat", "/proc/1/comm"),
          ProbeItem.of("crm-mon", "crm_mon", "--one-shot", "--output-as=xml"),
          ProbeItem.of("cib", "cibadmin", "--query"),
          ProbeItem.of("corosync-links", "corosync-cfgtool", "-s"),
          ProbeItem.of("corosync-pid", "pidof", "corosync"),
          ProbeItem.of("pacemakerd-pid", "pidof", "pacemakerd"),
          ProbeItem.of(
              "cluster-units",
              "systemctl",
              "show",
              "--property=Id,LoadState,ActiveState,UnitFileState",
              "corosync.service",
              "pacemaker.service"),
          ProbeItem.of(
              "cluster-files",
              "sha256sum",
              "--",
              SimulatedCluster.COROSYNC_CONF,
              SimulatedCluster.AUTHKEY),
          ProbeItem.of(
              "stonith",
              "crm_attribute",
              "--type",
              "crm_config",
              "--name",
              "stonith-enabled",
              "--query"));

  private final ClusterFixture fx = new ClusterFixture();

  @Test
  void theProbeIsReadOnlyBeforeAndAfterTheClusterForms() {
    fx.installed("centos01");
    int before = fx.centos01.mutatingCommandCount();

    ExecOutcome early = probe("centos01");
    assertThat(early.stdoutText()).contains("systemd\n").contains("Not connected");
    assertThat(fx.centos01.mutatingCommandCount()).isEqualTo(before);

    fx.formed();
    int formed = fx.centos01.mutatingCommandCount();
    ExecOutcome late = probe("centos01");
    assertThat(late.stdoutText()).contains("with_quorum=\"true\"").contains("connected");
    assertThat(fx.centos01.mutatingCommandCount()).isEqualTo(formed);
    assertThat(fx.centos01.execLog().unsupported()).isEmpty();
  }

  @Test
  void eachMutatingClusterCommandCountsOnce() {
    fx.formed();
    int before = fx.centos01.mutatingCommandCount();

    fx.ok(
        "centos01",
        "crm_attribute",
        "--type",
        "crm_config",
        "--name",
        "stonith-enabled",
        "--update",
        "false");
    fx.pipe(
        "centos01",
        "<primitive id=\"d\" class=\"ocf\" provider=\"pacemaker\" type=\"Dummy\"/>",
        "cibadmin",
        "--create",
        "--scope",
        "resources",
        "--xml-pipe");
    fx.ok("centos01", "corosync-cfgtool", "-R");
    fx.ok("centos01", "systemctl", "start", "corosync.service");

    assertThat(fx.centos01.mutatingCommandCount()).isEqualTo(before + 4);
  }

  @Test
  void reloadRereadsTheConfOnEveryMemberAndIsCounted() {
    fx.formed();
    String slower = ClusterFixture.labConf().replace("token: 3000", "token: 5000");
    fx.write(
        "centos01",
        SimulatedCluster.COROSYNC_CONF,
        slower.getBytes(StandardCharsets.UTF_8),
        "0644");
    fx.write(
        "centos02",
        SimulatedCluster.COROSYNC_CONF,
        slower.getBytes(StandardCharsets.UTF_8),
        "0644");

    ExecOutcome reload = fx.ok("centos02", "corosync-cfgtool", "-R");

    assertThat(reload.stdoutText()).isEqualTo("Reloading corosync.conf...\nDone\n");
    assertThat(fx.cluster.reloadRequests()).isEqualTo(1);
    assertThat(fx.cluster.reloadCount("centos01")).isEqualTo(1);
    assertThat(fx.cluster.reloadCount("centos02")).isEqualTo(1);
  }

  @Test
  void reloadFailsWithoutCorosyncAndReportsABrokenConf() {
    fx.installed("centos01");
    ExecOutcome down = fx.run("centos01", "corosync-cfgtool", "-R");
    assertThat(down.exitCode()).isEqualTo(1);
    assertThat(down.stderrText()).contains("Could not initialize corosync configuration API");

    fx.formed();
    fx.write(
        "centos01",
        SimulatedCluster.COROSYNC_CONF,
        "totem {\n".getBytes(StandardCharsets.UTF_8),
        "0644");
    ExecOutcome broken = fx.run("centos01", "corosync-cfgtool", "-R");
    assertThat(broken.exitCode()).isEqualTo(1);
    assertThat(broken.stdoutText()).contains("ERROR from reload: centos01: parse error in config");
    assertThat(fx.cluster.reloadRequests()).isZero();
    assertThat(fx.cluster.view("centos01").orElseThrow().onlineNodes())
        .as("the running corosync keeps what it had loaded")
        .containsExactly("centos01", "centos02");
  }

  private ExecOutcome probe(String node) {
    String script = ProbeScript.render(CLUSTER_PROBE, "n0nce");
    return fx.shell(node)
        .execute(ShellQuoting.join(List.of("sudo", "-n", "--", "sh", "-c", script)));
  }
}
