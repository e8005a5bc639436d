package io.hastorage.e2e.sim.tools;

import io.hastorage.e2e.sim.ExecOutcome;
import io.hastorage.e2e.sim.PackageTable.InstallResult;
import io.hastorage.e2e.sim.SimulatedPackage;
import io.hastorage.e2e.sim.SimulatedTool;
import io.hastorage.e2e.sim.ToolContext;
import io.hastorage.e2e.sim.UnsupportedFeatureException;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * {@code apt-get [-y] [-q] [--no-install-recommends] install PKG...} and {@code apt-get update}.
 * Installs from the node's repository, all or nothing: an unknown package is exit 100 with apt's
 * "Unable to locate package" and nothing installed. Without {@code -y} a real install would prompt;
 * here it aborts like apt with no terminal.
 */
final class AptGetTool implements SimulatedTool {

  private static final Set<String> OPTIONS =
      Set.of("-y", "--yes", "--assume-yes", "-q", "-qq", "--quiet", "--no-install-recommends");
  private static final String READING =
      "Reading package lists...\nBuilding dependency tree...\nReading state information...\n";

  @Override
  public ExecOutcome run(List<String> argv, ToolContext context) {
    PackageArgs args = PackageArgs.parse(argv, OPTIONS);
    return switch (args.subcommand()) {
      case "update" ->
          ExecOutcome.ok(
              "Hit:1 http://archive.ubuntu.com/ubuntu jammy InRelease\n"
                  + "Reading package lists...\n");
      case "install" -> install(args, context);
      default -> throw new UnsupportedFeatureException("apt-get " + args.subcommand());
    };
  }

  private static ExecOutcome install(PackageArgs args, ToolContext context) {
    for (String name : args.operands()) {
      if (name.contains("=") || name.contains("/")) {
        throw new UnsupportedFeatureException("apt-get install with version or release: " + name);
      }
    }
    List<String> unknown =
        args.operands().stream()
            .filter(n -> context.node().packages().inRepository(n).isEmpty())
            .toList();
    if (!unknown.isEmpty()) {
      return ExecOutcome.of(100, READING, "E: Unable to locate package " + unknown.get(0) + "\n");
    }
    List<String> missing =
        args.operands().stream().filter(n -> !context.node().packages().isInstalled(n)).toList();
    if (!missing.isEmpty() && !args.hasAny("-y", "--yes", "--assume-yes")) {
      return ExecOutcome.of(
          1, READING + summary(missing.size()) + "Do you want to continue? [Y/n] Abort.\n", "");
    }
    InstallResult result = context.node().packages().installFromRepository(args.operands());
    return ExecOutcome.ok(report(result));
  }

  private static String report(InstallResult result) {
    StringBuilder out = new StringBuilder(READING);
    for (SimulatedPackage pkg : result.present()) {
      out.append(pkg.name())
          .append(" is already the newest version (")
          .append(pkg.version())
          .append(").\n");
    }
    if (!result.installed().isEmpty()) {
      out.append("The following NEW packages will be installed:\n  ")
          .append(
              result.installed().stream()
                  .map(SimulatedPackage::name)
                  .collect(Collectors.joining(" ")))
          .append('\n');
    }
    out.append(summary(result.installed().size()));
    for (SimulatedPackage pkg : result.installed()) {
      out.append("Setting up ")
          .append(pkg.name())
          .append(" (")
          .append(pkg.version())
          .append(") ...\n");
    }
    return out.toString();
  }

  private static String summary(int newlyInstalled) {
    return "0 upgraded, " + newlyInstalled + " newly installed, 0 to remove and 0 not upgraded.\n";
  }
}
