package io.hastorage.e2e.sim.initiator;

/**
 * A dm-multipath map ({@code /dev/dm-N}, named by its WWID: no friendly names) over every path to
 * one LUN. Its size is the paths' size when multipathd created it or last resized it. Mutable under
 * the SAN's lock.
 */
final class MultipathMap {

  final String wwid;
  final LunId lun;
  final int minor;
  final Fabric.ServedLun inquiry;
  long sizeBytes;

  MultipathMap(LunId lun, int minor, Fabric.ServedLun inquiry, long sizeBytes) {
    this.wwid = lun.wwid();
    this.lun = lun;
    this.minor = minor;
    this.inquiry = inquiry;
    this.sizeBytes = sizeBytes;
  }

  /** {@code /dev/mapper/WWID}, as the kernel lists the device in /proc/mounts. */
  String mapperPath() {
    return "/dev/mapper/" + wwid;
  }
}
