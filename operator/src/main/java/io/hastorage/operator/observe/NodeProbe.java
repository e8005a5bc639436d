package io.hastorage.operator.observe;

import io.hastorage.operator.node.NodeLockScript;
import java.util.ArrayList;
import java.util.List;

/**
 * The fixed list of read-only commands one probe runs. Both package managers are asked; the one the
 * node lacks answers 127 and is ignored, so one exec works before the distro is known.
 */
public final class NodeProbe {

  static final String OS = "os";
  static final String UNAME = "uname";
  static final String DRBDADM = "drbdadm";
  static final String PROC_DRBD = "proc-drbd";
  static final String SCST = "scst";
  static final String COROSYNC = "corosync";
  static final String PACEMAKER = "pacemaker";
  static final String ISCSIADM = "iscsiadm";
  static final String MODULES = "modules";
  static final String DPKG = "dpkg";
  static final String RPM = "rpm";
  static final String SERVICES = "services";
  static final String FILES = "files";
  static final String CONTENT_PREFIX = "content-";
  static final String LOCK_GENERATION = "lock-generation";

  private NodeProbe() {}

  public static List<ProbeItem> items(ProbeRequest request) {
    List<ProbeItem> items = new ArrayList<>();
    // first, before any state: facts read after another instance's change began would otherwise
    // carry the generation that makes them look current (see NodeLockScript)
    items.add(ProbeItem.of(LOCK_GENERATION, "cat", NodeLockScript.GENERATION_FILE));
    items.add(ProbeItem.of(OS, "cat", "/etc/os-release"));
    items.add(ProbeItem.of(UNAME, "uname", "-n", "-r"));
    items.add(ProbeItem.of(DRBDADM, "drbdadm", "--version"));
    items.add(ProbeItem.of(PROC_DRBD, "cat", "/proc/drbd"));
    items.add(ProbeItem.of(SCST, "cat", "/sys/kernel/scst_tgt/version"));
    items.add(ProbeItem.of(COROSYNC, "corosync", "-v"));
    items.add(ProbeItem.of(PACEMAKER, "pacemakerd", "--version"));
    items.add(ProbeItem.of(ISCSIADM, "iscsiadm", "--version"));
    items.add(ProbeItem.of(MODULES, "cat", "/proc/modules"));
    if (!request.packages().isEmpty()) {
      items.add(
          withArgs(
              DPKG,
              request.packages(),
              "dpkg-query",
              "-W",
              "-f",
              "${Package}\\t${Version}\\t${db:Status-Abbrev}\\n"));
      items.add(
          withArgs(
              RPM, request.packages(), "rpm", "-q", "--qf", "%{NAME}\\t%{VERSION}-%{RELEASE}\\n"));
    }
    if (!request.services().isEmpty()) {
      items.add(
          withArgs(
              SERVICES,
              request.services(),
              "systemctl",
              "show",
              "--property=Id,LoadState,ActiveState,UnitFileState,WantedBy"));
    }
    if (!request.files().isEmpty()) {
      items.add(withArgs(FILES, request.files(), "sha256sum", "--"));
    }
    items.addAll(request.items().values());
    int index = 0;
    for (String path : request.contents()) {
      items.add(ProbeItem.of(contentItem(index++), "cat", "--", path));
    }
    return items;
  }

  /** The item name under which the n-th requested file content (sorted by path) is filed. */
  static String contentItem(int index) {
    return CONTENT_PREFIX + index;
  }

  private static ProbeItem withArgs(String name, Iterable<String> operands, String... command) {
    List<String> argv = new ArrayList<>(List.of(command));
    operands.forEach(argv::add);
    return new ProbeItem(name, argv);
  }
}
