package io.hastorage.e2e.sim.initiator;

import static org.assertj.core.api.Assertions.assertThat;

import io.hastorage.e2e.sim.ExecOutcome;
import io.hastorage.e2e.sim.SeedNodes;
import io.hastorage.e2e.sim.SimulatedNode;
import io.hastorage.e2e.sim.SimulatedShell;
import io.hastorage.e2e.sim.SimulatedTools;
import io.hastorage.e2e.sim.cluster.RunningPrimitive;
import io.hastorage.operator.node.ShellQuoting;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * The SAN against a hand-made placement (a LIO target with CHAP on a non-default port), and the
 * small formats: multipath sizes, sd names and numbers, OCFS2 mount options, WWIDs.
 */
class FabricAndFormatsTest {

  private static final String IQN = "iqn.2003-01.org.example:lio";

  private final List<RunningPrimitive> running = new ArrayList<>();
  private final SimulatedSan san = new SimulatedSan(() -> Map.of("t1", List.copyOf(running)));
  private final SimulatedNode node = SeedNodes.ubuntuInitiator("drbd01");
  private final SimulatedShell shell;

  FabricAndFormatsTest() {
    SimulatedTools tools = SimulatedTools.standard();
    InitiatorTools.register(tools, san);
    shell = new SimulatedShell(node, tools);
    san.attach(node);
    run("apt-get", "install", "-y", "open-iscsi", "multipath-tools");
  }

  @Test
  void aLioTargetWithChapOnItsOwnPort() {
    running.add(primitive("vip", "ocf:heartbeat:IPaddr2", Map.of("ip", "10.0.0.1")));
    running.add(
        primitive(
            "target",
            "ocf:heartbeat:iSCSITarget",
            Map.of(
                "implementation", "lio-t",
                "iqn", IQN,
                "portals", "10.0.0.1:3261",
                "incoming_username", "user",
                "incoming_password", "pass")));
    running.add(
        primitive(
            "lun-3",
            "ocf:heartbeat:iSCSILogicalUnit",
            Map.of("implementation", "lio-t", "target_iqn", IQN, "lun", "3")));

    assertThat(
            run("iscsiadm", "-m", "discovery", "-t", "st", "-p", "10.0.0.1", "-o", "new")
                .stderrText())
        .startsWith("iscsiadm: cannot make connection to 10.0.0.1: Connection refused\n");
    assertThat(
            run("iscsiadm", "-m", "discovery", "-t", "st", "-p", "10.0.0.1:3261", "-o", "new")
                .stdoutText())
        .isEqualTo("10.0.0.1:3261,1 " + IQN + "\n");
    ExecOutcome refused = run("iscsiadm", "-m", "node", "--login");
    assertThat(refused.exitCode()).isEqualTo(24);
    assertThat(refused.stderrText())
        .contains(
            "iscsiadm: initiator reported error (24 - iSCSI login failed due to authorization failure)\n");
    for (String[] setting :
        new String[][] {
          {"node.session.auth.authmethod", "CHAP"},
          {"node.session.auth.username", "user"},
          {"node.session.auth.password", "pass"}
        }) {
      run(
          "iscsiadm",
          "-m",
          "node",
          "-T",
          IQN,
          "-p",
          "10.0.0.1:3261",
          "-o",
          "update",
          "-n",
          setting[0],
          "-v",
          setting[1]);
    }

    assertThat(run("iscsiadm", "-m", "node", "--login").exitCode()).isZero();

    assertThat(run("iscsiadm", "-m", "session", "-P", "3").stdoutText())
        .contains("\t\tusername: user\n", "\t\tscsi2 Channel 00 Id 0 Lun: 3\n");
    String wwid = SimulatedSan.wwid(IQN, 3);
    assertThat(run("multipath", "-ll").stdoutText())
        .startsWith(wwid + " dm-0 LIO-ORG,lun-3\n")
        .endsWith(
            "`-+- policy='service-time 0' prio=50 status=active\n  `- 2:0:0:3 sdb 8:16 active ready running\n");

    running.clear();
    assertThat(run("multipath", "-ll").stdoutText())
        .contains("2:0:0:3 sdb 8:16 failed faulty running");
    assertThat(run("iscsiadm", "-m", "session", "--rescan").exitCode()).isZero();
    assertThat(run("iscsiadm", "-m", "node", "--logout").stdoutText())
        .endsWith("Logout of [sid: 1, target: " + IQN + ", portal: 10.0.0.1,3261] successful.\n");
    assertThat(run("multipath", "-ll").stdoutText())
        .as("the last path gone, the map is flushed")
        .isEmpty();
    assertThat(node.mutatingCommandCount()).isPositive();
  }

  @Test
  void sizesNamesOptionsAndWwids() {
    assertThat(MultipathTools.size(20L << 30)).isEqualTo("20G");
    assertThat(MultipathTools.size(5L << 30)).isEqualTo("5.0G");
    assertThat(MultipathTools.size(3L << 39)).isEqualTo("1.5T");
    assertThat(MultipathTools.size(512L << 20)).isEqualTo("512M");
    assertThat(List.of(0, 1, 25, 26, 27, 701, 702).stream().map(ScsiDisk::name))
        .containsExactly("sda", "sdb", "sdz", "sdaa", "sdab", "sdzz", "sdaaa");
    assertThat(new ScsiDisk(new LunId(IQN, 0), 17, null, 0).majorMinor()).isEqualTo("65:16");
    assertThat(MountOptions.of("defaults"))
        .isEqualTo(
            "relatime,heartbeat=local,nointr,data=ordered,errors=remount-ro,atime_quantum=60,"
                + "coherency=full,user_xattr,acl");
    assertThat(MountOptions.of("noatime,_netdev,errors=panic,noacl,nofail"))
        .isEqualTo(
            "noatime,_netdev,errors=panic,noacl,heartbeat=local,nointr,data=ordered,"
                + "atime_quantum=60,coherency=full,user_xattr");
    assertThat(SimulatedSan.wwid("iqn.2016-02.local.virtual:virtual.vg1", 0))
        .as("36001405 + the LUN identity's serial and scsi_id")
        .isEqualTo("36001405" + "c92c0be658a9f208" + "05662715");
    assertThat(SimulatedSan.wwid(IQN, 0)).isNotEqualTo(SimulatedSan.wwid(IQN, 1));
    assertThat(
            Fstab.forMountPoint(
                "LABEL=a /mnt/with\\040space ocfs2 _netdev 0 0\n", "/mnt/with space"))
        .hasValueSatisfying(e -> assertThat(e.spec()).isEqualTo("LABEL=a"));
    assertThat(Fstab.escape("/mnt/with space")).isEqualTo("/mnt/with\\040space");
  }

  private static RunningPrimitive primitive(String id, String agent, Map<String, String> params) {
    return new RunningPrimitive(id, agent, Optional.of("group"), params);
  }

  private ExecOutcome run(String... argv) {
    return shell.execute(ShellQuoting.join(List.of(argv)));
  }
}
