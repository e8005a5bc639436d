package io.hastorage.e2e.sim.tools;

import io.hastorage.e2e.sim.ExecOutcome;
import io.hastorage.e2e.sim.SimulatedNode;
import io.hastorage.e2e.sim.SimulatedTool;
import io.hastorage.e2e.sim.ToolContext;
import io.hastorage.e2e.sim.UnsupportedFeatureException;
import io.hastorage.operator.node.FileCommands;
import io.hastorage.operator.node.NodeLockScript;
import java.util.List;
import java.util.Optional;

/**
 * {@code sh -c SCRIPT [NAME [ARG...]]}. The operator's fixed scripts are recognised by equality
 * with {@link FileCommands#ATOMIC_WRITE_SCRIPT}, {@link FileCommands#READ_SCRIPT} and {@link
 * NodeLockScript#SCRIPT} and performed on the node's state with the positional arguments; any other
 * script runs in a child simulated shell.
 */
final class ShTool implements SimulatedTool {

  @Override
  public boolean mutates(List<String> argv) {
    return argv.size() > 2 && argv.get(2).equals(FileCommands.ATOMIC_WRITE_SCRIPT);
  }

  @Override
  public ExecOutcome run(List<String> argv, ToolContext context) {
    if (argv.size() < 3 || !argv.get(1).equals("-c")) {
      throw new UnsupportedFeatureException("sh without -c SCRIPT: " + argv);
    }
    String script = argv.get(2);
    if (script.equals(FileCommands.ATOMIC_WRITE_SCRIPT)) {
      return write(positional(argv, 2), context);
    }
    if (script.equals(FileCommands.READ_SCRIPT)) {
      return read(positional(argv, 1), context);
    }
    if (script.equals(NodeLockScript.SCRIPT)) {
      return NodeLockTool.run(positional(argv, 3), context);
    }
    return context.runScript(script);
  }

  /** $1..$count, which the operator's scripts always receive after $0. */
  private static List<String> positional(List<String> argv, int count) {
    if (argv.size() != 4 + count) {
      throw new UnsupportedFeatureException(
          "file script with " + (argv.size() - 4) + " positional arguments, expected " + count);
    }
    return argv.subList(4, argv.size());
  }

  private static ExecOutcome write(List<String> args, ToolContext context) {
    context.note(SimulatedNode.FILE_WRITE, true);
    Optional<ExecOutcome> injected = context.injectedFailure(SimulatedNode.FILE_WRITE);
    if (injected.isPresent()) {
      return injected.get();
    }
    String path = args.get(0);
    String mode = args.get(1);
    if (!path.startsWith("/")) {
      throw new UnsupportedFeatureException("file write to a relative path: " + path);
    }
    byte[] content = context.stdin().readAll();
    if (!mode.matches("0?[0-7]{3}")) {
      return ExecOutcome.failure(1, "chmod: invalid mode: '" + mode + "'\n");
    }
    try {
      context.node().writeFile(path, content, mode);
    } catch (IllegalArgumentException e) {
      return ExecOutcome.failure(
          1, "mktemp: failed to create file beside " + path + ": " + e.getMessage() + "\n");
    }
    return ExecOutcome.ok("");
  }

  private static ExecOutcome read(List<String> args, ToolContext context) {
    context.note(SimulatedNode.FILE_READ, false);
    Optional<ExecOutcome> injected = context.injectedFailure(SimulatedNode.FILE_READ);
    if (injected.isPresent()) {
      return injected.get();
    }
    return context
        .node()
        .readFile(args.get(0))
        .map(ExecOutcome::ok)
        .orElseGet(() -> ExecOutcome.failure(FileCommands.MISSING_EXIT_CODE, ""));
  }
}
