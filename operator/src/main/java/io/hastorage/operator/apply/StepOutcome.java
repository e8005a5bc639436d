package io.hastorage.operator.apply;

import io.hastorage.operator.plan.Step;

/**
 * How a node's plan ended: every step done, or stopped at a step that a guard refused or that
 * failed. The reason is CamelCase and goes into a condition as is.
 */
public record StepOutcome(
    String node, int stepsExecuted, Step stoppedAt, Kind kind, String reason, String message) {

  /** How applying a node's steps ended. */
  public enum Kind {
    Completed,
    Refused,
    Failed,
    NodeBusy
  }

  public static StepOutcome completed(String node, int executed) {
    return new StepOutcome(node, executed, null, Kind.Completed, "", "");
  }

  public boolean completed() {
    return kind == Kind.Completed;
  }
}
