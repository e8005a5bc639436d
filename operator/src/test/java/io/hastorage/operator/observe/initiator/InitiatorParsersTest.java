package io.hastorage.operator.observe.initiator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.hastorage.operator.testing.Captured;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The initiator-side parsers against tool output: a real open-iscsi 2.1.8 node record and real
 * ocfs2-tools 1.8.7 debugfs output (captured on image files); iscsiadm -m session -P 3 and
 * multipath -ll written in their documented formats (no iscsi_tcp or device-mapper here).
 */
class InitiatorParsersTest {

  private static final String IQN = "iqn.2016-02.local.virtual:virtual.vg1";

  @Test
  void sessionsPerPortalWithTheirStateAndAttachedDisks() {
    List<IscsiSession> sessions =
        IscsiSessionParser.parse(Captured.read("initiator/iscsiadm-session-P3.txt"));

    assertThat(sessions).hasSize(3);
    assertThat(sessions.get(0))
        .isEqualTo(
            new IscsiSession(
                IQN,
                "192.168.0.180:3260",
                1,
                "LOGGED_IN",
                List.of(new IscsiSession.Lun(0, "sdc"))));
    assertThat(sessions.get(1).portal()).isEqualTo("10.20.1.180:3260");
    assertThat(sessions.get(1).loggedIn()).isFalse();
    assertThat(sessions.get(1).luns()).containsExactly(new IscsiSession.Lun(0, "sdd"));
    assertThat(sessions.get(2).iqn()).isEqualTo("iqn.2003-01.org.example:other");
    assertThat(sessions.get(2).luns())
        .containsExactly(new IscsiSession.Lun(0, "sde"), new IscsiSession.Lun(1, "sdf"));
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
  void multipathMapsWithAndWithoutFriendlyNames() {
    List<MultipathMap> maps = MultipathParser.parse(Captured.read("initiator/multipath-ll.txt"));

    assertThat(maps).hasSize(2);
    MultipathMap scst = maps.get(0);
    assertThat(scst.wwid()).isEqualTo("1SCST_FIO_8f3c9a1d2e4b6c70");
    assertThat(scst.alias()).isEqualTo("mpatha");
    assertThat(scst.vendor()).isEqualTo("SCST_FIO");
    assertThat(scst.paths())
        .containsExactly(
            new MultipathMap.Path("sdc", "active", "ready"),
            new MultipathMap.Path("sdd", "failed", "faulty"));
    assertThat(scst.pathsUp()).isEqualTo(1);
    assertThat(maps.get(1).wwid()).isEqualTo("36001405a1b2c3d4e5f60718293a4b5c6");
    assertThat(maps.get(1).alias()).isEqualTo(maps.get(1).wwid());
    assertThat(maps.get(1).pathsUp()).isEqualTo(2);
    assertThat(MultipathParser.parse("")).isEmpty();
  }

  @Test
  void procMountsUnescapesAndKeepsOptions() {
    List<MountEntry> mounts =
        MountEntry.parseProcMounts(Captured.read("initiator/proc-mounts.txt"));

    assertThat(mounts)
        .anySatisfy(
            m -> {
              assertThat(m.mountPoint()).isEqualTo("/srv/shared");
              assertThat(m.type()).isEqualTo("ocfs2");
              assertThat(m.options()).contains("_netdev", "noatime");
            });
    assertThat(mounts).anySatisfy(m -> assertThat(m.mountPoint()).isEqualTo("/mnt/with space"));
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
}
