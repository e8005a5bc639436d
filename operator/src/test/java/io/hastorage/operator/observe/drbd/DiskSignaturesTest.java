package io.hastorage.operator.observe.drbd;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.hastorage.operator.testing.Captured;
import org.junit.jupiter.api.Test;

class DiskSignaturesTest {

  private static DiskSignatures captured(String name, String device) {
    return DiskSignatures.parse(
        device,
        Captured.read("drbd/" + name + ".blkid-export.txt"),
        Captured.read("drbd/" + name + ".wipefs-parsable.txt"));
  }

  @Test
  void ext4() {
    DiskSignatures s = captured("ext4", "/dev/loop4");

    assertThat(s.device()).isEqualTo("/dev/loop4");
    assertThat(s.filesystemType()).contains("ext4");
    assertThat(s.uuid()).contains("3f1c2b9e-5d6a-4e8b-9c0d-1a2b3c4d5e6f");
    assertThat(s.label()).contains("data1");
    assertThat(s.signatures()).containsExactly("ext4");
    assertThat(s.blank()).isFalse();
  }

  @Test
  void ocfs2() {
    DiskSignatures s = captured("ocfs2", "/dev/loop5");

    assertThat(s.filesystemType()).contains("ocfs2");
    assertThat(s.label()).contains("test");
    assertThat(s.signatures()).containsExactly("ocfs2");
    assertThat(s.blank()).isFalse();
  }

  @Test
  void lvmPhysicalVolume() {
    DiskSignatures s = captured("lvm2-pv", "/dev/loop0");

    assertThat(s.filesystemType()).contains("LVM2_member");
    assertThat(s.uuid()).contains("0aB1cD-2eF3-gH4i-J5kL-6mN7-oP8q-R9sT0u");
    assertThat(s.label()).isEmpty();
    assertThat(s.signatures()).containsExactly("LVM2_member");
  }

  @Test
  void drbdMetadataOfBothFormats() {
    for (String name : new String[] {"drbd-v08-md", "drbd-v09-md"}) {
      DiskSignatures s = captured(name, "/dev/loop1");

      assertThat(s.filesystemType()).as(name).contains("drbd");
      assertThat(s.uuid()).as(name).isEmpty();
      assertThat(s.signatures()).as(name).containsExactly("drbd");
      assertThat(s.blank()).as(name).isFalse();
    }
  }

  @Test
  void wipefsSeesTheFilesystemThatDrbdMetadataHidesFromBlkid() {
    DiskSignatures s = captured("ext4-under-drbd-v09-md", "/dev/loop3");

    assertThat(s.filesystemType()).contains("drbd");
    assertThat(s.signatures()).containsExactly("drbd", "ext4");
  }

  @Test
  void aZeroedDeviceIsBlank() {
    DiskSignatures s = captured("blank", "/dev/loop6");

    assertThat(s.filesystemType()).isEmpty();
    assertThat(s.signatures()).isEmpty();
    assertThat(s.blank()).isTrue();
    assertThat(DiskSignatures.probeAnswered(DiskSignatures.BLKID_NOTHING_FOUND, 0)).isTrue();
  }

  @Test
  void failedCommandsAreNotAnAnswer() {
    assertThat(DiskSignatures.probeAnswered(4, 0)).as("blkid usage or open error").isFalse();
    assertThat(DiskSignatures.probeAnswered(0, 1)).isFalse();
    assertThat(DiskSignatures.probeAnswered(0, 0)).isTrue();
  }

  @Test
  void unescapesBlkidExportValues() {
    DiskSignatures s =
        DiskSignatures.parse("/dev/sdb", "DEVNAME=/dev/sdb\nLABEL=my\\ data\nTYPE=xfs\n", "");

    assertThat(s.label()).contains("my data");
    assertThat(s.blank()).as("blkid found xfs even if wipefs said nothing").isFalse();
  }

  @Test
  void acceptsOldUtilLinuxHeaderAndLabelsWithCommas() {
    String wipefs = "# offset,uuid,label,type\n0x438,3f1c2b9e,a,b,ext4\n";

    assertThat(DiskSignatures.parse("/dev/sdb", "", wipefs).signatures()).containsExactly("ext4");
  }

  @Test
  void partialOutputKeepsTheReadableLines() {
    DiskSignatures s =
        DiskSignatures.parse("/dev/sdb", "DEVNAME=/dev/sdb\nTYPE=ext4\nUS", "0x438,u,l,ext4\n0x2");

    assertThat(s.filesystemType()).contains("ext4");
    assertThat(s.signatures()).containsExactly("ext4");
  }

  @Test
  void rejectsTheOtherOutputForms() {
    assertThatThrownBy(
            () ->
                DiskSignatures.parse(
                    "/dev/loop3", "/dev/loop3: VERSION=\"v09\" TYPE=\"drbd\" USAGE=\"raid\"\n", ""))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(
            () ->
                DiskSignatures.parse(
                    "/dev/loop4",
                    "",
                    "DEVICE OFFSET TYPE UUID LABEL\nloop4  0x438  ext4 3f1c2b9e data1\n"))
        .isInstanceOf(IllegalArgumentException.class);
  }

  /** The kernel lab's real disks: a blank virtio disk, DRBD 8.4 metadata on it, the DRBD device. */
  private static DiskSignatures kernelLab(String device, String name) {
    return DiskSignatures.parse(
        device,
        Captured.read("kernel-lab/drbd-lab/ta-blkid-" + name + ".txt"),
        Captured.read("kernel-lab/drbd-lab/ta-wipefs-" + name + ".txt"));
  }

  @Test
  void aRealBlankDiskAndAnUnwrittenDrbdDevice() {
    // blkid exited 2 and wipefs 0, printing nothing, for both (see the files' headers)
    assertThat(DiskSignatures.probeAnswered(2, 0)).isTrue();
    for (String[] disk :
        new String[][] {{"/dev/vda", "vda-blank"}, {"/dev/drbd0", "drbd0-empty"}}) {
      DiskSignatures s = kernelLab(disk[0], disk[1]);

      assertThat(s.blank()).as(disk[1]).isTrue();
      assertThat(s.filesystemType()).as(disk[1]).isEmpty();
      assertThat(s.signatures()).as(disk[1]).isEmpty();
    }
  }

  /** drbdadm create-md on a real disk: blkid reports the metadata's UUID, unlike drbdmeta's. */
  @Test
  void realDrbd84MetadataWrittenByDrbdadm() {
    DiskSignatures s = kernelLab("/dev/vda", "vda-drbd-md");

    assertThat(s.filesystemType()).contains("drbd");
    assertThat(s.uuid()).contains("19718e01b29818f4");
    assertThat(s.signatures()).containsExactly("drbd");
    assertThat(s.blank()).isFalse();
  }

  private static DiskSignatures harness(String device, String node, String name) {
    return DiskSignatures.parse(
        device,
        Captured.read("kernel-lab/harness/" + node + "-blkid-" + name + ".txt"),
        Captured.read("kernel-lab/harness/" + node + "-wipefs-" + name + ".txt"));
  }

  /**
   * The kernel lab's converged volume: on the Secondary's backing disk blkid sees only the DRBD
   * metadata, wipefs also the LVM PV that DRBD carries; the Primary's DRBD device is that PV.
   */
  @Test
  void aRealBackingDiskHidesTheLvmPhysicalVolumeFromBlkidOnly() {
    DiskSignatures backing = harness("/dev/vdb", "ta", "backing");
    DiskSignatures device = harness("/dev/drbd0", "tb", "drbd0");

    assertThat(backing.filesystemType()).contains("drbd");
    assertThat(backing.uuid()).contains("608878dca110a17a");
    assertThat(backing.signatures()).containsExactly("drbd", "LVM2_member");
    assertThat(device.filesystemType()).contains("LVM2_member");
    assertThat(device.uuid()).contains("KGdyQy-PACr-fXmi-rFe0-1x41-0yyi-W1FYiq");
    assertThat(device.signatures()).containsExactly("LVM2_member");
  }

  /** The kernel lab initiator's multipath device after mkfs.ocfs2, by its by-id path. */
  @Test
  void realOcfs2OnAMultipathMap() {
    String device = "/dev/disk/by-id/dm-uuid-mpath-360014055e1f0c2a0d0b4d5e9a6b00000";
    DiskSignatures s =
        DiskSignatures.parse(
            device,
            Captured.read("kernel-lab/initiator/ini-blkid-mpath.txt"),
            Captured.read("kernel-lab/initiator/ini-wipefs-mpath.txt"));

    assertThat(s.filesystemType()).contains("ocfs2");
    assertThat(s.label()).contains("labvol");
    assertThat(s.uuid()).contains("e41ab459-3ae7-4e44-9004-e138583442e1");
    assertThat(s.signatures()).containsExactly("ocfs2");
    assertThat(s.blank()).isFalse();
  }
}
