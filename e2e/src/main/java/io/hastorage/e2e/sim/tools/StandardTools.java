package io.hastorage.e2e.sim.tools;

import io.hastorage.e2e.sim.Availability;
import io.hastorage.e2e.sim.SimulatedNode;
import io.hastorage.e2e.sim.SimulatedTools;
import java.util.List;
import java.util.Set;
import java.util.function.BiFunction;

/**
 * The tools every simulated node starts with: the shell plumbing, read-only inspection tools, the
 * package managers of each family, modprobe, systemctl (show, start/stop, enable/disable), pidof
 * and the version answers of the storage tools (which exist only once their package is installed).
 */
public final class StandardTools {

  /** Packages that provide drbdadm (names differ between distributions and DRBD generations). */
  public static final List<String> DRBD_UTILS =
      List.of("drbd-utils", "drbd84-utils", "drbd90-utils");

  /** Packages that provide iscsiadm. */
  public static final List<String> OPEN_ISCSI = List.of("open-iscsi", "iscsi-initiator-utils");

  private StandardTools() {}

  public static void registerAll(SimulatedTools tools) {
    CoreTools.registerAll(tools);
    WrapperTools.registerAll(tools);
    FileTools.registerAll(tools);
    ShTool sh = new ShTool();
    tools.register("sh", sh);
    tools.register("bash", sh);
    tools.register("uname", new UnameTool());
    tools.register("modprobe", new ModprobeTool());
    tools.register("systemctl", new SystemctlTool());
    tools.register("pidof", new PidofTool());
    tools.register("iptables", new IptablesTool());
    tools.register("pvs", Availability.anyPackage("lvm2"), new PvsTool());
    registerPackageManagers(tools);
    registerVersionTools(tools);
  }

  private static void registerPackageManagers(SimulatedTools tools) {
    AptGetTool apt = new AptGetTool();
    tools.register("apt-get", Availability.packageTool(), apt);
    tools.register("dpkg-query", Availability.packageTool(), new DpkgQueryTool());
    tools.register("rpm", Availability.packageTool(), new RpmTool());
    YumTool yum = new YumTool();
    tools.register("yum", Availability.packageTool(), yum);
    tools.register("dnf", Availability.packageTool(), yum);
  }

  private static void registerVersionTools(SimulatedTools tools) {
    register(tools, "drbdadm", DRBD_UTILS, Set.of("--version", "-V"), StandardTools::drbdadm);
    register(
        tools,
        "corosync",
        List.of("corosync"),
        Set.of("-v"),
        (v, node) ->
            "Corosync Cluster Engine, version '"
                + v
                + "'\nCopyright (c) 2006-2021 Red Hat, Inc.\n\n"
                + "Built-in features: dbus systemd xmlconf vqsim nozzle snmp pie relro bindnow\n");
    register(
        tools,
        "pacemakerd",
        List.of("pacemaker"),
        Set.of("--version", "-$"),
        (v, node) ->
            "Pacemaker "
                + v
                + "\nWritten by Andrew Beekhof and the Pacemaker project contributors\n");
    register(
        tools,
        "iscsiadm",
        OPEN_ISCSI,
        Set.of("--version", "-V"),
        (v, node) -> "iscsiadm version " + v + "\n");
  }

  private static void register(
      SimulatedTools tools,
      String program,
      List<String> packages,
      Set<String> flags,
      BiFunction<String, SimulatedNode, String> render) {
    tools.register(
        program,
        Availability.anyPackage(packages.toArray(String[]::new)),
        new VersionTool(packages, flags, render));
  }

  /** drbdadm knows the kernel module's version only while the module is loaded. */
  private static String drbdadm(String version, SimulatedNode node) {
    StringBuilder out =
        new StringBuilder(
            "DRBDADM_BUILDTAG=GIT-hash:\\ 9c6a5a1b0e1d2c4f7a3b5e6d8f9a0b1c2d3e4f5a\\ build\\ by\\ "
                + "mockbuild@\\,\\ 2022-09-02\\ 10:00:00\n");
    out.append("DRBDADM_API_VERSION=2\n");
    node.modules()
        .loadedVersion("drbd")
        .ifPresent(
            kernel ->
                out.append("DRBD_KERNEL_VERSION_CODE=")
                    .append(versionCode(kernel))
                    .append("\nDRBD_KERNEL_VERSION=")
                    .append(kernel)
                    .append('\n'));
    out.append("DRBDADM_VERSION_CODE=").append(versionCode(version)).append('\n');
    out.append("DRBDADM_VERSION=").append(version).append('\n');
    return out.toString();
  }

  /** {@code 9.22.0} becomes {@code 0x091600}: one byte per component. */
  static String versionCode(String version) {
    String[] parts = version.split("[.-]");
    int code = 0;
    for (int i = 0; i < 3; i++) {
      int part = 0;
      if (i < parts.length && parts[i].matches("[0-9]+")) {
        part = Integer.parseInt(parts[i]);
      }
      code = code << 8 | part & 0xff;
    }
    return String.format("0x%06x", code);
  }
}
