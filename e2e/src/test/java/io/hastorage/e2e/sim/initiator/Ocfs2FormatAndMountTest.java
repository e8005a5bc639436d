package io.hastorage.e2e.sim.initiator;

import static io.hastorage.e2e.sim.initiator.SanFixture.IQN;
import static io.hastorage.e2e.sim.initiator.SanFixture.MAP;
import static io.hastorage.e2e.sim.initiator.SanFixture.WWID;
import static org.assertj.core.api.Assertions.assertThat;

import io.hastorage.e2e.sim.DiskSignature;
import io.hastorage.e2e.sim.ExecOutcome;
import io.hastorage.operator.observe.drbd.DiskSignatures;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** mkfs.ocfs2's guards, the probes of the map, and mount/umount through /etc/fstab. */
class Ocfs2FormatAndMountTest {

  private static final String[] MKFS = {
    "mkfs.ocfs2",
    "-L",
    "vg1shared",
    "-N",
    "4",
    "-b",
    "4096",
    "-C",
    "4096",
    "--cluster-stack=o2cb",
    "--cluster-name=ocfs2vg1",
    MAP
  };
  private static final String FSTAB_LINE = MAP + " /srv/shared ocfs2 _netdev,noatime 0 0\n";

  private final SanFixture san = new SanFixture();

  @BeforeEach
  void loggedIn() {
    san.serving().loggedIn("drbd01").loggedIn("drbd02");
  }

  @AfterEach
  void close() {
    san.close();
  }

  @Test
  void aBlankLunIsFormattedOnceAndEveryInitiatorSeesTheSameVolume() throws Exception {
    ExecOutcome blank = san.run("drbd01", "blkid", "-p", "-o", "export", "--", MAP);
    assertThat(blank.exitCode()).isEqualTo(2);
    assertThat(blank.stdoutText() + blank.stderrText()).isEmpty();
    assertThat(san.ok("drbd01", "wipefs", "--no-act", "--parsable", "--", MAP).stdoutText())
        .isEmpty();

    ExecOutcome mkfs = san.ok("drbd01", MKFS);

    assertThat(mkfs.stderrText()).isEqualTo("mkfs.ocfs2 1.8.7\n");
    assertThat(mkfs.stdoutText())
        .startsWith("Cluster stack: o2cb\nCluster name: ocfs2vg1\n")
        .contains("Label: vg1shared\nFeatures: sparse extended-slotmap")
        .contains("Volume size: 21474836480 (5242880 clusters) (5242880 blocks)\n")
        .contains("Cluster groups: 163 (tail covers 17408 clusters, rest cover 32256 clusters)\n")
        .contains("Node slots: 4\n", "Writing backup superblock: 3 block(s)\n")
        .endsWith("mkfs.ocfs2 successful\n\n");
    Ocfs2Volume volume = san.san().ocfs2(IQN, 0).orElseThrow();
    String blkid = san.ok("drbd02", "blkid", "-p", "-o", "export", "--", MAP).stdoutText();
    assertThat(blkid)
        .isEqualTo(
            "DEVNAME="
                + MAP
                + "\nLABEL=vg1shared\nUUID="
                + volume.uuid()
                + "\nVERSION=0.90\nBLOCK_SIZE=4096\nTYPE=ocfs2\nUSAGE=filesystem\n");
    String wipefs = san.ok("drbd02", "wipefs", "--no-act", "--parsable", "--", MAP).stdoutText();
    assertThat(wipefs).isEqualTo("0x2000," + volume.uuid() + ",vg1shared,ocfs2\n");
    assertThat(DiskSignatures.parse(MAP, blkid, wipefs).toString()).contains("ocfs2");
    String stats = san.ok("drbd02", "debugfs.ocfs2", "-R", "stats", MAP).stdoutText();
    assertThat(stats)
        .contains("\tBlock Size Bits: 12   Cluster Size Bits: 12\n", "\tMax Node Slots: 4\n")
        .contains("\tLabel: vg1shared\n", "\tCluster name: ocfs2vg1\n")
        .contains("\tUUID: " + volume.uuid().replace("-", "").toUpperCase() + "\n")
        .contains("\tLinks: 0   Clusters: 5242880\n");
    assertThat(keys(stats)).isEqualTo(keys(capture("debugfs-stats.txt")));

    ExecOutcome again = san.run("drbd02", MKFS);
    assertThat(again.exitCode()).as("o2cb is not running").isEqualTo(1);
    assertThat(again.stdoutText()).endsWith("Overwriting existing ocfs2 partition.\n");
    assertThat(again.stderrText())
        .endsWith("mkfs.ocfs2: Unable to access cluster service while initializing the cluster\n");
    san.ok("drbd02", "systemctl", "start", "o2cb.service");
    ExecOutcome prompted = san.run("drbd02", MKFS);
    assertThat(prompted.exitCode()).isEqualTo(1);
    assertThat(prompted.stdoutText())
        .endsWith("Overwriting existing ocfs2 partition.\nProceed (y/N): Aborting operation.\n");
    assertThat(san.san().ocfs2(IQN, 0)).contains(volume);
  }

  @Test
  void forceIsRefusedWhateverTheDeviceHolds() {
    String[] forced = new String[MKFS.length + 1];
    forced[0] = "mkfs.ocfs2";
    forced[1] = "-F";
    System.arraycopy(MKFS, 1, forced, 2, MKFS.length - 1);

    ExecOutcome outcome = san.run("drbd01", forced);

    assertThat(outcome.exitCode()).isEqualTo(1);
    assertThat(outcome.stderrText()).contains("-F/--force refused");
    assertThat(san.san().signatures(IQN, 0)).isEmpty();
    assertThat(san.run("drbd01", "mkfs.ocfs2", "--force", "-L", "x", MAP).exitCode()).isEqualTo(1);
  }

  @Test
  void anotherFileSystemIsOverwrittenWithoutAQuestionAsTheRealMkfsDoes() {
    san.san()
        .writeSignature(IQN, 0, DiskSignature.ext4("data", "e9cbb783-9f07-41a2-a38c-e139e27bf59b"));
    assertThat(san.ok("drbd01", "wipefs", "--no-act", "--parsable", "--", MAP).stdoutText())
        .isEqualTo("0x438,e9cbb783-9f07-41a2-a38c-e139e27bf59b,data,ext4\n");

    san.ok("drbd01", MKFS);

    assertThat(san.san().signatures(IQN, 0))
        .extracting(DiskSignature::type)
        .containsExactly("ocfs2");
  }

  @Test
  void mountNeedsTheFstabEntryAnOcfs2VolumeAndO2cb() {
    ExecOutcome noEntry = san.run("drbd01", "mount", "/srv/shared");
    assertThat(noEntry.exitCode()).isEqualTo(1);
    assertThat(noEntry.stderrText()).isEqualTo("mount: /srv/shared: can't find in /etc/fstab.\n");

    String fstab = san.node("drbd01").readText("/etc/fstab").orElseThrow();
    assertThat(fstab).containsPattern("(?m)^UUID=[0-9a-f-]+ +/ +ext4 +errors=remount-ro");
    san.write("drbd01", "/etc/fstab", fstab + FSTAB_LINE);
    assertThat(san.run("drbd01", "mount", "/srv/shared").stderrText())
        .isEqualTo("mount: /srv/shared: mount point does not exist.\n");
    san.ok("drbd01", "mkdir", "-p", "/srv/shared");
    ExecOutcome blank = san.run("drbd01", "mount", "/srv/shared");
    assertThat(blank.exitCode()).isEqualTo(1);
    assertThat(blank.stderrText())
        .isEqualTo(
            "mount.ocfs2: Bad magic number in superblock while opening device " + MAP + "\n");

    san.ok("drbd01", MKFS);
    ExecOutcome noCluster = san.run("drbd01", "mount", "/srv/shared");
    assertThat(noCluster.stderrText())
        .isEqualTo(
            "mount.ocfs2: Unable to access cluster service while trying initialize cluster\n");
    san.ok("drbd01", "systemctl", "start", "o2cb.service");
    san.write("drbd01", MountTools.O2CB_DEFAULTS, "O2CB_ENABLED=true\nO2CB_BOOTCLUSTER=other\n");
    assertThat(san.run("drbd01", "mount", "/srv/shared").stderrText())
        .isEqualTo("mount.ocfs2: Cluster name is invalid while trying to join the group\n");
    san.write("drbd01", MountTools.O2CB_DEFAULTS, "O2CB_ENABLED=true\nO2CB_BOOTCLUSTER=ocfs2vg1\n");

    san.ok("drbd01", "mount", "/srv/shared");

    assertThat(san.ok("drbd01", "cat", "/proc/mounts").stdoutText())
        .isEqualTo(
            "sysfs /sys sysfs rw,nosuid,nodev,noexec,relatime 0 0\n"
                + "proc /proc proc rw,nosuid,nodev,noexec,relatime 0 0\n"
                + "/dev/sda1 / ext4 rw,relatime 0 0\n"
                + "ocfs2_dlmfs /dlm ocfs2_dlmfs rw,relatime 0 0\n"
                + "/dev/mapper/"
                + WWID
                + " /srv/shared ocfs2 rw,_netdev,noatime,heartbeat=local,nointr,data=ordered,"
                + "errors=remount-ro,atime_quantum=60,coherency=full,user_xattr,acl 0 0\n");
    assertThat(san.san().mountedOn(IQN, 0)).containsExactly("drbd01");
    ExecOutcome twice = san.run("drbd01", "mount", "/srv/shared");
    assertThat(twice.exitCode()).isEqualTo(32);
    assertThat(twice.stderrText())
        .isEqualTo("mount: /srv/shared: " + MAP + " already mounted on /srv/shared.\n");
    assertThat(san.run("drbd01", MKFS).exitCode()).as("never under a mount").isEqualTo(1);

    san.ok("drbd01", "umount", "/srv/shared");
    ExecOutcome notMounted = san.run("drbd01", "umount", "/srv/shared");
    assertThat(notMounted.exitCode()).isEqualTo(32);
    assertThat(notMounted.stderrText()).isEqualTo("umount: /srv/shared: not mounted.\n");
    assertThat(san.ok("drbd01", "cat", "--", "/proc/mounts").stdoutText())
        .doesNotContain("ocfs2 rw");
  }

  @Test
  void aVolumeMountsOnNoMoreNodesThanItHasSlots() {
    san.san()
        .writeOcfs2(
            IQN,
            0,
            new Ocfs2Volume(
                "foreign",
                "0b7e5a3c-1d2e-4f60-8a9b-0c1d2e3f4a5b",
                4096,
                4096,
                1,
                "o2cb",
                "ocfs2vg1",
                SimulatedSan.DEFAULT_LUN_BYTES,
                Instant.parse("2026-01-01T00:00:00Z")));
    for (String node : List.of("drbd01", "drbd02")) {
      String fstab = san.node(node).readText("/etc/fstab").orElseThrow();
      san.write(node, "/etc/fstab", fstab + "LABEL=foreign /srv/shared ocfs2 _netdev 0 0\n");
      san.ok(node, "mkdir", "-p", "/srv/shared");
      san.ok(node, "systemctl", "start", "o2cb.service");
    }

    san.ok("drbd01", "mount", "/srv/shared");
    ExecOutcome full = san.run("drbd02", "mount", "/srv/shared");

    assertThat(full.exitCode()).isEqualTo(1);
    assertThat(full.stderrText())
        .startsWith("mount.ocfs2: Invalid argument while mounting LABEL=foreign");
    assertThat(san.san().mountedOn(IQN, 0)).containsExactly("drbd01");
  }

  /** The field names of debugfs.ocfs2's stats, values left out. */
  private static List<String> keys(String stats) {
    return stats.lines().map(l -> l.substring(0, l.indexOf(':'))).toList();
  }

  private static String capture(String file) throws Exception {
    return Files.readString(
        Path.of(
            System.getProperty("hastorage.repoRoot", ".."),
            "operator/src/test/resources/captured/initiator",
            file));
  }
}
