package io.hastorage.e2e.sim.initiator;

import static io.hastorage.e2e.sim.initiator.SanFixture.IQN;
import static io.hastorage.e2e.sim.initiator.SanFixture.MAP;
import static io.hastorage.e2e.sim.initiator.SanFixture.STORAGE_VIP;
import static io.hastorage.e2e.sim.initiator.SanFixture.WWID;
import static org.assertj.core.api.Assertions.assertThat;

import io.hastorage.e2e.sim.ExecOutcome;
import java.io.IOException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The SAN follows the cluster: a target's crash fails the sessions until Pacemaker runs the group
 * on the survivor; a grown LUN reaches the map and the file system in the documented steps.
 */
class FailoverAndGrowthTest {

  private static final long GROWN = 30L << 30;

  private final SanFixture san = new SanFixture();

  @AfterEach
  void close() {
    san.close();
  }

  @Test
  void aCrashFailsTheSessionsUntilTheClusterRunsTheGroupOnTheSurvivor() throws IOException {
    san.fleet.start();
    san.serving().loggedIn("drbd01");
    san.ok("centos02", "drbdadm", "down", "vg1"); // the survivor cannot take over yet

    san.fleet.crash("centos01");

    String during = san.ok("drbd01", "iscsiadm", "-m", "session", "-P", "3").stdoutText();
    assertThat(during)
        .contains(
            "\t\tiSCSI Connection State: TRANSPORT WAIT\n\t\tiSCSI Session State: FAILED\n"
                + "\t\tInternal iscsid Session State: REOPEN\n")
        .doesNotContain("LOGGED_IN")
        .contains("\t\t\tAttached scsi disk sdb\t\tState: running\n");
    assertThat(san.ok("drbd01", "multipath", "-ll").stdoutText())
        .startsWith(WWID + " dm-0 SCST_FIO,VDISK-LUN01\n")
        .contains("|-+- policy='service-time 0' prio=0 status=enabled\n")
        .contains("| `- 2:0:0:0 sdb 8:16 failed faulty running\n")
        .contains("  `- 3:0:0:0 sdc 8:32 failed faulty running\n");
    assertThat(san.ok("drbd01", "blockdev", "--getsize64", MAP).stdoutText())
        .as("the map stays, queueing")
        .isEqualTo("21474836480\n");
    ExecOutcome discovery =
        san.run(
            "drbd02",
            "iscsiadm",
            "-m",
            "discovery",
            "-t",
            "sendtargets",
            "-p",
            STORAGE_VIP,
            "-o",
            "new");
    assertThat(discovery.exitCode()).isEqualTo(4);

    san.ok(
        "centos02", "drbdadm", "up", "vg1"); // UpToDate: Pacemaker promotes it and moves the group

    String after = san.ok("drbd01", "iscsiadm", "-m", "session", "-P", "3").stdoutText();
    assertThat(san.fleet.replication().role("centos02", "vg1")).contains("Primary");
    assertThat(after)
        .doesNotContain("FAILED")
        .contains("\t\tSID: 1\n", "\t\tSID: 2\n", "\t\tiSCSI Session State: LOGGED_IN\n");
    assertThat(san.ok("drbd01", "multipath", "-ll").stdoutText())
        .contains("|-+- policy='service-time 0' prio=50 status=active\n")
        .contains("| `- 2:0:0:0 sdb 8:16 active ready running\n")
        .contains("  `- 3:0:0:0 sdc 8:32 active ready running\n");
    assertThat(
            san.ok(
                    "drbd02",
                    "iscsiadm",
                    "-m",
                    "discovery",
                    "-t",
                    "st",
                    "-p",
                    STORAGE_VIP,
                    "-o",
                    "new")
                .stdoutText())
        .contains("10.20.1.180:3260,1 " + IQN);
  }

  @Test
  void aCrashWithAnUpToDateSurvivorNeverShowsAFailedSession() throws IOException {
    san.fleet.start();
    san.serving().loggedIn("drbd01");

    san.fleet.crash("centos01");

    assertThat(san.ok("drbd01", "iscsiadm", "-m", "session", "-P", "3").stdoutText())
        .doesNotContain("FAILED");
    assertThat(san.fleet.cluster().runningOn("centos02"))
        .extracting(p -> p.id())
        .contains("hastorage-target-vg1-target-target", "hastorage-target-vg1-target-lun-0");
  }

  @Test
  void anInitiatorCrashDropsItsSessionsAndItsBootLogsInAutomaticRecords() throws IOException {
    san.fleet.start();
    san.serving().loggedIn("drbd01");
    san.ok(
        "drbd01",
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
        "automatic");

    san.fleet.crash("drbd01");
    assertThat(san.fleet.node("drbd01")).isNotNull();
    san.fleet.restore("drbd01");

    assertThat(san.ok("drbd01", "iscsiadm", "-m", "session").stdoutText())
        .isEqualTo("tcp: [3] 10.20.1.180:3260,1 " + IQN + " (non-flash)\n");
    assertThat(san.ok("drbd01", "iscsiadm", "-m", "node").stdoutText())
        .contains("192.168.0.180:3260,1");
  }

  @Test
  void aGrownLunReachesTheMapAfterRescanAndResizeAndTheVolumeAfterTunefs() {
    san.serving().loggedIn("drbd01");
    san.ok("drbd01", "systemctl", "start", "o2cb.service");
    san.ok(
        "drbd01",
        "mkfs.ocfs2",
        "-L",
        "vg1shared",
        "-N",
        "4",
        "-b",
        "4K",
        "-C",
        "4K",
        "--cluster-stack=o2cb",
        "--cluster-name=ocfs2vg1",
        MAP);

    san.san().growLun(IQN, 0, GROWN);
    assertThat(san.ok("drbd01", "blockdev", "--getsize64", "/dev/sdb").stdoutText())
        .as("the kernel has not re-read the capacity")
        .isEqualTo("21474836480\n");

    assertThat(san.ok("drbd01", "iscsiadm", "-m", "session", "--rescan").stdoutText())
        .isEqualTo(
            "Rescanning session [sid: 1, target: "
                + IQN
                + ", portal: 10.20.1.180,3260]\nRescanning session [sid: 2, target: "
                + IQN
                + ", portal: 192.168.0.180,3260]\n");
    assertThat(san.ok("drbd01", "blockdev", "--getsize64", "/dev/sdc").stdoutText())
        .isEqualTo(GROWN + "\n");
    assertThat(san.ok("drbd01", "blockdev", "--getsize64", MAP).stdoutText())
        .as("the map keeps its table until multipathd resizes it")
        .isEqualTo("21474836480\n");
    assertThat(san.ok("drbd01", "multipathd", "resize", "map", WWID).stdoutText())
        .isEqualTo("ok\n");
    assertThat(san.ok("drbd01", "blockdev", "--getsize64", MAP).stdoutText())
        .isEqualTo(GROWN + "\n");
    assertThat(san.ok("drbd01", "multipath", "-ll").stdoutText()).contains("size=30G ");
    assertThat(san.san().ocfs2(IQN, 0).orElseThrow().sizeBytes()).isEqualTo(20L << 30);

    san.ok("drbd01", "tunefs.ocfs2", "-S", MAP);

    assertThat(san.san().ocfs2(IQN, 0).orElseThrow().sizeBytes()).isEqualTo(GROWN);
    assertThat(san.ok("drbd01", "debugfs.ocfs2", "-R", "stats", MAP).stdoutText())
        .contains("\tLinks: 0   Clusters: 7864320\n");
    assertThat(san.run("drbd01", "multipathd", "resize", "map", "36001405nosuchmap").stdoutText())
        .isEqualTo("fail\n");
  }
}
