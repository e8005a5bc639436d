package io.hastorage.e2e.sim.initiator;

import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Locale;

/**
 * {@code debugfs.ocfs2 -R stats} of a volume, line for line as ocfs2-tools 1.8.7 prints the
 * superblock (operator/src/test/resources/captured/initiator/debugfs-stats.txt). Hash, seeds and
 * generation are derived from the UUID so the output is stable.
 */
final class DebugfsStats {

  private static final DateTimeFormatter CTIME =
      DateTimeFormatter.ofPattern("EEE MMM ppd HH:mm:ss yyyy", Locale.ROOT)
          .withZone(ZoneOffset.UTC);
  private static final DateTimeFormatter CTIME_FRACTION =
      DateTimeFormatter.ofPattern("EEE MMM ppd HH:mm:ss.0 yyyy", Locale.ROOT)
          .withZone(ZoneOffset.UTC);

  private DebugfsStats() {}

  static String render(Ocfs2Volume v) {
    String uuid = v.uuid().replace("-", "").toUpperCase(Locale.ROOT);
    long seed = Long.parseUnsignedLong(uuid.substring(0, 8), 16);
    long hash = Long.parseUnsignedLong(uuid.substring(8, 16), 16);
    long generation = Long.parseUnsignedLong(uuid.substring(16, 24), 16);
    long seconds = v.created().getEpochSecond();
    String check = CTIME.format(v.created());
    String time = String.format("0x%x 0x0 -- %s", seconds, CTIME_FRACTION.format(v.created()));
    return String.join(
            "\n\t",
            "\tRevision: 0.90",
            "Mount Count: 0   Max Mount Count: 20",
            "State: 0   Errors: 0",
            "Check Interval: 0   Last Check: " + check,
            "Creator OS: 0",
            "Feature Compat: 3 backup-super strict-journal-super",
            "Feature Incompat: 63312 sparse extended-slotmap inline-data xattr indexed-dirs"
                + " refcount discontig-bg clusterinfo append-dio",
            "Tunefs Incomplete: 0 ",
            "Feature RO compat: 1 unwritten",
            "Root Blknum: 5   System Dir Blknum: 6",
            "First Cluster Group Blknum: 3",
            "Block Size Bits: "
                + bits(v.blockSize())
                + "   Cluster Size Bits: "
                + bits(v.clusterSize()),
            "Max Node Slots: " + v.slots(),
            "Extended Attributes Inline Size: 256",
            "Label: " + v.label(),
            "UUID: " + uuid,
            String.format("Hash: %d (0x%x)", hash, hash),
            String.format(
                "DX Seeds: %d %d %d (0x%08x 0x%08x 0x%08x)",
                seed, hash, generation, seed, hash, generation),
            "Cluster stack: " + v.clusterStack(),
            "Cluster name: " + v.clusterName(),
            "Cluster flags: 0 ",
            String.format("Inode: 2   Mode: 00   Generation: %d (0x%x)", generation, generation),
            String.format("FS Generation: %d (0x%x)", generation, generation),
            "CRC32: 00000000   ECC: 0000",
            "Type: Unknown   Attr: 0x0   Flags: Valid System Superblock ",
            "Dynamic Features: (0x0) ",
            "User: 0 (root)   Group: 0 (root)   Size: 0",
            "Links: 0   Clusters: " + v.clusters(),
            "ctime: " + time,
            "atime: 0x0 0x0 -- Thu Jan  1 00:00:00.0 1970",
            "mtime: " + time,
            "dtime: 0x0 -- Thu Jan  1 00:00:00 1970",
            "Refcount Block: 0",
            "Last Extblk: 0   Orphan Slot: 0",
            "Sub Alloc Slot: Global   Sub Alloc Bit: 65535")
        + "\n";
  }

  static int bits(int size) {
    return Integer.numberOfTrailingZeros(size);
  }
}
