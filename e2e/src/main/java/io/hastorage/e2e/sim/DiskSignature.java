package io.hastorage.e2e.sim;

import java.util.Objects;
import java.util.Optional;

/**
 * Something written on a simulated block device that {@code blkid -p} and {@code wipefs} find, with
 * the values they report (as in the captures under operator/src/test/resources/captured/drbd).
 *
 * @param type blkid's TYPE (ext4, LVM2_member, drbd)
 * @param usage blkid's USAGE (filesystem or raid)
 * @param version blkid's VERSION
 * @param uuid blkid's UUID, or empty
 * @param label blkid's LABEL, or empty
 * @param blockSize blkid's BLOCK_SIZE (filesystems only), or 0 for none
 * @param offset the byte offset wipefs prints
 */
public record DiskSignature(
    String type,
    String usage,
    String version,
    Optional<String> uuid,
    Optional<String> label,
    int blockSize,
    long offset) {

  public DiskSignature {
    Objects.requireNonNull(type, "type");
    Objects.requireNonNull(usage, "usage");
    Objects.requireNonNull(version, "version");
    Objects.requireNonNull(uuid, "uuid");
    Objects.requireNonNull(label, "label");
  }

  /** An ext4 filesystem (mkfs.ext4 -L label -U uuid): superblock magic at 0x438. */
  public static DiskSignature ext4(String label, String uuid) {
    return new DiskSignature(
        "ext4", "filesystem", "1.0", Optional.of(uuid), Optional.of(label), 4096, 0x438);
  }

  /** An LVM physical volume label (pvcreate): found at 0x218. */
  public static DiskSignature lvm2Member(String uuid) {
    return new DiskSignature(
        "LVM2_member", "raid", "LVM2 001", Optional.of(uuid), Optional.empty(), 0, 0x218);
  }

  /**
   * DRBD internal metadata ({@code drbdmeta ... v08|v09 DEV internal create-md}) on a disk of
   * {@code diskBytes}: the superblock's magic sits 0x3c into the last 4 KiB.
   */
  public static DiskSignature drbd(String version, long diskBytes) {
    return new DiskSignature(
        "drbd", "raid", version, Optional.empty(), Optional.empty(), 0, diskBytes - 4096 + 0x3c);
  }

  /** Whether blkid ranks this signature first (RAID-like superblocks win over filesystems). */
  public boolean raid() {
    return usage.equals("raid");
  }
}
