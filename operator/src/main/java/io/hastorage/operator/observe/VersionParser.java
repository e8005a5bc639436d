package io.hastorage.operator.observe;

import java.util.EnumMap;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Reads tool versions out of what each tool prints about itself. */
final class VersionParser {

  private static final Pattern DRBDADM_VERSION = Pattern.compile("(?m)^DRBDADM_VERSION=(\\S+)$");
  private static final Pattern DRBD_KERNEL = Pattern.compile("(?m)^DRBD_KERNEL_VERSION=(\\S+)$");
  private static final Pattern DRBD_KERNEL_CODE =
      Pattern.compile("(?m)^DRBD_KERNEL_VERSION_CODE=0x([0-9a-fA-F]{1,6})$");
  private static final Pattern PROC_DRBD = Pattern.compile("(?m)^version: (\\S+) \\(api:");
  private static final Pattern COROSYNC = Pattern.compile("version '([^']+)'");
  private static final Pattern PACEMAKER = Pattern.compile("(?m)^Pacemaker (\\S+)");
  private static final Pattern ISCSIADM = Pattern.compile("(?m)^iscsiadm version (\\S+)");
  private static final Pattern SCST = Pattern.compile("^\\s*(\\S+)");

  private VersionParser() {}

  static Map<Tool, String> parse(ProbeOutput probe) {
    Map<Tool, String> versions = new EnumMap<>(Tool.class);
    find(probe, NodeProbe.DRBDADM, DRBDADM_VERSION)
        .ifPresent(v -> versions.put(Tool.DRBD_UTILS, v));
    // The loaded module's own word wins; drbdadm only knows it when the module is loaded.
    find(probe, NodeProbe.PROC_DRBD, PROC_DRBD)
        .or(() -> find(probe, NodeProbe.DRBDADM, DRBD_KERNEL))
        .or(() -> find(probe, NodeProbe.DRBDADM, DRBD_KERNEL_CODE).flatMap(VersionParser::decode))
        .ifPresent(v -> versions.put(Tool.DRBD_KERNEL, v));
    find(probe, NodeProbe.SCST, SCST).ifPresent(v -> versions.put(Tool.SCST, v));
    find(probe, NodeProbe.COROSYNC, COROSYNC).ifPresent(v -> versions.put(Tool.COROSYNC, v));
    find(probe, NodeProbe.PACEMAKER, PACEMAKER).ifPresent(v -> versions.put(Tool.PACEMAKER, v));
    find(probe, NodeProbe.ISCSIADM, ISCSIADM).ifPresent(v -> versions.put(Tool.OPEN_ISCSI, v));
    return versions;
  }

  /**
   * drbd-utils 9 in front of an 8.4 module (it runs drbdadm-84) prints no DRBD_KERNEL_VERSION line,
   * only DRBD_KERNEL_VERSION_CODE=0x08040b (seen in the kernel lab: 8.4.11, drbd-utils 9.22).
   */
  private static Optional<String> decode(String hex) {
    int code = Integer.parseInt(hex, 16);
    return code == 0
        ? Optional.empty()
        : Optional.of((code >> 16) + "." + ((code >> 8) & 0xff) + "." + (code & 0xff));
  }

  private static Optional<String> find(ProbeOutput probe, String section, Pattern pattern) {
    // Some tools exit non-zero after printing their version (drbdadm without the module).
    return probe
        .section(section)
        .filter(s -> !s.commandMissing())
        .map(ProbeSection::output)
        .map(pattern::matcher)
        .filter(Matcher::find)
        .map(m -> m.group(1))
        .filter(v -> !v.equals("0")); // drbdadm prints DRBD_KERNEL_VERSION=0 without the module
  }
}
