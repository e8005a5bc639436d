package io.hastorage.e2e.sim.initiator;

import io.hastorage.e2e.sim.DiskSignature;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;

/**
 * An OCFS2 file system on a LUN, with what mkfs.ocfs2 wrote into its superblock.
 *
 * @param uuid lower-case with dashes, as blkid prints it
 * @param sizeBytes the file system's size (its clusters times the cluster size)
 * @param created when mkfs.ocfs2 ran (debugfs.ocfs2 prints it)
 */
public record Ocfs2Volume(
    String label,
    String uuid,
    int blockSize,
    int clusterSize,
    int slots,
    String clusterStack,
    String clusterName,
    long sizeBytes,
    Instant created) {

  public Ocfs2Volume {
    Objects.requireNonNull(label, "label");
    Objects.requireNonNull(uuid, "uuid");
    Objects.requireNonNull(clusterStack, "clusterStack");
    Objects.requireNonNull(clusterName, "clusterName");
    Objects.requireNonNull(created, "created");
    sizeBytes = sizeBytes - sizeBytes % clusterSize;
  }

  /** A volume as {@code mkfs.ocfs2 -L LABEL -N SLOTS --cluster-name=CLUSTER} makes it (4K/4K). */
  public static Ocfs2Volume formatted(String label, int slots, String cluster, long deviceBytes) {
    return new Ocfs2Volume(
        label,
        UUID.randomUUID().toString(),
        4096,
        4096,
        slots,
        "o2cb",
        cluster,
        deviceBytes,
        Instant.now());
  }

  public long clusters() {
    return sizeBytes / clusterSize;
  }

  /** The same file system grown (or not) to {@code deviceBytes}, as tunefs.ocfs2 -S does. */
  Ocfs2Volume resizedTo(long deviceBytes) {
    return new Ocfs2Volume(
        label,
        uuid,
        blockSize,
        clusterSize,
        slots,
        clusterStack,
        clusterName,
        deviceBytes,
        created);
  }

  /** What blkid and wipefs find: the superblock sits in block 2. */
  DiskSignature signature() {
    return new DiskSignature(
        "ocfs2",
        "filesystem",
        "0.90",
        Optional.of(uuid),
        Optional.of(label),
        blockSize,
        2L * blockSize);
  }
}
