package io.hastorage.e2e.sim;

import java.util.ArrayList;
import java.util.List;

/**
 * Every command line a node received, in order, and what each exec did. Tests use it to count SSH
 * execs and to prove that a converged node was only observed, never changed.
 */
public final class ExecLog {

  /**
   * One finished exec.
   *
   * @param sequence the order in which the node received it, from 0
   * @param mutating whether it ran anything that changes the node (see {@link
   *     SimulatedTool#mutates})
   * @param programs every program it ran, wrappers ({@code sudo}, {@code sh}) included
   * @param unsupported what the simulation could not model (each also made a command exit 127)
   */
  public record Entry(
      long sequence,
      String commandLine,
      int exitCode,
      boolean mutating,
      List<String> programs,
      List<String> unsupported) {

    public Entry {
      programs = List.copyOf(programs);
      unsupported = List.copyOf(unsupported);
    }
  }

  private final List<String> received = new ArrayList<>();
  private final List<Entry> completed = new ArrayList<>();
  private long nextSequence;

  synchronized long received(String commandLine) {
    received.add(commandLine);
    return nextSequence++;
  }

  synchronized void completed(
      long sequence, String commandLine, ExecOutcome outcome, ExecTrace trace) {
    completed.add(
        new Entry(
            sequence,
            commandLine,
            outcome.exitCode(),
            trace.mutating(),
            trace.programs(),
            trace.unsupported()));
  }

  /** Every command line received, in order (including execs still running). */
  public synchronized List<String> commandLines() {
    return List.copyOf(received);
  }

  /** Finished execs, in the order they finished. */
  public synchronized List<Entry> entries() {
    return List.copyOf(completed);
  }

  public synchronized int execCount() {
    return received.size();
  }

  public synchronized int mutatingCount() {
    return (int) completed.stream().filter(Entry::mutating).count();
  }

  /** How many finished execs ran {@code program} at least once. */
  public synchronized int execsRunning(String program) {
    return (int) completed.stream().filter(e -> e.programs().contains(program)).count();
  }

  /** Everything any exec hit that the simulation does not model. */
  public synchronized List<String> unsupported() {
    return completed.stream().flatMap(e -> e.unsupported().stream()).toList();
  }

  /** Forgets all execs (counters restart; sequence numbers keep increasing). */
  public synchronized void clear() {
    received.clear();
    completed.clear();
  }
}
