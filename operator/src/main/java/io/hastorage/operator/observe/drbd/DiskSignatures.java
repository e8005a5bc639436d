package io.hastorage.operator.observe.drbd;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * What is already written on a block device, as seen by {@code blkid -p -o export DEVICE} and
 * {@code wipefs --no-act --parsable DEVICE}: the guard before {@code drbdadm create-md}, {@code
 * pvcreate} or {@code mkfs} on it.
 *
 * <p>Both tools are needed. {@code blkid -p} reports one winner (DRBD metadata hides an ext4
 * filesystem that is still on the disk), while wipefs lists every signature it finds. {@code -p}
 * probes the device itself instead of trusting blkid's cache. The {@code --parsable} form (offset,
 * uuid, label, type) exists in util-linux 2.23 (CentOS 7) and 2.38 alike; {@code --json} does not.
 *
 * @param device the device the caller probed
 * @param filesystemType blkid's TYPE (a filesystem, or drbd, LVM2_member, ...)
 * @param uuid blkid's UUID
 * @param label blkid's LABEL
 * @param signatures the type of every signature wipefs found, in its order
 * @param blank blkid printed nothing about the device and wipefs found no signature
 */
public record DiskSignatures(
    String device,
    Optional<String> filesystemType,
    Optional<String> uuid,
    Optional<String> label,
    List<String> signatures,
    boolean blank) {

  /** blkid's exit code when it found nothing to report. */
  public static final int BLKID_NOTHING_FOUND = 2;

  private static final Pattern EXPORT_LINE = Pattern.compile("^[A-Z_]+=.*");

  public DiskSignatures {
    Objects.requireNonNull(device);
    Objects.requireNonNull(filesystemType);
    Objects.requireNonNull(uuid);
    Objects.requireNonNull(label);
    signatures = List.copyOf(signatures);
  }

  /**
   * Whether the two commands' exit codes mean they answered. Empty output means "blank" only then,
   * and only wipefs's code tells: blkid -p exits 2 both when it found nothing and when it could not
   * open the device (seen on a real DRBD 8.4 Secondary, whose /dev/drbd0 refuses to open: blkid
   * exit 2, wipefs exit 1, both silent on stdout). A caller must check this before trusting {@link
   * #blank()}.
   */
  public static boolean probeAnswered(int blkidExit, int wipefsExit) {
    return (blkidExit == 0 || blkidExit == BLKID_NOTHING_FOUND) && wipefsExit == 0;
  }

  /**
   * Parses both outputs. Unknown lines are skipped; throws {@link IllegalArgumentException} only
   * when a non-empty output has no line at all in the expected form (e.g. blkid's default {@code
   * DEVICE: KEY="v"} form, or wipefs's table).
   */
  public static DiskSignatures parse(String device, String blkidExport, String wipefsParsable) {
    Map<String, String> blkid = blkidExport(blkidExport);
    List<String> signatures = wipefsTypes(wipefsParsable);
    boolean blkidFoundNothing = blkid.keySet().stream().allMatch("DEVNAME"::equals);
    return new DiskSignatures(
        device,
        Optional.ofNullable(blkid.get("TYPE")),
        Optional.ofNullable(blkid.get("UUID")),
        Optional.ofNullable(blkid.get("LABEL")),
        signatures,
        blkidFoundNothing && signatures.isEmpty());
  }

  private static Map<String, String> blkidExport(String text) {
    Map<String, String> values = new LinkedHashMap<>();
    for (String line : text.split("\n")) {
      if (EXPORT_LINE.matcher(line).matches()) {
        int eq = line.indexOf('=');
        values.putIfAbsent(line.substring(0, eq), unescape(line.substring(eq + 1)));
      }
    }
    if (values.isEmpty() && !text.isBlank()) {
      throw new IllegalArgumentException("not blkid -o export output: no KEY=value line");
    }
    return values;
  }

  /** blkid -o export escapes shell-special characters with a backslash ("LVM2\ 001"). */
  private static String unescape(String value) {
    StringBuilder out = new StringBuilder(value.length());
    for (int i = 0; i < value.length(); i++) {
      char c = value.charAt(i);
      if (c == '\\' && i + 1 < value.length()) {
        c = value.charAt(++i);
      }
      out.append(c);
    }
    return out.toString();
  }

  /** Lines are "offset,uuid,label,type"; a label may hold commas, so type is the last field. */
  private static List<String> wipefsTypes(String text) {
    List<String> types = new ArrayList<>();
    boolean sawLine = false;
    for (String line : text.split("\n")) {
      String trimmed = line.strip();
      if (trimmed.isEmpty() || trimmed.startsWith("#")) { // util-linux 2.23 prints a # header
        sawLine |= trimmed.startsWith("# offset");
        continue;
      }
      if (trimmed.startsWith("0x") && trimmed.chars().filter(ch -> ch == ',').count() >= 3) {
        types.add(trimmed.substring(trimmed.lastIndexOf(',') + 1));
        sawLine = true;
      }
    }
    if (!sawLine && !text.isBlank()) {
      throw new IllegalArgumentException("not wipefs --parsable output: no offset,uuid,label,type");
    }
    return types;
  }
}
