package io.hastorage.e2e.sim.initiator;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * /etc/fstab as mount(8) reads it: six whitespace-separated fields, octal escapes ({@code \040}).
 */
final class Fstab {

  static final String PATH = "/etc/fstab";

  /** One line: what to mount, where, as which type, with which options. */
  record Entry(String spec, String file, String type, String options) {}

  private Fstab() {}

  static List<Entry> parse(String text) {
    List<Entry> entries = new ArrayList<>();
    for (String line : text.split("\n")) {
      String trimmed = line.trim();
      if (trimmed.isEmpty() || trimmed.startsWith("#")) {
        continue;
      }
      String[] fields = trimmed.split("\\s+");
      if (fields.length < 2) {
        continue;
      }
      entries.add(
          new Entry(
              unescape(fields[0]),
              unescape(fields[1]),
              fields.length > 2 ? fields[2] : "auto",
              fields.length > 3 ? fields[3] : "defaults"));
    }
    return entries;
  }

  /** The last entry for a mount point (mount uses the last match). */
  static Optional<Entry> forMountPoint(String text, String mountPoint) {
    Optional<Entry> found = Optional.empty();
    for (Entry entry : parse(text)) {
      if (strip(entry.file()).equals(strip(mountPoint))) {
        found = Optional.of(entry);
      }
    }
    return found;
  }

  /** A path as /proc/mounts escapes it: space, tab, newline and backslash as octal. */
  static String escape(String path) {
    return path.replace("\\", "\\134")
        .replace(" ", "\\040")
        .replace("\t", "\\011")
        .replace("\n", "\\012");
  }

  private static String unescape(String field) {
    StringBuilder out = new StringBuilder();
    for (int i = 0; i < field.length(); i++) {
      char c = field.charAt(i);
      if (c == '\\'
          && i + 3 < field.length()
          && field.substring(i + 1, i + 4).matches("[0-7]{3}")) {
        out.append((char) Integer.parseInt(field.substring(i + 1, i + 4), 8));
        i += 3;
      } else {
        out.append(c);
      }
    }
    return out.toString();
  }

  private static String strip(String path) {
    return path.length() > 1 && path.endsWith("/") ? path.substring(0, path.length() - 1) : path;
  }
}
