package io.hastorage.operator.plan.drbd;

import io.hastorage.operator.observe.NodeFacts;
import io.hastorage.operator.observe.ProbeItem;
import io.hastorage.operator.observe.ProbeRequest;
import io.hastorage.operator.observe.ProbeSection;
import io.hastorage.operator.observe.drbd.DiskSignatures;
import io.hastorage.operator.plan.ManagedFiles;
import java.util.Optional;

/**
 * Read-only probe items that tell what a block device holds. Both tools are needed: blkid -p
 * reports only the outermost signature (a disk with DRBD metadata written over ext4 shows as
 * "drbd"), while wipefs lists every signature it finds. Items are named by a hash of the path, so
 * any validated device path maps to a valid, stable item name.
 */
public final class DiskProbe {

  private DiskProbe() {}

  public static ProbeRequest request(String device) {
    return ProbeRequest.ofItems(
        ProbeItem.of(blkidItem(device), "blkid", "-p", "-o", "export", "--", device),
        ProbeItem.of(wipefsItem(device), "wipefs", "--no-act", "--parsable", "--", device));
  }

  /** What the device holds, or empty when either tool did not answer (then nothing is known). */
  public static Optional<DiskSignatures> signatures(NodeFacts facts, String device) {
    Optional<ProbeSection> blkid = facts.raw().section(blkidItem(device));
    Optional<ProbeSection> wipefs = facts.raw().section(wipefsItem(device));
    if (blkid.isEmpty()
        || wipefs.isEmpty()
        || !DiskSignatures.probeAnswered(blkid.get().exitCode(), wipefs.get().exitCode())) {
      return Optional.empty();
    }
    try {
      return Optional.of(DiskSignatures.parse(device, blkid.get().output(), wipefs.get().output()));
    } catch (IllegalArgumentException e) {
      return Optional.empty(); // output in an unknown form: treat as not known, never as blank
    }
  }

  private static String blkidItem(String device) {
    return "blkid-" + suffix(device);
  }

  private static String wipefsItem(String device) {
    return "wipefs-" + suffix(device);
  }

  private static String suffix(String device) {
    return ManagedFiles.sha256(device).substring(0, 12);
  }
}
