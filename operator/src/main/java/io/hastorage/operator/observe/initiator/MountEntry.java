package io.hastorage.operator.observe.initiator;

import java.util.ArrayList;
import java.util.List;

/** One line of /proc/mounts, with the kernel's octal escapes (\040 for a space) undone. */
public record MountEntry(String device, String mountPoint, String type, List<String> options) {

  public MountEntry {
    options = List.copyOf(options);
  }

  public static List<MountEntry> parseProcMounts(String text) {
    List<MountEntry> mounts = new ArrayList<>();
    for (String line : text.split("\n")) {
      String[] f = line.strip().split("\\s+");
      if (f.length < 4) {
        continue;
      }
      mounts.add(new MountEntry(unescape(f[0]), unescape(f[1]), f[2], List.of(f[3].split(","))));
    }
    return List.copyOf(mounts);
  }

  static String unescape(String field) {
    StringBuilder out = new StringBuilder(field.length());
    for (int i = 0; i < field.length(); i++) {
      char c = field.charAt(i);
      if (c == '\\' && i + 3 < field.length() && isOctal(field, i + 1)) {
        out.append((char) Integer.parseInt(field.substring(i + 1, i + 4), 8));
        i += 3;
      } else {
        out.append(c);
      }
    }
    return out.toString();
  }

  private static boolean isOctal(String s, int from) {
    for (int i = from; i < from + 3; i++) {
      if (s.charAt(i) < '0' || s.charAt(i) > '7') {
        return false;
      }
    }
    return true;
  }
}
