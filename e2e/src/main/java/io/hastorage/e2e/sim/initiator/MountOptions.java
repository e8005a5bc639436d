package io.hastorage.e2e.sim.initiator;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * The options /proc/mounts shows for an OCFS2 mount, after {@code rw}: the VFS atime flag (relatime
 * unless fstab says otherwise), the fstab options mount(8) passes on, then the OCFS2 defaults the
 * kernel reports that fstab did not override
 * (operator/src/test/resources/captured/initiator/proc-mounts.txt).
 */
final class MountOptions {

  private static final Set<String> USERSPACE_ONLY =
      Set.of("defaults", "rw", "auto", "noauto", "nofail", "user", "nouser", "users", "owner");
  private static final Set<String> ATIME =
      Set.of("noatime", "relatime", "strictatime", "atime", "norelatime", "nostrictatime");
  private static final List<String> OCFS2_DEFAULTS =
      List.of(
          "heartbeat=local",
          "nointr",
          "data=ordered",
          "errors=remount-ro",
          "atime_quantum=60",
          "coherency=full",
          "user_xattr",
          "acl");

  private MountOptions() {}

  static String of(String fstabOptions) {
    List<String> given = new ArrayList<>();
    for (String option : fstabOptions.split(",")) {
      if (!option.isEmpty()
          && !USERSPACE_ONLY.contains(option)
          && !option.startsWith("x-")
          && !option.startsWith("comment=")) {
        given.add(option);
      }
    }
    List<String> shown = new ArrayList<>();
    if (given.stream().noneMatch(ATIME::contains)) {
      shown.add("relatime");
    }
    shown.addAll(given);
    for (String option : OCFS2_DEFAULTS) {
      if (given.stream().noneMatch(g -> overrides(g, option))) {
        shown.add(option);
      }
    }
    return String.join(",", shown);
  }

  /** {@code errors=panic} overrides errors=remount-ro, {@code intr} nointr, {@code noacl} acl. */
  private static boolean overrides(String given, String option) {
    String key = option.contains("=") ? option.substring(0, option.indexOf('=') + 1) : option;
    String base = key.startsWith("no") ? key.substring(2) : key;
    return given.startsWith(key) || given.equals(base) || given.equals("no" + base);
  }
}
