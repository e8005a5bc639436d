package io.hastorage.operator.status;

import io.hastorage.operator.apply.StepOutcome;
import io.hastorage.operator.observe.Observation;
import io.hastorage.operator.plan.Plan;
import java.util.Map;
import java.util.Optional;

/**
 * What the observe → plan → apply engine did in one reconcile, whichever resource it ran for.
 *
 * @param hold why the plan was not applied (paused, dry-run, waiting for another resource); empty
 *     when it was
 * @param outcomes per node, how applying went; empty when nothing was applied
 */
public record EngineRun(
    Map<String, Observation> observations,
    Plan plan,
    Map<String, StepOutcome> outcomes,
    Optional<Hold> hold) {

  /** A reason, CamelCase, and the sentence saying why nothing was changed. */
  public record Hold(String reason, String message) {}

  public static EngineRun notRun() {
    return new EngineRun(Map.of(), Plan.empty(), Map.of(), Optional.empty());
  }

  /** The hold the paused and dry-run annotations put on a plan of {@code pending} steps. */
  public static Optional<Hold> annotationHold(boolean paused, boolean dryRun, int pending) {
    if (paused) {
      return Optional.of(
          new Hold(
              Reasons.PAUSED,
              pending + " steps pending; nothing is changed while hastorage.io/paused is set"));
    }
    if (dryRun) {
      return Optional.of(
          new Hold(
              Reasons.DRY_RUN,
              pending
                  + " steps planned, none executed (hastorage.io/dry-run); see"
                  + " status.plannedSteps"));
    }
    return Optional.empty();
  }
}
