package io.hastorage.operator.observe.initiator;

import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The OCFS2 superblock as {@code debugfs.ocfs2 -R stats DEVICE} prints it: what the growth check
 * needs (the file system's size: clusters x cluster size) and the slots, label and UUID.
 */
public record Ocfs2Superblock(
    int blockSizeBits, int clusterSizeBits, long clusters, int slots, String label, String uuid) {

  private static final Pattern BITS =
      Pattern.compile("Block Size Bits:\\s+(\\d+)\\s+Cluster Size Bits:\\s+(\\d+)");
  private static final Pattern CLUSTERS = Pattern.compile("\\bClusters:\\s+(\\d+)\\s*$");
  private static final Pattern SLOTS = Pattern.compile("Max Node Slots:\\s+(\\d+)");
  private static final Pattern LABEL = Pattern.compile("^\\s*Label:\\s*(.*)$");
  private static final Pattern UUID = Pattern.compile("^\\s*UUID:\\s*([0-9A-Fa-f]+)\\s*$");

  public long sizeBytes() {
    return clusters << clusterSizeBits;
  }

  /** Empty when the output lacks the superblock lines (not OCFS2, or another format). */
  public static Optional<Ocfs2Superblock> parse(String text) {
    Integer blockBits = null;
    Integer clusterBits = null;
    Long clusters = null;
    int slots = 0;
    String label = "";
    String uuid = "";
    for (String line : text.split("\n")) {
      Matcher m;
      if ((m = BITS.matcher(line)).find()) {
        blockBits = Integer.parseInt(m.group(1));
        clusterBits = Integer.parseInt(m.group(2));
      } else if ((m = SLOTS.matcher(line)).find()) {
        slots = Integer.parseInt(m.group(1));
      } else if (clusters == null
          && line.contains("Links:")
          && (m = CLUSTERS.matcher(line)).find()) {
        clusters = Long.parseLong(m.group(1)); // the superblock inode's: the volume's clusters
      } else if (label.isEmpty() && (m = LABEL.matcher(line)).matches()) {
        label = m.group(1).strip();
      } else if (uuid.isEmpty() && (m = UUID.matcher(line)).matches()) {
        uuid = m.group(1);
      }
    }
    if (blockBits == null || clusters == null) {
      return Optional.empty();
    }
    return Optional.of(new Ocfs2Superblock(blockBits, clusterBits, clusters, slots, label, uuid));
  }
}
