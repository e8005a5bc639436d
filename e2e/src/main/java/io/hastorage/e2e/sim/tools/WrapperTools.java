package io.hastorage.e2e.sim.tools;

import io.hastorage.e2e.sim.ExecOutcome;
import io.hastorage.e2e.sim.SimulatedTool;
import io.hastorage.e2e.sim.SimulatedTools;
import io.hastorage.e2e.sim.ToolContext;
import io.hastorage.e2e.sim.UnsupportedFeatureException;
import java.util.List;

/**
 * Programs that run another program: {@code sudo [-n] [--] CMD...} (the operator's form is {@code
 * sudo -n --}) and {@code env [NAME=VALUE...] CMD...}. They change nothing themselves; the program
 * they run decides whether the exec mutates.
 */
final class WrapperTools {

  private WrapperTools() {}

  static void registerAll(SimulatedTools tools) {
    tools.register("sudo", SimulatedTool.readOnly(WrapperTools::sudo));
    tools.register("env", SimulatedTool.readOnly(WrapperTools::env));
  }

  private static ExecOutcome sudo(List<String> argv, ToolContext context) {
    int i = 1;
    while (i < argv.size() && argv.get(i).startsWith("-")) {
      String option = argv.get(i++);
      if (option.equals("--")) {
        break;
      }
      if (!option.equals("-n")) {
        throw new UnsupportedFeatureException("sudo option '" + option + "'");
      }
    }
    if (i >= argv.size()) {
      throw new UnsupportedFeatureException("sudo without a command");
    }
    return context.run(argv.subList(i, argv.size()));
  }

  private static ExecOutcome env(List<String> argv, ToolContext context) {
    int i = 1;
    while (i < argv.size() && argv.get(i).indexOf('=') > 0) {
      i++;
    }
    if (i < argv.size() && argv.get(i).startsWith("-")) {
      throw new UnsupportedFeatureException("env option '" + argv.get(i) + "'");
    }
    if (i >= argv.size()) {
      throw new UnsupportedFeatureException("env without a command");
    }
    return context.run(argv.subList(i, argv.size()));
  }
}
