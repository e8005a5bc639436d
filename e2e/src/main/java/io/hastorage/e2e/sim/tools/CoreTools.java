package io.hastorage.e2e.sim.tools;

import io.hastorage.e2e.sim.ExecOutcome;
import io.hastorage.e2e.sim.SimulatedTool;
import io.hastorage.e2e.sim.SimulatedTools;
import java.util.List;

/** Programs every node has and that never change it: true, false, :, echo, printf. */
final class CoreTools {

  private CoreTools() {}

  static void registerAll(SimulatedTools tools) {
    tools.register("true", SimulatedTool.readOnly((argv, ctx) -> ExecOutcome.ok("")));
    tools.register(":", SimulatedTool.readOnly((argv, ctx) -> ExecOutcome.ok("")));
    tools.register("false", SimulatedTool.readOnly((argv, ctx) -> ExecOutcome.failure(1, "")));
    tools.register("echo", SimulatedTool.readOnly((argv, ctx) -> echo(argv)));
    tools.register("printf", SimulatedTool.readOnly((argv, ctx) -> Printf.run(argv)));
  }

  private static ExecOutcome echo(List<String> argv) {
    boolean newline = argv.size() < 2 || !argv.get(1).equals("-n");
    List<String> words = argv.subList(newline ? 1 : 2, argv.size());
    return ExecOutcome.ok(String.join(" ", words) + (newline ? "\n" : ""));
  }
}
