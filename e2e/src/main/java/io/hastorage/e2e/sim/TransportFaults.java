package io.hastorage.e2e.sim;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Faults of one node's SSH transport, each armed for the next exec whose command line contains a
 * given text. The command always runs to its end on the node first, so the node changed while the
 * operator never learns the result: {@link Kind#DROP} then closes the TCP connection (a network
 * blip, sshd killed), {@link Kind#WITHHOLD} sends nothing more and leaves the channel open until
 * the client gives up (a tool that hangs after doing its work).
 */
public final class TransportFaults {

  /** What happens after the command ran. */
  public enum Kind {
    DROP,
    WITHHOLD
  }

  private record Armed(String needle, Kind kind) {}

  private final List<Armed> armed = new ArrayList<>();
  private final List<String> fired = new ArrayList<>();

  public synchronized void arm(String needle, Kind kind) {
    armed.add(new Armed(needle, kind));
  }

  /** The fault for this exec, consuming it. */
  synchronized Optional<Kind> take(String commandLine) {
    for (Armed a : armed) {
      if (commandLine.contains(a.needle())) {
        armed.remove(a);
        fired.add(a.kind() + " after " + commandLine);
        return Optional.of(a.kind());
      }
    }
    return Optional.empty();
  }

  /** "KIND after COMMAND LINE" for every fault that fired, in order. */
  public synchronized List<String> fired() {
    return List.copyOf(fired);
  }
}
