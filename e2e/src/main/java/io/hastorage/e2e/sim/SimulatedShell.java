package io.hastorage.e2e.sim;

import io.hastorage.e2e.sim.ShellParser.Statement;
import io.hastorage.e2e.sim.ShellParser.Word;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * The login shell of a simulated node: runs the command line an SSH exec carries, one simple
 * command at a time, through the {@link SimulatedTools}. Builtins: {@code exec 2>/dev/null}
 * (discard the rest of the script's stderr) and {@code exit [N]}. Every exec is recorded in the
 * node's {@link ExecLog}. Stateless apart from the node, so one instance may serve concurrent
 * execs.
 */
public final class SimulatedShell {

  private final SimulatedNode node;
  private final SimulatedTools tools;

  public SimulatedShell(SimulatedNode node, SimulatedTools tools) {
    this.node = Objects.requireNonNull(node, "node");
    this.tools = Objects.requireNonNull(tools, "tools");
  }

  public SimulatedNode node() {
    return node;
  }

  /** Runs a command line with empty stdin. */
  public ExecOutcome execute(String commandLine) {
    return execute(commandLine, Stdin.empty());
  }

  /** Runs a command line as sshd would hand it to the user's shell ({@code sh -c LINE}). */
  public ExecOutcome execute(String commandLine, Stdin stdin) {
    return execute(commandLine, stdin, null);
  }

  /**
   * Like {@link #execute(String, Stdin)}, for an exec that came over SSH on {@code channel}: a
   * command changing the node is audited against the node lock.
   */
  public ExecOutcome execute(String commandLine, Stdin stdin, ExecChannel channel) {
    long sequence = node.execLog().received(commandLine);
    ExecTrace trace = new ExecTrace();
    ExecOutcome outcome =
        runScript(commandLine, new ToolContext(this, node, stdin, trace, channel));
    node.execLog().completed(sequence, commandLine, outcome, trace);
    if (channel != null && trace.mutating()) {
      node.nodeLock().audit(channel.client(), commandLine);
    }
    return outcome;
  }

  ExecOutcome runScript(String script, ToolContext context) {
    List<Statement> statements;
    try {
      statements = ShellParser.parse(script);
    } catch (UnsupportedFeatureException e) {
      return unsupported(e.getMessage(), context);
    }
    return new ScriptRun(context).run(statements);
  }

  ExecOutcome dispatch(List<String> argv, ToolContext context) {
    if (argv.isEmpty()) {
      return ExecOutcome.ok("");
    }
    String program = argv.get(0);
    String name = program.substring(program.lastIndexOf('/') + 1);
    Optional<SimulatedTools.Registration> registration = tools.lookup(name);
    if (registration.isEmpty()) {
      return unsupported("command '" + program + "' (no simulated tool registered)", context);
    }
    if (!registration.get().availability().test(node, name)) {
      context.trace().invoked(name, false);
      return ExecOutcome.commandNotFound(program);
    }
    SimulatedTool tool = registration.get().tool();
    context.trace().invoked(name, tool.mutates(argv));
    // "program verb" switches (e.g. "drbdadm up") first: a crash between two commands of one tool
    Optional<ExecOutcome> injected =
        argv.size() > 1
            ? node.failures().take(name + " " + argv.get(1)).or(() -> node.failures().take(name))
            : node.failures().take(name);
    if (injected.isPresent()) {
      return injected.get();
    }
    try {
      return tool.run(argv, context);
    } catch (UnsupportedFeatureException e) {
      return unsupported(e.getMessage(), context);
    }
  }

  private static ExecOutcome unsupported(String what, ToolContext context) {
    context.trace().unsupported(what);
    return ExecOutcome.unsupported(what);
  }

  /** One script's execution: its output so far, {@code $?}, and whether stderr is discarded. */
  private final class ScriptRun {
    private final ToolContext context;
    private final ByteArrayOutputStream stdout = new ByteArrayOutputStream();
    private final ByteArrayOutputStream stderr = new ByteArrayOutputStream();
    private boolean discardStderr;
    private int status;

    ScriptRun(ToolContext context) {
      this.context = context;
    }

    ExecOutcome run(List<Statement> statements) {
      for (Statement statement : statements) {
        List<String> argv = expand(statement.words());
        if (!argv.isEmpty() && argv.get(0).equals("exit")) {
          status = exitStatus(argv);
          break;
        }
        if (!argv.isEmpty() && argv.get(0).equals("exec")) {
          execBuiltin(argv, statement);
          continue;
        }
        ExecOutcome outcome = dispatch(argv, context);
        stdout.writeBytes(outcome.stdout());
        if (!discardStderr && !statement.discardStderr()) {
          stderr.writeBytes(outcome.stderr());
        }
        status = outcome.exitCode();
      }
      return new ExecOutcome(status, stdout.toByteArray(), stderr.toByteArray());
    }

    private List<String> expand(List<Word> words) {
      List<String> argv = new ArrayList<>(words.size());
      for (Word word : words) {
        argv.add(word.expand(status));
      }
      return argv;
    }

    private void execBuiltin(List<String> argv, Statement statement) {
      if (argv.size() == 1 && statement.discardStderr()) {
        discardStderr = true;
        status = 0;
        return;
      }
      ExecOutcome outcome = unsupported("exec other than 'exec 2>/dev/null'", context);
      stderr.writeBytes(outcome.stderr());
      status = outcome.exitCode();
    }

    private int exitStatus(List<String> argv) {
      if (argv.size() == 1) {
        return status;
      }
      try {
        return Integer.parseInt(argv.get(1)) & 0xff;
      } catch (NumberFormatException e) {
        stderr.writeBytes(
            ("sh: 1: exit: Illegal number: " + argv.get(1) + "\n")
                .getBytes(StandardCharsets.UTF_8));
        return 2;
      }
    }
  }
}
