package io.hastorage.e2e.sim.tools;

import io.hastorage.e2e.sim.ExecOutcome;
import io.hastorage.e2e.sim.SimulatedNode;
import io.hastorage.e2e.sim.SimulatedPackage;
import io.hastorage.e2e.sim.SimulatedTool;
import io.hastorage.e2e.sim.ToolContext;
import io.hastorage.e2e.sim.UnsupportedFeatureException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * {@code rpm -q [--qf FORMAT] PKG...}: one formatted entry per installed package; for each missing
 * one "package NAME is not installed" on stdout; the exit code is the number missing.
 */
final class RpmTool implements SimulatedTool {

  private static final String DEFAULT_FORMAT = "%{NAME}-%{VERSION}-%{RELEASE}.%{ARCH}\\n";

  @Override
  public boolean mutates(List<String> argv) {
    return false;
  }

  @Override
  public ExecOutcome run(List<String> argv, ToolContext context) {
    String format = DEFAULT_FORMAT;
    boolean query = false;
    List<String> names = new ArrayList<>();
    for (int i = 1; i < argv.size(); i++) {
      String arg = argv.get(i);
      if (arg.equals("-q") || arg.equals("--query")) {
        query = true;
      } else if ((arg.equals("--qf") || arg.equals("--queryformat")) && i + 1 < argv.size()) {
        format = argv.get(++i);
      } else if (arg.startsWith("--qf=") || arg.startsWith("--queryformat=")) {
        format = arg.substring(arg.indexOf('=') + 1);
      } else if (arg.startsWith("-")) {
        throw new UnsupportedFeatureException("rpm option '" + arg + "'");
      } else {
        names.add(arg);
      }
    }
    if (!query || names.isEmpty()) {
      throw new UnsupportedFeatureException("rpm other than -q PKG...");
    }
    return query(context.node(), format, names);
  }

  private static ExecOutcome query(SimulatedNode node, String format, List<String> names) {
    StringBuilder out = new StringBuilder();
    int missing = 0;
    for (String name : names) {
      Optional<SimulatedPackage> pkg = node.packages().installed(name);
      if (pkg.isPresent()) {
        out.append(FormatTemplate.render(format, '%', field -> field(field, pkg.get(), node)));
      } else {
        out.append("package ").append(name).append(" is not installed\n");
        missing++;
      }
    }
    return ExecOutcome.of(Math.min(missing, 255), out.toString(), "");
  }

  private static String field(String name, SimulatedPackage pkg, SimulatedNode node) {
    return switch (name) {
      case "NAME" -> pkg.name();
      case "VERSION" -> pkg.upstreamVersion();
      case "RELEASE" -> pkg.release();
      case "ARCH" -> node.distro().arch();
      default -> null;
    };
  }
}
