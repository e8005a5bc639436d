package io.hastorage.operator.apply;

import io.hastorage.operator.node.NodeLockScript;
import java.util.Optional;
import java.util.OptionalInt;

/** What the node said to {@link NodeLockScript}: held, busy, stale, or broken. */
sealed interface NodeLockAnswer {

  /** The lock is ours; {@code generation} is the node's new generation. */
  record Locked(long generation) implements NodeLockAnswer {}

  /** Another instance holds it; {@code owner} is what it wrote (may be empty). */
  record Busy(String owner) implements NodeLockAnswer {}

  /** Someone took the lock since our probe: the plan rests on an outdated observation. */
  record Stale(long observed, long current) implements NodeLockAnswer {}

  /** The script could not work (no flock(1), state directory not writable, ...). */
  record Failed(String why) implements NodeLockAnswer {}

  static NodeLockAnswer parse(Optional<String> firstLine, OptionalInt exit, long observed) {
    String line = firstLine.orElse("");
    if (line.startsWith("locked ")) {
      return number(line.substring(7)).<NodeLockAnswer>map(Locked::new).orElse(unexpected(line));
    }
    if (line.startsWith("busy")) {
      return new Busy(line.substring(4).strip());
    }
    if (line.startsWith("stale ")) {
      return number(line.substring(6))
          .<NodeLockAnswer>map(current -> new Stale(observed, current))
          .orElse(unexpected(line));
    }
    if (line.isEmpty() && exit.isPresent()) {
      return new Failed(
          exit.getAsInt() == NodeLockScript.STATE_DIR_EXIT
              ? NodeLockScript.STATE_DIR + " is not usable (exit 71)"
              : "the lock script exited " + exit.getAsInt() + " (is flock(1) installed?)");
    }
    return unexpected(line);
  }

  private static Failed unexpected(String line) {
    return new Failed("unexpected answer from the lock script: '" + line + "'");
  }

  private static Optional<Long> number(String text) {
    String trimmed = text.strip();
    return trimmed.matches("[0-9]{1,18}") ? Optional.of(Long.parseLong(trimmed)) : Optional.empty();
  }
}
