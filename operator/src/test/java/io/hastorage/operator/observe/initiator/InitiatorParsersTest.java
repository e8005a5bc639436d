package io.hastorage.operator.observe.initiator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;

import io.hastorage.operator.testing.Captured;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The initiator-side parsers against real tool output: open-iscsi 2.1.8's {@code iscsiadm -m
 * session -P 3}, multipath-tools 0.9.4's {@code multipath -ll} and /proc/mounts from the kernel
 * lab's initiator (Debian 12, kernel 6.1, a LIO target on DRBD 8.4, see captured/README.md), a real
 * node record and real ocfs2-tools 1.8.7 debugfs output. States the lab did not reach (a failed
 * session, a faulty path, a second target) are made by editing the real text, line for line in the
 * tools' own layout.
 */
class InitiatorParsersTest {

  private static final String IQN = "iqn.2016-02.local.virtual:virtual.vg1";
  private static final String LAB = "kernel-lab/recipe/";
  private static final String LAB_IQN = "iqn.2024-01.lab.ha:r0";
  private static final String LAB_WWID = "360014055e1f0c2a0d0b4d5e9a6b00000";

  @Test
  void sessionsOfTheKernelLabsInitiator() {
    List<IscsiSession> sessions =
        IscsiSessionParser.parse(Captured.read(LAB + "ini-iscsiadm-session-P3.txt"));

    assertThat(sessions)
        .containsExactly(
            new IscsiSession(
                LAB_IQN,
                "10.0.0.100:3260",
                1,
                "LOGGED_IN",
                List.of(new IscsiSession.Lun(0, "sda"))),
            new IscsiSession(
                LAB_IQN,
                "10.0.1.100:3260",
                2,
                "LOGGED_IN",
                List.of(new IscsiSession.Lun(0, "sdb"))));
    assertThat(sessions).allMatch(IscsiSession::loggedIn);
  }

  private static final String SEED = "kernel-lab/seed-scst/";
  private static final String SEED_IQN = "iqn.2026-12.io.hastorage.klab:vg1";
  private static final String SEED_WWID = "23437343563323866";

  /**
   * The operator's own seed on the kernel lab: SCST 3.11 behind the two VIPs, both portals logged
   * in by the Ocfs2Mount (open-iscsi 2.1.8 on Debian 12), as captured by e2e/kernel-lab/capture.sh.
   */
  @Test
  void sessionsOfTheSeedsInitiatorOnAnScstTarget() {
    List<IscsiSession> sessions =
        IscsiSessionParser.parse(Captured.read(SEED + "ia-iscsiadm-session-P3.txt"));

    assertThat(sessions)
        .extracting(IscsiSession::iqn, IscsiSession::portal, IscsiSession::state)
        .containsExactly(
            tuple(SEED_IQN, "10.98.0.100:3260", "LOGGED_IN"),
            tuple(SEED_IQN, "10.98.1.100:3260", "LOGGED_IN"));
    assertThat(sessions)
        .flatExtracting(IscsiSession::luns)
        .containsExactly(new IscsiSession.Lun(0, "sda"), new IscsiSession.Lun(0, "sdb"));
  }

  /**
   * SCST's vdisk_fileio identifies itself as SCST_FIO, and its NAA WWID starts with 2 (LIO's with
   * 36001405): the map is named by that WWID, without user_friendly_names.
   */
  @Test
  void multipathMapOfTheSeedsScstLun() {
    List<MultipathMap> maps = MultipathParser.parse(Captured.read(SEED + "ia-multipath-ll.txt"));

    assertThat(maps)
        .containsExactly(
            new MultipathMap(
                SEED_WWID,
                SEED_WWID,
                "SCST_FIO",
                List.of(
                    new MultipathMap.Path("sda", "active", "ready"),
                    new MultipathMap.Path("sdb", "active", "ready"))));
    assertThat(MultipathParser.parse(Captured.read(SEED + "ib-multipath-ll.txt"))).isEqualTo(maps);
  }

  /**
   * The kernel lists the mounted map as /dev/mapper/WWID, whatever the fstab entry named
   * (/dev/disk/by-id/dm-uuid-mpath-WWID): the mount is found by its mount point and type.
   */
  @Test
  void procMountsOfTheSeedsOcfs2MountNameTheMapperDevice() {
    List<MountEntry> mounts =
        MountEntry.parseProcMounts(Captured.read(SEED + "ia-proc-mounts.txt"));

    assertThat(mounts)
        .filteredOn(m -> m.type().equals("ocfs2"))
        .singleElement()
        .satisfies(
            m -> {
              assertThat(m.device()).isEqualTo("/dev/mapper/" + SEED_WWID);
              assertThat(m.mountPoint()).isEqualTo("/srv/shared");
              assertThat(m.options()).contains("noatime", "_netdev", "cluster_stack=o2cb");
            });
  }

  /** The target moved to the other node (same IQN, portals and serial): the same two sessions. */
  @Test
  void sessionsSurviveTheKernelLabsTargetSwitchover() {
    assertThat(
            IscsiSessionParser.parse(
                Captured.read(LAB + "ini-iscsiadm-session-P3-after-switchover.txt")))
        .isEqualTo(IscsiSessionParser.parse(Captured.read(LAB + "ini-iscsiadm-session-P3.txt")));
  }

  /**
   * The real output with its second session failed, and a second target behind it with two LUNs:
   * open-iscsi prints one Target block per target and one scsiN line plus one disk line per LUN.
   */
  @Test
  void aFailedSessionAndASecondTargetWithTwoLuns() {
    String real = Captured.read(LAB + "ini-iscsiadm-session-P3.txt");
    String secondFailed =
        real.substring(0, real.lastIndexOf("iSCSI Session State: LOGGED_IN"))
            + "iSCSI Session State: FAILED"
            + real.substring(real.lastIndexOf("iSCSI Session State: LOGGED_IN") + 30);
    String firstSession =
        real.substring(real.indexOf("Target: "), real.indexOf("\tCurrent Portal: 10.0.1.100"));
    String other =
        firstSession
                .replace(LAB_IQN, "iqn.2003-01.org.example:other")
                .replace("10.0.0.100", "10.30.0.5")
                .replace("SID: 1", "SID: 3")
            + "\t\tscsi0 Channel 00 Id 0 Lun: 1\n\t\t\tAttached scsi disk sdc\t\tState: running\n";

    List<IscsiSession> sessions = IscsiSessionParser.parse(secondFailed + other);

    assertThat(sessions).hasSize(3);
    assertThat(sessions.get(0).loggedIn()).isTrue();
    assertThat(sessions.get(1).portal()).isEqualTo("10.0.1.100:3260");
    assertThat(sessions.get(1).loggedIn()).isFalse();
    assertThat(sessions.get(1).luns()).containsExactly(new IscsiSession.Lun(0, "sdb"));
    assertThat(sessions.get(2).iqn()).isEqualTo("iqn.2003-01.org.example:other");
    assertThat(sessions.get(2).portal()).isEqualTo("10.30.0.5:3260");
    assertThat(sessions.get(2).sid()).isEqualTo(3);
    assertThat(sessions.get(2).luns())
        .containsExactly(new IscsiSession.Lun(0, "sda"), new IscsiSession.Lun(1, "sdc"));
  }

  @Test
  void noSessionsAndGarbageBeforeATarget() {
    assertThat(IscsiSessionParser.parse("")).isEmpty();
    assertThatThrownBy(() -> IscsiSessionParser.parse("\tCurrent Portal: 1.2.3.4:3260,1\n"))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void nodeRecordSettingsFromARealRecord() {
    Map<String, String> record =
        IscsiNodeRecords.parseRecord(Captured.read("initiator/iscsiadm-node-record.txt"));

    assertThat(record)
        .containsEntry("node.name", IQN)
        .containsEntry("node.startup", "automatic")
        .containsEntry("node.session.timeo.replacement_timeout", "120")
        .containsEntry("node.conn[0].timeo.noop_out_interval", "5")
        .containsEntry("node.session.auth.authmethod", "None")
        .containsEntry("node.session.auth.password", "<empty>");
  }

  @Test
  void nodeListAndDiscoveryDb() {
    assertThat(
            IscsiNodeRecords.parseList(
                "10.20.1.180:3260,4294967295 " + IQN + "\n192.168.0.180:3260,1 " + IQN + "\n"))
        .containsExactly(
            new IscsiNodeRecords.Key(IQN, "10.20.1.180:3260"),
            new IscsiNodeRecords.Key(IQN, "192.168.0.180:3260"));
    assertThat(IscsiNodeRecords.parseList("iscsiadm: No records found\n")).isEmpty();
    assertThat(IscsiNodeRecords.parseDiscoveryDb("127.0.0.1:3260 via sendtargets\n"))
        .containsExactly("127.0.0.1:3260");
  }

  @Test
  void multipathMapOfTheKernelLabsInitiator() {
    List<MultipathMap> maps = MultipathParser.parse(Captured.read(LAB + "ini-multipath-ll.txt"));

    assertThat(maps)
        .containsExactly(
            new MultipathMap(
                LAB_WWID,
                "mpatha",
                "LIO-ORG",
                List.of(
                    new MultipathMap.Path("sda", "active", "ready"),
                    new MultipathMap.Path("sdb", "active", "ready"))));
    assertThat(maps.get(0).pathsUp()).isEqualTo(2);
    assertThat(MultipathParser.parse("")).isEmpty();
  }

  /** The real map without user_friendly_names: the WWID alone heads it and is its name. */
  @Test
  void multipathMapNamedByItsWwid() {
    String real = Captured.read(LAB + "ini-multipath-ll.txt");

    MultipathMap map =
        MultipathParser.parse(real.replace("mpatha (" + LAB_WWID + ")", LAB_WWID)).get(0);

    assertThat(map.wwid()).isEqualTo(LAB_WWID);
    assertThat(map.alias()).isEqualTo(LAB_WWID);
    assertThat(map.pathsUp()).isEqualTo(2);
  }

  /**
   * The real map as ALUA groups it when one port is standby (an active and an enabled path group),
   * then with that path failed; a second map after it.
   */
  @Test
  void multipathPathGroupsFailedPathsAndSeveralMaps() {
    String real = Captured.read(LAB + "ini-multipath-ll.txt");
    String header = real.substring(0, real.indexOf("`-+-"));
    String grouped =
        header
            + "|-+- policy='service-time 0' prio=50 status=active\n"
            + "| `- 0:0:0:0 sda 8:0  active ready running\n"
            + "`-+- policy='service-time 0' prio=10 status=enabled\n"
            + "  `- 1:0:0:0 sdb 8:16 active ghost running\n";
    String failed = grouped.replace("active ghost running", "failed faulty running");
    String second = real.replace("mpatha (" + LAB_WWID + ") dm-0", "mpathb (36001405aa) dm-1");

    assertThat(MultipathParser.parse(grouped).get(0).pathsUp()).as("ghost counts").isEqualTo(2);
    List<MultipathMap> maps = MultipathParser.parse(failed + second);
    assertThat(maps).extracting(MultipathMap::alias).containsExactly("mpatha", "mpathb");
    assertThat(maps.get(0).paths())
        .containsExactly(
            new MultipathMap.Path("sda", "active", "ready"),
            new MultipathMap.Path("sdb", "failed", "faulty"));
    assertThat(maps.get(0).pathsUp()).isEqualTo(1);
    assertThat(maps.get(1).wwid()).isEqualTo("36001405aa");
    assertThat(maps.get(1).pathsUp()).isEqualTo(2);
  }

  /** The kernel lab's o2cb dlmfs and OCFS2 mount lines of /proc/mounts. */
  @Test
  void procMountsOfTheKernelLabsOcfs2Mount() {
    List<MountEntry> mounts =
        MountEntry.parseProcMounts(Captured.read(LAB + "ini-proc-mounts-ocfs2-lines.txt"));

    assertThat(mounts)
        .extracting(MountEntry::device, MountEntry::mountPoint, MountEntry::type)
        .containsExactly(
            tuple("ocfs2_dlmfs", "/dlm", "ocfs2_dlmfs"),
            tuple("/dev/mapper/mpatha", "/mnt/ocfs2", "ocfs2"));
    assertThat(mounts.get(1).options())
        .startsWith("rw", "relatime", "_netdev", "heartbeat=local")
        .contains("cluster_stack=o2cb", "coherency=full", "errors=remount-ro");
  }

  /** The kernel escapes space, tab, newline and backslash in /proc/mounts as octal. */
  @Test
  void procMountsUnescapesOctal() {
    List<MountEntry> mounts =
        MountEntry.parseProcMounts(
            "/dev/sdb1 /mnt/with\\040space ext4 rw,relatime 0 0\n"
                + "/dev/sdb2 /mnt/back\\134slash ext4 rw 0 0\n");

    assertThat(mounts)
        .extracting(MountEntry::mountPoint)
        .containsExactly("/mnt/with space", "/mnt/back\\slash");
  }

  @Test
  void ocfs2SuperblockFromRealDebugfsOutput() {
    // a 256 MiB file system on an image since grown to 512 MiB
    Ocfs2Superblock sb =
        Ocfs2Superblock.parse(Captured.read("initiator/debugfs-stats.txt")).orElseThrow();

    assertThat(sb.clusterSizeBits()).isEqualTo(12);
    assertThat(sb.clusters()).isEqualTo(65536);
    assertThat(sb.sizeBytes()).isEqualTo(256L * 1024 * 1024);
    assertThat(sb.slots()).isEqualTo(3);
    assertThat(sb.label()).isEqualTo("vg1shared");
    assertThat(sb.uuid()).isEqualTo("A0FBC6D60AE641DD9B93298D58040D32");
    assertThat(Ocfs2Superblock.parse("debugfs.ocfs2: Bad magic number in inode")).isEmpty();
  }

  private static final String INI = "kernel-lab/initiator/";

  @Test
  void theKernelLabsNodeListDiscoveryDbAndRecord() {
    assertThat(IscsiNodeRecords.parseList(Captured.read(INI + "ini-iscsiadm-node.txt")))
        .containsExactly(
            new IscsiNodeRecords.Key(LAB_IQN, "10.0.0.100:3260"),
            new IscsiNodeRecords.Key(LAB_IQN, "10.0.1.100:3260"));
    assertThat(
            IscsiNodeRecords.parseDiscoveryDb(Captured.read(INI + "ini-iscsiadm-discoverydb.txt")))
        .containsExactly("10.0.0.100:3260");
    assertThat(IscsiNodeRecords.parseRecord(Captured.read(INI + "ini-iscsiadm-node-record.txt")))
        .containsEntry("node.name", LAB_IQN)
        .containsEntry("node.tpgt", "1")
        .containsEntry("node.startup", "manual")
        .containsEntry("node.session.timeo.replacement_timeout", "30")
        .containsEntry("node.conn[0].timeo.noop_out_interval", "5")
        .containsEntry("node.session.auth.authmethod", "None")
        .containsEntry("node.conn[0].address", "10.0.0.100")
        .containsEntry("node.conn[0].port", "3260");
  }

  @Test
  void theKernelLabsWholeProcMounts() {
    List<MountEntry> mounts =
        MountEntry.parseProcMounts(Captured.read(INI + "ini-proc-mounts.txt"));

    assertThat(mounts).hasSize(10);
    assertThat(mounts.get(0))
        .isEqualTo(
            new MountEntry(
                "rootfs",
                "/",
                "rootfs",
                List.of("rw", "size=328176k", "nr_inodes=82044", "inode64")));
    assertThat(mounts)
        .filteredOn(m -> m.type().equals("ocfs2"))
        .singleElement()
        .satisfies(
            m -> {
              assertThat(m.device()).isEqualTo("/dev/mapper/mpatha");
              assertThat(m.mountPoint()).isEqualTo("/mnt/ocfs2");
              assertThat(m.options()).contains("_netdev", "cluster_stack=o2cb");
            });
  }

  /** The file system mkfs.ocfs2 made on the 128 MiB map fills it exactly. */
  @Test
  void theKernelLabsOcfs2Superblock() {
    Ocfs2Superblock sb =
        Ocfs2Superblock.parse(Captured.read(INI + "ini-debugfs-stats-mpath.txt")).orElseThrow();
    long deviceBytes =
        Long.parseLong(Captured.read(INI + "ini-blockdev-getsize64-mpath.txt").strip());

    assertThat(sb.blockSizeBits()).isEqualTo(12);
    assertThat(sb.clusterSizeBits()).isEqualTo(12);
    assertThat(sb.clusters()).isEqualTo(32758);
    assertThat(sb.slots()).isEqualTo(2);
    assertThat(sb.label()).isEqualTo("labvol");
    assertThat(sb.uuid()).isEqualTo("E41AB4593AE74E449004E138583442E1");
    assertThat(sb.sizeBytes()).isEqualTo(deviceBytes).isEqualTo(134_176_768L);
  }
}
