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
 * {@code dpkg-query -W [-f FORMAT] [PKG...]}: one formatted entry per installed package; a package
 * that is not installed prints nothing on stdout, "no packages found matching" on stderr, and makes
 * the exit code 1.
 */
final class DpkgQueryTool implements SimulatedTool {

  private static final String DEFAULT_FORMAT = "${binary:Package}\\t${Version}\\n";

  @Override
  public boolean mutates(List<String> argv) {
    return false;
  }

  @Override
  public ExecOutcome run(List<String> argv, ToolContext context) {
    String format = DEFAULT_FORMAT;
    boolean show = false;
    List<String> names = new ArrayList<>();
    for (int i = 1; i < argv.size(); i++) {
      String arg = argv.get(i);
      if (arg.equals("-W") || arg.equals("--show")) {
        show = true;
      } else if (arg.equals("-f") && i + 1 < argv.size()) {
        format = argv.get(++i);
      } else if (arg.startsWith("--showformat=")) {
        format = arg.substring("--showformat=".length());
      } else if (arg.startsWith("-")) {
        throw new UnsupportedFeatureException("dpkg-query option '" + arg + "'");
      } else {
        names.add(arg);
      }
    }
    if (!show) {
      throw new UnsupportedFeatureException("dpkg-query without -W");
    }
    return query(context.node(), format, names);
  }

  private static ExecOutcome query(SimulatedNode node, String format, List<String> names) {
    List<String> wanted =
        names.isEmpty() ? List.copyOf(node.packages().installedVersions().keySet()) : names;
    StringBuilder out = new StringBuilder();
    StringBuilder err = new StringBuilder();
    for (String name : wanted) {
      Optional<SimulatedPackage> pkg = node.packages().installed(name);
      if (pkg.isPresent()) {
        out.append(FormatTemplate.render(format, '$', field -> field(field, pkg.get())));
      } else {
        err.append("dpkg-query: no packages found matching ").append(name).append('\n');
      }
    }
    return ExecOutcome.of(err.length() == 0 ? 0 : 1, out.toString(), err.toString());
  }

  private static String field(String name, SimulatedPackage pkg) {
    return switch (name) {
      case "Package", "binary:Package" -> pkg.name();
      case "Version" -> pkg.version();
      case "db:Status-Abbrev" -> "ii ";
      case "Status" -> "install ok installed";
      case "db:Status-Status" -> "installed";
      case "Architecture" -> "amd64";
      default -> null;
    };
  }
}
