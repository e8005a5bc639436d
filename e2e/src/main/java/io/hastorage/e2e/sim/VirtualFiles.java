package io.hastorage.e2e.sim;

import java.nio.charset.StandardCharsets;
import java.util.Optional;

/**
 * Files the kernel provides: they exist or not depending on node state, and cannot be written.
 * {@code /proc/modules} and {@code /proc/1/comm} (every simulated node boots systemd) always;
 * {@code /proc/drbd} while drbd is loaded; {@code /sys/kernel/scst_tgt/version} while scst is
 * loaded.
 */
final class VirtualFiles {

  static final String PROC_MODULES = "/proc/modules";
  static final String PROC_DRBD = "/proc/drbd";
  static final String SCST_VERSION = "/sys/kernel/scst_tgt/version";
  static final String INIT_COMM = "/proc/1/comm";

  private VirtualFiles() {}

  static boolean isVirtual(String path) {
    return path.equals("/proc")
        || path.startsWith("/proc/")
        || path.equals("/sys")
        || path.startsWith("/sys/");
  }

  static Optional<byte[]> read(SimulatedNode node, String path) {
    ModuleTable modules = node.modules();
    Optional<String> text =
        switch (path) {
          case PROC_MODULES -> Optional.of(modules.procModules());
          case INIT_COMM -> Optional.of("systemd\n");
          case PROC_DRBD -> modules.isLoaded("drbd") ? Optional.of(procDrbd(node)) : none();
          case SCST_VERSION ->
              modules.isLoaded("scst")
                  ? Optional.of(modules.loadedVersion("scst").orElse("3.5.0") + "\n")
                  : none();
          default -> none();
        };
    return text.map(t -> t.getBytes(StandardCharsets.UTF_8));
  }

  private static String procDrbd(SimulatedNode node) {
    return procDrbdHeader(node.modules()) + node.procDrbdDeviceLines();
  }

  private static String procDrbdHeader(ModuleTable modules) {
    String version = modules.loadedVersion("drbd").orElse("8.4.11");
    return "version: "
        + version
        + (version.startsWith("8.") ? " (api:1/proto:86-101)\n" : " (api:2/proto:86-121)\n")
        + "GIT-hash: 66145a308421e9c124ec391a7848ac20203bb03c build by mockbuild@, "
        + "2020-04-05 02:58:18\n";
  }

  private static Optional<String> none() {
    return Optional.empty();
  }
}
