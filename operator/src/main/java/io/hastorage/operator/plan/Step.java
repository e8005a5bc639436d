package io.hastorage.operator.plan;

import java.util.Objects;

/**
 * One thing to do on one node: a one-line description, the guard that must allow it, and the
 * action. Steps are data: printed by the plan command, recorded by dry-run, asserted in tests.
 */
public record Step(String node, String description, Guard guard, Action action) {

  public Step {
    Objects.requireNonNull(node, "node");
    Objects.requireNonNull(description, "description");
    Objects.requireNonNull(guard, "guard");
    Objects.requireNonNull(action, "action");
  }

  public static Step of(String node, String description, Action action) {
    return new Step(node, description, Guard.ALWAYS, action);
  }

  @Override
  public String toString() {
    return node + ": " + description;
  }
}
