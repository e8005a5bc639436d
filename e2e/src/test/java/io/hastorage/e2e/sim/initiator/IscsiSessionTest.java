package io.hastorage.e2e.sim.initiator;

import static io.hastorage.e2e.sim.initiator.SanFixture.IQN;
import static io.hastorage.e2e.sim.initiator.SanFixture.PUBLIC_VIP;
import static io.hastorage.e2e.sim.initiator.SanFixture.STORAGE_VIP;
import static io.hastorage.e2e.sim.initiator.SanFixture.WWID;
import static org.assertj.core.api.Assertions.assertThat;

import io.hastorage.e2e.sim.ExecOutcome;
import io.hastorage.e2e.sim.SeedNodes;
import io.hastorage.operator.node.ShellQuoting;
import io.hastorage.operator.observe.ProbeItem;
import io.hastorage.operator.observe.ProbeOutput;
import io.hastorage.operator.observe.ProbeScript;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Discovery, node records, login and the session, multipath and record listings, against the target
 * group the cluster runs on centos01.
 */
class IscsiSessionTest {

  private final SanFixture san = new SanFixture();

  @AfterEach
  void close() {
    san.close();
  }

  @Test
  void discoveryAddsARecordPerPortalOfTheTargetGroup() {
    san.serving();

    ExecOutcome discovery =
        san.ok(
            "drbd01",
            "iscsiadm",
            "-m",
            "discovery",
            "-t",
            "sendtargets",
            "-p",
            STORAGE_VIP + ":3260",
            "-o",
            "new");

    assertThat(discovery.stdoutText())
        .isEqualTo(PUBLIC_VIP + ":3260,1 " + IQN + "\n" + STORAGE_VIP + ":3260,1 " + IQN + "\n");
    assertThat(san.ok("drbd01", "iscsiadm", "-m", "node").stdoutText())
        .isEqualTo("10.20.1.180:3260,1 " + IQN + "\n192.168.0.180:3260,1 " + IQN + "\n");
    assertThat(san.ok("drbd01", "iscsiadm", "-m", "discoverydb").stdoutText())
        .isEqualTo("10.20.1.180:3260 via sendtargets\n");
    String record =
        san.ok("drbd01", "iscsiadm", "-m", "node", "-T", IQN, "-p", PUBLIC_VIP + ":3260")
            .stdoutText();
    assertThat(record)
        .startsWith("# BEGIN RECORD 2.1.8\nnode.name = " + IQN + "\nnode.tpgt = 1\n")
        .contains("node.startup = manual\n")
        .contains("node.discovery_address = 10.20.1.180\nnode.discovery_port = 3260\n")
        .contains("node.discovery_type = send_targets\n")
        .contains("node.session.auth.authmethod = None\n")
        .contains("node.session.auth.password = <empty>\n")
        .contains("node.session.timeo.replacement_timeout = 120\n")
        .contains("node.conn[0].address = 192.168.0.180\nnode.conn[0].port = 3260\n")
        .contains("node.conn[0].timeo.noop_out_interval = 5\n")
        .contains("node.conn[0].timeo.noop_out_timeout = 5\n")
        .endsWith("# END RECORD\n");
    assertThat(san.run("drbd02", "iscsiadm", "-m", "node").exitCode())
        .as("each initiator has its own database")
        .isEqualTo(21);
  }

  @Test
  void recordsFollowIscsiadmForNewUpdateAndDelete() {
    san.serving();
    String portal = STORAGE_VIP + ":3260";

    assertThat(
            san.ok("drbd01", "iscsiadm", "-m", "node", "-o", "new", "-T", IQN, "-p", portal)
                .stdoutText())
        .isEqualTo(
            "New iSCSI node [tcp:[hw=,ip=,net_if=,iscsi_if=default] 10.20.1.180,3260,-1 "
                + IQN
                + "] added\n");
    assertThat(san.ok("drbd01", "iscsiadm", "-m", "node").stdoutText())
        .isEqualTo("10.20.1.180:3260,4294967295 " + IQN + "\n");
    san.ok(
        "drbd01",
        "iscsiadm",
        "-m",
        "node",
        "-T",
        IQN,
        "-p",
        portal,
        "-o",
        "update",
        "-n",
        "node.startup",
        "-v",
        "automatic");
    san.ok(
        "drbd01",
        "iscsiadm",
        "-m",
        "node",
        "-T",
        IQN,
        "-p",
        portal,
        "-o",
        "update",
        "-n",
        "node.session.auth.password",
        "-v",
        "secret");
    String record =
        san.ok("drbd01", "iscsiadm", "-m", "node", "-T", IQN, "-p", portal).stdoutText();
    assertThat(record)
        .contains(
            "node.tpgt = -1\n", "node.startup = automatic\n", "node.discovery_type = static\n")
        .contains("node.session.auth.password = ********\n")
        .doesNotContain("secret");

    ExecOutcome badName =
        san.run(
            "drbd01",
            "iscsiadm",
            "-m",
            "node",
            "-T",
            IQN,
            "-p",
            portal,
            "-o",
            "update",
            "-n",
            "node.bogus",
            "-v",
            "1");
    assertThat(badName.exitCode()).isEqualTo(7);
    assertThat(badName.stderrText())
        .isEqualTo(
            "iscsiadm: Cannot modify node.bogus. Invalid param name.\n"
                + "iscsiadm: Could not execute operation on all records: invalid parameter\n");
    ExecOutcome badValue =
        san.run(
            "drbd01",
            "iscsiadm",
            "-m",
            "node",
            "-T",
            IQN,
            "-p",
            portal,
            "-o",
            "update",
            "-n",
            "node.startup",
            "-v",
            "sometimes");
    assertThat(badValue.exitCode()).isEqualTo(7);
    ExecOutcome missing =
        san.run(
            "drbd01",
            "iscsiadm",
            "-m",
            "node",
            "-T",
            IQN,
            "-p",
            PUBLIC_VIP,
            "-o",
            "update",
            "-n",
            "node.startup",
            "-v",
            "manual");
    assertThat(missing.exitCode()).isEqualTo(21);
    assertThat(missing.stderrText()).isEqualTo("iscsiadm: No records found\n");

    san.ok("drbd01", "iscsiadm", "-m", "node", "-T", IQN, "-p", portal, "--login");
    ExecOutcome busy =
        san.run("drbd01", "iscsiadm", "-m", "node", "-T", IQN, "-p", portal, "-o", "delete");
    assertThat(busy.exitCode()).as("a record a session uses stays").isEqualTo(15);
    san.ok("drbd01", "iscsiadm", "-m", "node", "-T", IQN, "-p", portal, "--logout");
    san.ok("drbd01", "iscsiadm", "-m", "node", "-T", IQN, "-p", portal, "-o", "delete");
    assertThat(san.run("drbd01", "iscsiadm", "-m", "node").stderrText())
        .isEqualTo("iscsiadm: No records found\n");
  }

  @Test
  void recordsInheritTheNodeSettingsOfIscsidConf() {
    san.serving();
    san.write(
        "drbd01",
        "/etc/iscsi/iscsid.conf",
        "node.startup = automatic\nnode.session.timeo.replacement_timeout = 15\n# iscsid.x = 1\n");

    san.ok("drbd01", "iscsiadm", "-m", "node", "-o", "new", "-T", IQN, "-p", STORAGE_VIP);

    assertThat(
            san.ok("drbd01", "iscsiadm", "-m", "node", "-T", IQN, "-p", STORAGE_VIP).stdoutText())
        .contains("node.startup = automatic\n", "node.session.timeo.replacement_timeout = 15\n");
  }

  @Test
  void loginAttachesTheLunOnEveryPortalAndMultipathJoinsThePaths() throws Exception {
    san.serving().loggedIn("drbd01");

    String sessions = san.ok("drbd01", "iscsiadm", "-m", "session", "-P", "3").stdoutText();
    assertThat(sessions)
        .startsWith(
            "iSCSI Transport Class version 2.0-870\nversion 2.1.8\nTarget: "
                + IQN
                + " (non-flash)\n")
        .contains("\tCurrent Portal: 10.20.1.180:3260,1\n\tPersistent Portal: 10.20.1.180:3260,1\n")
        .contains("\t\tIface Initiatorname: " + SeedNodes.initiatorName("drbd01") + "\n")
        .contains("\t\tIface IPaddress: 10.20.1.21\n", "\t\tIface IPaddress: 192.168.0.21\n")
        .contains("\t\tSID: 1\n", "\t\tSID: 2\n")
        .contains(
            "\t\tHost Number: 2\tState: running\n\t\tscsi2 Channel 00 Id 0 Lun: 0\n\t\t\tAttached scsi disk sdb\t\tState: running\n")
        .contains(
            "\t\tscsi3 Channel 00 Id 0 Lun: 0\n\t\t\tAttached scsi disk sdc\t\tState: running\n")
        .doesNotContain("FAILED");
    assertThat(sessions.split("\n")).filteredOn(l -> l.startsWith("Target: ")).hasSize(1);
    assertThat(sessions).contains("\t\tiSCSI Session State: LOGGED_IN\n");
    assertThat(structure(sessions))
        .isEqualTo(structure(capture("iscsiadm-session-P3.txt").split("Target: iqn.2003")[0]));

    assertThat(san.ok("drbd01", "multipath", "-ll").stdoutText())
        .isEqualTo(
            WWID
                + " dm-0 SCST_FIO,VDISK-LUN01\n"
                + "size=20G features='1 queue_if_no_path' hwhandler='1 alua' wp=rw\n"
                + "|-+- policy='service-time 0' prio=50 status=active\n"
                + "| `- 2:0:0:0 sdb 8:16 active ready running\n"
                + "`-+- policy='service-time 0' prio=50 status=enabled\n"
                + "  `- 3:0:0:0 sdc 8:32 active ready running\n");
    assertThat(san.ok("drbd01", "blockdev", "--getsize64", SanFixture.MAP).stdoutText())
        .isEqualTo("21474836480\n");

    ExecOutcome again =
        san.run(
            "drbd01", "iscsiadm", "-m", "node", "-T", IQN, "-p", STORAGE_VIP + ":3260", "--login");
    assertThat(again.exitCode()).isEqualTo(15);
    assertThat(again.stderrText())
        .isEqualTo("iscsiadm: default: 1 session requested, but 1 already present.\n");
    assertThat(san.run("drbd02", "iscsiadm", "-m", "session", "-P", "3").stderrText())
        .isEqualTo("iscsiadm: No active sessions.\n");
  }

  @Test
  void withoutMultipathdThereIsNoMap() {
    san.serving();
    san.ok("drbd01", "systemctl", "stop", "multipathd.service");
    san.loggedIn("drbd01");

    assertThat(san.ok("drbd01", "multipath", "-ll").stdoutText()).isEmpty();
    assertThat(san.run("drbd01", "blockdev", "--getsize64", SanFixture.MAP).exitCode())
        .isEqualTo(1);
    assertThat(san.run("drbd01", "multipathd", "reconfigure").exitCode()).isEqualTo(1);

    san.ok("drbd01", "systemctl", "start", "multipathd.service");
    assertThat(san.ok("drbd01", "multipathd", "reconfigure").stdoutText()).isEqualTo("ok\n");
    assertThat(san.ok("drbd01", "multipath", "-ll").stdoutText()).startsWith(WWID + " dm-0 ");
  }

  @Test
  void loginFailsWhileNoTargetIsPlaced() {
    san.targetsServing();
    san.ok("drbd01", "apt-get", "install", "-y", "open-iscsi", "multipath-tools");
    san.ok("drbd01", "iscsiadm", "-m", "node", "-o", "new", "-T", IQN, "-p", STORAGE_VIP + ":3260");
    san.ok(
        "centos01",
        "cibadmin",
        "--delete",
        "--xml-text",
        "<group id=\"hastorage-target-vg1-target\"/>");

    ExecOutcome login =
        san.run(
            "drbd01", "iscsiadm", "-m", "node", "-T", IQN, "-p", STORAGE_VIP + ":3260", "--login");

    assertThat(login.exitCode()).isEqualTo(8);
    assertThat(login.stdoutText())
        .isEqualTo(
            "Logging in to [iface: default, target: " + IQN + ", portal: 10.20.1.180,3260]\n");
    assertThat(login.stderrText())
        .isEqualTo(
            "iscsiadm: Could not login to [iface: default, target: "
                + IQN
                + ", portal: 10.20.1.180,3260].\n"
                + "iscsiadm: initiator reported error (8 - connection timed out)\n"
                + "iscsiadm: Could not log into all portals\n");
    ExecOutcome discovery =
        san.run(
            "drbd01", "iscsiadm", "-m", "discovery", "-t", "st", "-p", STORAGE_VIP, "-o", "new");
    assertThat(discovery.exitCode()).isEqualTo(4);
    assertThat(discovery.stderrText())
        .startsWith("iscsiadm: cannot make connection to 10.20.1.180: No route to host\n");
    assertThat(san.ok("drbd01", "iscsiadm", "-m", "discoverydb").stdoutText())
        .as("recorded even though it failed")
        .isEqualTo("10.20.1.180:3260 via sendtargets\n");
    assertThat(san.run("drbd01", "iscsiadm", "-m", "session").exitCode()).isEqualTo(21);
  }

  @Test
  void probesAreReadOnlyAndChangesAreNot() {
    san.serving().loggedIn("drbd01");
    san.node("drbd01").execLog().clear();

    for (String[] probe :
        new String[][] {
          {"iscsiadm", "-m", "node"},
          {"iscsiadm", "-m", "node", "-T", IQN, "-p", STORAGE_VIP + ":3260"},
          {"iscsiadm", "-m", "discoverydb"},
          {"iscsiadm", "-m", "session", "-P", "3"},
          {"iscsiadm", "--version"},
          {"multipath", "-ll"},
          {"cat", "/proc/mounts"},
          {"blkid", "-p", "-o", "export", "--", SanFixture.MAP},
          {"wipefs", "--no-act", "--parsable", "--", SanFixture.MAP},
          {"blockdev", "--getsize64", SanFixture.MAP},
          {"debugfs.ocfs2", "-R", "stats", SanFixture.MAP},
        }) {
      san.run("drbd01", probe);
    }
    assertThat(san.node("drbd01").mutatingCommandCount()).isZero();
    assertThat(san.node("drbd01").execLog().unsupported()).isEmpty();

    for (String[] change :
        new String[][] {
          {"iscsiadm", "-m", "session", "--rescan"},
          {
            "iscsiadm",
            "-m",
            "node",
            "-T",
            IQN,
            "-p",
            STORAGE_VIP + ":3260",
            "-o",
            "update",
            "-n",
            "node.startup",
            "-v",
            "automatic"
          },
          {"iscsiadm", "-m", "node", "-T", IQN, "-p", STORAGE_VIP + ":3260", "--logout"},
          {
            "iscsiadm",
            "-m",
            "discovery",
            "-t",
            "sendtargets",
            "-p",
            STORAGE_VIP + ":3260",
            "-o",
            "new"
          },
          {"multipathd", "reconfigure"},
          {"mkdir", "-p", "/srv/shared"},
        }) {
      int before = san.node("drbd01").mutatingCommandCount();
      san.run("drbd01", change);
      assertThat(san.node("drbd01").mutatingCommandCount())
          .as(String.join(" ", change))
          .isEqualTo(before + 1);
    }
  }

  @Test
  void theOperatorsBatchedProbeReadsTheInitiatorInOneReadOnlyExec() {
    san.serving().loggedIn("drbd01");
    san.node("drbd01").execLog().clear();
    List<ProbeItem> items =
        List.of(
            ProbeItem.of("sessions", "iscsiadm", "-m", "session", "-P", "3"),
            ProbeItem.of("nodes", "iscsiadm", "-m", "node"),
            ProbeItem.of("discoverydb", "iscsiadm", "-m", "discoverydb"),
            ProbeItem.of("maps", "multipath", "-ll"),
            ProbeItem.of("mounts", "cat", "/proc/mounts"),
            ProbeItem.of("blkid", "blkid", "-p", "-o", "export", "--", SanFixture.MAP),
            ProbeItem.of("wipefs", "wipefs", "--no-act", "--parsable", "--", SanFixture.MAP),
            ProbeItem.of("size", "blockdev", "--getsize64", SanFixture.MAP));

    ExecOutcome outcome =
        san.fleet
            .server("drbd01")
            .shell()
            .execute(ShellQuoting.join(List.of("sh", "-c", ProbeScript.render(items, "n0nce"))));

    ProbeOutput probe = ProbeOutput.parse(outcome.stdoutText(), "n0nce");
    assertThat(probe.okOutput("sessions").orElseThrow()).contains("iSCSI Session State: LOGGED_IN");
    assertThat(probe.okOutput("maps").orElseThrow())
        .startsWith(WWID + " dm-0 SCST_FIO,VDISK-LUN01\n");
    assertThat(probe.okOutput("mounts").orElseThrow())
        .contains("/dev/sda1 / ext4 rw,relatime 0 0\n");
    assertThat(probe.section("blkid").orElseThrow().exitCode()).isEqualTo(2);
    assertThat(probe.okOutput("wipefs")).hasValue("");
    assertThat(probe.okOutput("size")).hasValue("21474836480\n");
    assertThat(san.node("drbd01").execCount()).isOne();
    assertThat(san.node("drbd01").mutatingCommandCount()).isZero();
    assertThat(san.node("drbd01").execLog().unsupported()).isEmpty();
  }

  /** The lines of a -P 3 listing with their values blanked: the shape both must share. */
  private static String structure(String listing) {
    return listing
        .replaceAll("(?m):[ \t].*$", ":")
        .replaceAll(
            "(?m)(scsi\\d+ Channel|Target|version|Attached scsi disk|Host Number).*$", "$1");
  }

  private static String capture(String file) throws Exception {
    return Files.readString(
        Path.of(
            System.getProperty("hastorage.repoRoot", ".."),
            "operator/src/test/resources/captured/initiator",
            file),
        StandardCharsets.UTF_8);
  }
}
