package io.hastorage.e2e.sim.tools;

import io.hastorage.e2e.sim.ExecOutcome;
import io.hastorage.e2e.sim.PackageTable.InstallResult;
import io.hastorage.e2e.sim.SimulatedNode;
import io.hastorage.e2e.sim.SimulatedPackage;
import io.hastorage.e2e.sim.SimulatedTool;
import io.hastorage.e2e.sim.ToolContext;
import io.hastorage.e2e.sim.UnsupportedFeatureException;
import java.util.List;
import java.util.Set;

/**
 * {@code yum|dnf [-y] [-q] install PKG...}, all or nothing: an unknown package is exit 1 with the
 * program's own "no match" wording and nothing installed (dnf's behaviour; yum 3 would install the
 * rest, which the simulation does not model). Without {@code -y} the transaction is declined.
 */
final class YumTool implements SimulatedTool {

  private static final Set<String> OPTIONS = Set.of("-y", "--assumeyes", "-q", "--quiet");

  @Override
  public ExecOutcome run(List<String> argv, ToolContext context) {
    PackageArgs args = PackageArgs.parse(argv, OPTIONS);
    if (!args.subcommand().equals("install") || args.operands().isEmpty()) {
      throw new UnsupportedFeatureException(argv.get(0) + " " + args.subcommand());
    }
    boolean dnf = argv.get(0).endsWith("dnf");
    SimulatedNode node = context.node();
    List<String> unknown =
        args.operands().stream().filter(n -> node.packages().inRepository(n).isEmpty()).toList();
    if (!unknown.isEmpty()) {
      String name = unknown.get(0);
      return dnf
          ? ExecOutcome.of(
              1,
              "No match for argument: " + name + "\n",
              "Error: Unable to find a match: " + String.join(" ", unknown) + "\n")
          : ExecOutcome.of(1, "No package " + name + " available.\n", "Error: Nothing to do\n");
    }
    boolean anyMissing = args.operands().stream().anyMatch(n -> !node.packages().isInstalled(n));
    if (anyMissing && !args.hasAny("-y", "--assumeyes")) {
      return ExecOutcome.of(1, "Is this ok [y/d/N]: ", "Error: Operation aborted.\n");
    }
    return ExecOutcome.ok(report(node.packages().installFromRepository(args.operands()), node));
  }

  private static String report(InstallResult result, SimulatedNode node) {
    StringBuilder out = new StringBuilder();
    for (SimulatedPackage pkg : result.present()) {
      out.append("Package ")
          .append(nevra(pkg, node))
          .append(" already installed and latest version\n");
    }
    if (result.installed().isEmpty()) {
      return out.append("Nothing to do\n").toString();
    }
    out.append("\nInstalled:\n");
    for (SimulatedPackage pkg : result.installed()) {
      out.append("  ").append(nevra(pkg, node)).append('\n');
    }
    return out.append("\nComplete!\n").toString();
  }

  private static String nevra(SimulatedPackage pkg, SimulatedNode node) {
    return pkg.name() + "-" + pkg.version() + "." + node.distro().arch();
  }
}
