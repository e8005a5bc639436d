package io.hastorage.e2e.sim.initiator;

/**
 * A SCSI disk ({@code /dev/sdX}) one session attached for one LUN: one path to the LUN. Its size is
 * what the kernel read at attach time or at the last rescan. Mutable under the SAN's lock.
 */
final class ScsiDisk {

  /** Majors of the sd driver: 16 disks each (sda..sdp on 8, then 65..71, then 128..135). */
  private static final int[] MAJORS = {8, 65, 66, 67, 68, 69, 70, 71, 128, 129, 130, 131, 132};

  final LunId lun;
  final int index;
  final Fabric.ServedLun inquiry;
  long sizeBytes;

  ScsiDisk(LunId lun, int index, Fabric.ServedLun inquiry, long sizeBytes) {
    this.lun = lun;
    this.index = index;
    this.inquiry = inquiry;
    this.sizeBytes = sizeBytes;
  }

  /** {@code sda} for index 0, {@code sdz} for 25, {@code sdaa} for 26, as the kernel names them. */
  static String name(int index) {
    StringBuilder suffix = new StringBuilder();
    for (int i = index; i >= 0; i = i / 26 - 1) {
      suffix.insert(0, (char) ('a' + i % 26));
    }
    return "sd" + suffix;
  }

  String name() {
    return name(index);
  }

  String majorMinor() {
    int group = index / 16;
    if (group >= MAJORS.length) {
      throw new IllegalStateException("more SCSI disks than the simulation numbers: " + index);
    }
    return MAJORS[group] + ":" + (index % 16) * 16;
  }
}
