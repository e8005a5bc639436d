package io.hastorage.e2e.sim.tools;

import io.hastorage.e2e.sim.ExecOutcome;
import io.hastorage.e2e.sim.ModuleTable;
import io.hastorage.e2e.sim.SimulatedNode;
import io.hastorage.e2e.sim.SimulatedTool;
import io.hastorage.e2e.sim.ToolContext;
import io.hastorage.e2e.sim.UnsupportedFeatureException;
import java.util.ArrayList;
import java.util.List;

/**
 * {@code modprobe [-a] MOD...} loads modules (and what they require) that the node's kernel has, in
 * order, stopping at the first it lacks; {@code modprobe -r MOD...} unloads. Module parameters are
 * unsupported.
 */
final class ModprobeTool implements SimulatedTool {

  @Override
  public ExecOutcome run(List<String> argv, ToolContext context) {
    boolean all = false;
    boolean remove = false;
    List<String> modules = new ArrayList<>();
    for (String arg : argv.subList(1, argv.size())) {
      switch (arg) {
        case "-a", "--all" -> all = true;
        case "-r", "--remove" -> remove = true;
        default -> {
          if (arg.startsWith("-")) {
            throw new UnsupportedFeatureException("modprobe option '" + arg + "'");
          }
          modules.add(arg);
        }
      }
    }
    if (modules.isEmpty()) {
      return ExecOutcome.failure(1, "modprobe: ERROR: missing parameters. See -h.\n");
    }
    if (!all && !remove && modules.size() > 1) {
      throw new UnsupportedFeatureException("modprobe module parameters: " + modules);
    }
    return remove ? unload(modules, context.node()) : load(modules, context.node());
  }

  private static ExecOutcome load(List<String> modules, SimulatedNode node) {
    for (String module : modules) {
      if (node.modules().load(module) == ModuleTable.LoadResult.NOT_FOUND) {
        return notFound(module, node);
      }
    }
    return ExecOutcome.ok("");
  }

  private static ExecOutcome unload(List<String> modules, SimulatedNode node) {
    for (String module : modules) {
      if (node.modules().available(module).isEmpty()) {
        return notFound(module, node);
      }
      if (node.modules().isLoaded(module) && !node.modules().unload(module)) {
        return ExecOutcome.failure(1, "modprobe: FATAL: Module " + module + " is in use.\n");
      }
    }
    return ExecOutcome.ok("");
  }

  private static ExecOutcome notFound(String module, SimulatedNode node) {
    return ExecOutcome.failure(
        1,
        "modprobe: FATAL: Module "
            + module
            + " not found in directory /lib/modules/"
            + node.kernelRelease()
            + "\n");
  }
}
