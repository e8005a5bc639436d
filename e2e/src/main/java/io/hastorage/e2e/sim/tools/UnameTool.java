package io.hastorage.e2e.sim.tools;

import io.hastorage.e2e.sim.ExecOutcome;
import io.hastorage.e2e.sim.SimulatedNode;
import io.hastorage.e2e.sim.SimulatedTool;
import io.hastorage.e2e.sim.ToolContext;
import io.hastorage.e2e.sim.UnsupportedFeatureException;
import java.util.ArrayList;
import java.util.List;

/** {@code uname} with short flags {@code -s -n -r -v -m -o -a}, printed in uname's fixed order. */
final class UnameTool implements SimulatedTool {

  private static final String ORDER = "snrvmo";

  @Override
  public boolean mutates(List<String> argv) {
    return false;
  }

  @Override
  public ExecOutcome run(List<String> argv, ToolContext context) {
    StringBuilder flags = new StringBuilder();
    for (String arg : argv.subList(1, argv.size())) {
      if (!arg.matches("-[a-z]+")) {
        throw new UnsupportedFeatureException("uname argument '" + arg + "'");
      }
      flags.append(arg, 1, arg.length());
    }
    String wanted = flags.length() == 0 ? "s" : flags.toString();
    for (char flag : wanted.toCharArray()) {
      if (ORDER.indexOf(flag) < 0 && flag != 'a') {
        throw new UnsupportedFeatureException("uname flag '-" + flag + "'");
      }
    }
    if (wanted.contains("a")) {
      wanted = ORDER;
    }
    List<String> fields = new ArrayList<>();
    for (char flag : ORDER.toCharArray()) {
      if (wanted.indexOf(flag) >= 0) {
        fields.add(field(flag, context.node()));
      }
    }
    return ExecOutcome.ok(String.join(" ", fields) + "\n");
  }

  private static String field(char flag, SimulatedNode node) {
    return switch (flag) {
      case 's' -> "Linux";
      case 'n' -> node.name();
      case 'r' -> node.kernelRelease();
      case 'v' -> "#1 SMP";
      case 'm' -> "x86_64";
      default -> "GNU/Linux";
    };
  }
}
