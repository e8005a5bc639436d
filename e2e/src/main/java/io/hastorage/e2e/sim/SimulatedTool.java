package io.hastorage.e2e.sim;

import java.util.List;

/**
 * One simulated program. Register it in {@link SimulatedTools} under its program name; the shell
 * calls it with the full argv (argv[0] is the program as invoked). Throw {@link
 * UnsupportedFeatureException} for arguments the simulation does not model.
 */
@FunctionalInterface
public interface SimulatedTool {

  ExecOutcome run(List<String> argv, ToolContext context);

  /**
   * Whether this invocation changes the node. Counts toward {@link
   * SimulatedNode#mutatingCommandCount()}; the default is the conservative {@code true}.
   */
  default boolean mutates(List<String> argv) {
    return true;
  }

  /** Wraps a tool that never changes the node. */
  static SimulatedTool readOnly(SimulatedTool tool) {
    return new SimulatedTool() {
      @Override
      public ExecOutcome run(List<String> argv, ToolContext context) {
        return tool.run(argv, context);
      }

      @Override
      public boolean mutates(List<String> argv) {
        return false;
      }
    };
  }
}
