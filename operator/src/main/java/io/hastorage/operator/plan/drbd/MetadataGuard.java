package io.hastorage.operator.plan.drbd;

import io.hastorage.operator.observe.NodeFacts;
import io.hastorage.operator.observe.drbd.DiskSignatures;
import io.hastorage.operator.plan.Decision;
import io.hastorage.operator.plan.Guard;
import java.util.Optional;

/**
 * May {@code drbdadm create-md} run on this backing disk? A chain of checks, each refusing with its
 * own reason and a message naming node, disk and what was found:
 *
 * <ol>
 *   <li>the disk was probed (blkid and wipefs both answered): otherwise nothing is known, refused;
 *   <li>it holds no DRBD metadata: writing metadata again would reset the generation identifiers
 *       and the bitmap of existing replicated data, refused (the planner adopts such a disk instead
 *       of planning create-md);
 *   <li>it holds no other signature (file system, LVM, RAID, partition table), unless the spec
 *       explicitly adopts existing data, in which case internal metadata is written at the end of
 *       the disk as DRBD documents for converting a disk in use.
 * </ol>
 */
public final class MetadataGuard implements Guard {

  public static final String UNKNOWN = "DiskStateUnknown";
  public static final String HAS_METADATA = "DrbdMetadataPresent";
  public static final String IN_USE = "DiskInUse";

  private final String disk;
  private final boolean adoptExistingData;

  public MetadataGuard(String disk, boolean adoptExistingData) {
    this.disk = disk;
    this.adoptExistingData = adoptExistingData;
  }

  @Override
  public Decision check(NodeFacts facts) {
    Optional<DiskSignatures> found = DiskProbe.signatures(facts, disk);
    String where = facts.nodeName() + ": " + disk;
    if (found.isEmpty()) {
      return Decision.refuse(
          UNKNOWN,
          where
              + " could not be probed (blkid/wipefs did not answer);"
              + " DRBD metadata is not created on a disk whose content is unknown");
    }
    if (hasDrbdMetadata(found.get())) {
      return Decision.refuse(
          HAS_METADATA,
          where
              + " already holds DRBD metadata; creating it again"
              + " would discard its generation identifiers and bitmap");
    }
    if (!found.get().blank() && !adoptExistingData) {
      return Decision.refuse(
          IN_USE,
          where
              + " holds "
              + describe(found.get())
              + "; refusing drbdadm"
              + " create-md. Set spec.adoptExistingData only if this is the data to replicate");
    }
    return Decision.allow();
  }

  public static boolean hasDrbdMetadata(DiskSignatures signatures) {
    return signatures.signatures().contains("drbd")
        || signatures.filesystemType().filter("drbd"::equals).isPresent();
  }

  static String describe(DiskSignatures signatures) {
    StringBuilder text = new StringBuilder(String.join("+", signatures.signatures()));
    signatures
        .filesystemType()
        .filter(t -> !signatures.signatures().contains(t))
        .ifPresent(t -> text.append(text.length() > 0 ? "+" : "").append(t));
    signatures.label().ifPresent(l -> text.append(" label ").append(l));
    signatures.uuid().ifPresent(u -> text.append(" UUID ").append(u));
    return text.toString();
  }
}
