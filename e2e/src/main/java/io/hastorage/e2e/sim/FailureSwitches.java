package io.hastorage.e2e.sim;

import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/**
 * Injected failures for one node, by program name, by "program verb" (e.g. {@code "drbdadm up"},
 * checked first), or by a pseudo name such as a file write.
 */
public final class FailureSwitches {

  /** Remaining -1 means until cleared. */
  private record Switch(int remaining, int exitCode, String stderr) {}

  private final Map<String, Switch> switches = new HashMap<>();

  /** Fails every invocation of {@code program} until {@link #clear}. */
  public synchronized void failAlways(String program, int exitCode, String stderr) {
    switches.put(program, new Switch(-1, exitCode, stderr));
  }

  /** Fails the next {@code times} invocations of {@code program}. */
  public synchronized void failNext(String program, int times, int exitCode, String stderr) {
    if (times < 1) {
      throw new IllegalArgumentException("times must be positive: " + times);
    }
    switches.put(program, new Switch(times, exitCode, stderr));
  }

  /** The injected outcome for this invocation, consuming one use of a counted switch. */
  public synchronized Optional<ExecOutcome> take(String program) {
    Switch active = switches.get(program);
    if (active == null) {
      return Optional.empty();
    }
    if (active.remaining() == 1) {
      switches.remove(program);
    } else if (active.remaining() > 1) {
      switches.put(program, new Switch(active.remaining() - 1, active.exitCode(), active.stderr()));
    }
    String stderr = active.stderr().isEmpty() || active.stderr().endsWith("\n") ? "" : "\n";
    return Optional.of(ExecOutcome.failure(active.exitCode(), active.stderr() + stderr));
  }

  public synchronized void clear() {
    switches.clear();
  }

  public synchronized void clear(String program) {
    switches.remove(program);
  }
}
