package io.hastorage.e2e.sim;

import java.util.List;
import java.util.Optional;

/**
 * What a {@link SimulatedTool} may use while it runs: the node, the exec's stdin, and the shell for
 * tools that run other commands ({@code sudo}, {@code env}, {@code sh -c}).
 */
public final class ToolContext {

  private final SimulatedShell shell;
  private final SimulatedNode node;
  private final Stdin stdin;
  private final ExecTrace trace;
  private final ExecChannel channel;

  ToolContext(
      SimulatedShell shell, SimulatedNode node, Stdin stdin, ExecTrace trace, ExecChannel channel) {
    this.shell = shell;
    this.node = node;
    this.stdin = stdin;
    this.trace = trace;
    this.channel = channel;
  }

  /** The SSH channel the exec came in on; empty when a test ran it on the shell directly. */
  public Optional<ExecChannel> channel() {
    return Optional.ofNullable(channel);
  }

  public SimulatedNode node() {
    return node;
  }

  public Stdin stdin() {
    return stdin;
  }

  /** Runs another command of this exec, as a wrapper like {@code sudo} or {@code env} does. */
  public ExecOutcome run(List<String> argv) {
    return shell.dispatch(argv, this);
  }

  /** Runs a script in a child shell, as {@code sh -c SCRIPT} does. */
  public ExecOutcome runScript(String script) {
    return shell.runScript(script, this);
  }

  /**
   * A failure injected for {@code name} with {@link SimulatedNode#failNextCommands}; tools call it
   * for operations that are not programs ({@link SimulatedNode#FILE_WRITE}, {@link
   * SimulatedNode#FILE_READ}). Programs are checked by the shell before their tool runs.
   */
  public Optional<ExecOutcome> injectedFailure(String name) {
    return node.failures().take(name);
  }

  /**
   * Records an operation that is not a program of its own (a file write inside {@code sh -c}) in
   * the exec log, so tests can count it; {@code mutates} counts the exec as changing the node.
   */
  public void note(String operation, boolean mutates) {
    trace.invoked(operation, mutates);
  }

  ExecTrace trace() {
    return trace;
  }
}
