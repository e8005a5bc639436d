package io.hastorage.e2e.sim.drbd;

import io.hastorage.e2e.sim.ExecOutcome;
import io.hastorage.e2e.sim.SimulatedNode;

/**
 * How drbdadm runs drbdmeta on a resource's internal metadata ({@code drbdmeta MINOR v08|v09 DISK
 * internal COMMAND}) and reports a run that failed: drbdmeta's own output, then drbdadm's "Command
 * '...' terminated with exit code N", exiting with drbdmeta's code.
 */
final class Drbdmeta {

  private Drbdmeta() {}

  /** v08 metadata under a DRBD 8.4 kernel module (loaded, or else available), v09 otherwise. */
  static String version(SimulatedNode node) {
    String module =
        node.modules()
            .loadedVersion("drbd")
            .or(() -> node.modules().available("drbd").map(m -> m.version()))
            .orElse("9");
    return module.startsWith("8.") ? "v08" : "v09";
  }

  /** The drbdmeta command line drbdadm runs (and names when it fails). */
  static String commandLine(ResFile res, String version, String command) {
    return "drbdmeta " + res.minor() + " " + version + " " + res.disk() + " internal " + command;
  }

  /**
   * drbdmeta's refusal to touch the metadata of a minor the kernel has attached (it asks {@code
   * drbdsetup MINOR dstate} first), exit code 20.
   */
  static ExecOutcome configured(String commandLine, ResFile res) {
    return failed(commandLine, 20, "", "Device '" + res.minor() + "' is configured!\n");
  }

  /** drbdmeta could not open the backing disk, exit code 20. */
  static ExecOutcome noDisk(String commandLine, ResFile res) {
    return failed(
        commandLine, 20, "", "open(" + res.disk() + ") failed: No such file or directory\n");
  }

  static ExecOutcome failed(String commandLine, int code, String out, String err) {
    return ExecOutcome.of(
        code, out, err + "Command '" + commandLine + "' terminated with exit code " + code + "\n");
  }
}
