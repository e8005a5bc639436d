package io.hastorage.e2e.sim.drbd;

import io.hastorage.e2e.sim.DiskSignature;
import io.hastorage.e2e.sim.ExecOutcome;
import io.hastorage.e2e.sim.SimulatedNode;
import java.util.List;

/**
 * {@code drbdadm create-md RES}: drbdmeta writes internal metadata (v08 under a DRBD 8.4 kernel
 * module, v09 otherwise) at the end of this node's backing disk, and refuses, in drbdmeta's words,
 * when the disk already holds a filesystem, a PV or DRBD metadata.
 */
final class CreateMd {

  private final DrbdReplication replication;

  CreateMd(DrbdReplication replication) {
    this.replication = replication;
  }

  /** The usable size DRBD leaves with internal metadata: up to the bitmap's offset, in KiB. */
  static long usableKiB(long diskBytes) {
    return bitmapOffset(diskBytes) >> 10;
  }

  private static long bitmapOffset(long diskBytes) {
    long bitmapBytes = ((diskBytes / 4096 + 7) / 8 + 4095) / 4096 * 4096;
    return diskBytes - 4096 - 32768 - bitmapBytes;
  }

  ExecOutcome run(SimulatedNode node, ResFile res) {
    long diskBytes = node.disks().size(res.disk()).orElse(-1);
    String version = Drbdmeta.version(node);
    String drbdmeta =
        Drbdmeta.commandLine(res, version, "create-md") + (version.equals("v09") ? " 1" : "");
    if (diskBytes < 0) {
      return Drbdmeta.noDisk(drbdmeta, res);
    }
    if (replication.sideUp(node.name(), res.resource())) {
      return Drbdmeta.configured(drbdmeta, res);
    }
    List<DiskSignature> found = node.disks().signatures(res.disk());
    if (!found.isEmpty()) {
      return refuse(drbdmeta, found.get(0), res.disk(), diskBytes);
    }
    node.disks().sign(res.disk(), DiskSignature.drbd(version, diskBytes));
    replication.metadataCreated(node.name(), res, usableKiB(diskBytes));
    return ExecOutcome.ok(
        "initializing activity log\n"
            + "initializing bitmap ("
            + (diskBytes / 4096 / 8 >> 10)
            + " KB) to all zero\n"
            + "Writing meta data...\n"
            + "New drbd meta data block successfully created.\n"
            + "success\n");
  }

  private static ExecOutcome refuse(String drbdmeta, DiskSignature sig, String disk, long bytes) {
    if (sig.type().equals("drbd")) {
      String out =
          "You want me to create a "
              + sig.version()
              + " style flexible-size internal"
              + " meta data block.\nThere appears to be a "
              + sig.version()
              + " flexible-size internal"
              + " meta data block\nalready in place on "
              + disk
              + " at byte offset "
              + (bytes - 4096)
              + "\n\nDo you really want to overwrite the existing meta-data?\n"
              + "[need to type 'yes' to confirm] Operation canceled.\n";
      return Drbdmeta.failed(drbdmeta, 1, out, "");
    }
    long mdOffset = bytes - 4096;
    String what =
        sig.type().equals("LVM2_member")
            ? "LVM2 physical volume signature"
            : sig.type() + " filesystem";
    String out =
        "md_offset "
            + mdOffset
            + "\nal_offset "
            + (mdOffset - 32768)
            + "\nbm_offset "
            + bitmapOffset(bytes)
            + "\n\nFound "
            + what
            + "\n"
            + String.format("%12d kB data area apparently used\n", bytes >> 10)
            + String.format("%12d kB left usable by current configuration\n", usableKiB(bytes))
            + "\nDevice size would be truncated, which\nwould corrupt data and result in\n"
            + "'access beyond end of device' errors.\nYou need to either\n"
            + "   * use external meta data (recommended)\n   * shrink that filesystem first\n"
            + "   * zero out the device (destroy the filesystem)\nOperation refused.\n\n";
    return Drbdmeta.failed(drbdmeta, 40, out, "");
  }
}
