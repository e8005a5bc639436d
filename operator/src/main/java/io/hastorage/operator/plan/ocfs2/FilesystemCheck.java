package io.hastorage.operator.plan.ocfs2;

import io.hastorage.operator.observe.NodeFacts;
import io.hastorage.operator.observe.drbd.DiskSignatures;
import io.hastorage.operator.plan.drbd.DiskProbe;
import java.util.Optional;

/**
 * What the LUN's multipath device holds, judged for this Ocfs2Mount (blkid -p and wipefs, as before
 * DRBD's create-md):
 *
 * <ul>
 *   <li>{@link Verdict#BLANK}: nothing at all, and this mount never saw a file system on it: the
 *       only case mkfs.ocfs2 may run;
 *   <li>{@link Verdict#OURS}: OCFS2 with the spec's label, or with the UUID status recorded;
 *   <li>{@link Verdict#ADOPTED}: OCFS2 with another label, and spec.adoptExisting says use it;
 *   <li>{@link Verdict#FOREIGN}: OCFS2 with another label, not adopted;
 *   <li>{@link Verdict#IN_USE}: any other signature (ext4, LVM, a partition table...);
 *   <li>{@link Verdict#VANISHED}: blank, but status recorded a file system here: the LUN was wiped
 *       or is another one; formatting it would hide that;
 *   <li>{@link Verdict#UNKNOWN}: the tools did not answer.
 * </ul>
 */
public record FilesystemCheck(Verdict verdict, String message, Optional<DiskSignatures> found) {

  public enum Verdict {
    BLANK,
    OURS,
    ADOPTED,
    FOREIGN,
    IN_USE,
    VANISHED,
    UNKNOWN
  }

  public static final String UNKNOWN_REASON = "DeviceStateUnknown";
  public static final String IN_USE_REASON = "DeviceInUse";
  public static final String FOREIGN_REASON = "ForeignFilesystem";
  public static final String VANISHED_REASON = "FilesystemMissing";

  public boolean mountable() {
    return verdict == Verdict.OURS || verdict == Verdict.ADOPTED;
  }

  /** The reason a refusal carries for this verdict (empty for the usable ones). */
  public String reason() {
    return switch (verdict) {
      case UNKNOWN -> UNKNOWN_REASON;
      case IN_USE -> IN_USE_REASON;
      case FOREIGN -> FOREIGN_REASON;
      case VANISHED -> VANISHED_REASON;
      default -> "";
    };
  }

  public static FilesystemCheck of(
      NodeFacts facts, String device, String label, boolean adopt, Optional<String> knownUuid) {
    String where = facts.nodeName() + ": " + device;
    Optional<DiskSignatures> found = DiskProbe.signatures(facts, device);
    if (found.isEmpty()) {
      return new FilesystemCheck(
          Verdict.UNKNOWN,
          where
              + " could not be probed (blkid/wipefs did not answer); nothing is formatted or"
              + " mounted on a device whose content is unknown",
          found);
    }
    DiskSignatures disk = found.get();
    if (disk.blank()) {
      return knownUuid.isPresent()
          ? new FilesystemCheck(
              Verdict.VANISHED,
              where
                  + " is blank, but this Ocfs2Mount's file system "
                  + knownUuid.get()
                  + " was on it: refusing to format again (was the LUN wiped or replaced?)",
              found)
          : new FilesystemCheck(Verdict.BLANK, where + " is blank", found);
    }
    boolean ocfs2 =
        disk.filesystemType().filter("ocfs2"::equals).isPresent()
            && disk.signatures().stream().allMatch("ocfs2"::equals);
    if (!ocfs2) {
      return new FilesystemCheck(
          Verdict.IN_USE,
          where + " holds " + describe(disk) + "; refusing mkfs.ocfs2 (never run with -F)",
          found);
    }
    boolean labelled = disk.label().filter(label::equals).isPresent();
    boolean known =
        knownUuid.isPresent() && disk.uuid().filter(knownUuid.get()::equalsIgnoreCase).isPresent();
    if (labelled || known) {
      return new FilesystemCheck(Verdict.OURS, where + " holds this mount's OCFS2", found);
    }
    return adopt
        ? new FilesystemCheck(
            Verdict.ADOPTED, where + " holds OCFS2 " + describe(disk) + ", adopted", found)
        : new FilesystemCheck(
            Verdict.FOREIGN,
            where
                + " holds another OCFS2 file system ("
                + describe(disk)
                + ", expected label "
                + label
                + "); set spec.adoptExisting to use it as it is",
            found);
  }

  static String describe(DiskSignatures disk) {
    StringBuilder text =
        new StringBuilder(
            disk.signatures().isEmpty()
                ? disk.filesystemType().orElse("a signature")
                : String.join("+", disk.signatures()));
    disk.label().ifPresent(l -> text.append(" label ").append(l));
    disk.uuid().ifPresent(u -> text.append(" UUID ").append(u));
    return text.toString();
  }
}
