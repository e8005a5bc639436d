package io.hastorage.operator.status;

import static io.hastorage.operator.status.ConditionTypes.CONVERGED;
import static io.hastorage.operator.status.ConditionTypes.NODES_REACHABLE;
import static io.hastorage.operator.status.ConditionTypes.SPEC_VALID;

import io.hastorage.operator.api.validation.Violation;
import io.hastorage.operator.apply.StepOutcome;
import io.hastorage.operator.observe.Observation;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Collectors;

/** The conditions every resource gets from its {@link EngineRun}: reachability and convergence. */
public final class EngineConditions {

  private EngineConditions() {}

  /**
   * Ready summarises the others: False with the worst reason among them (its type and message
   * quoted), True with {@code readyMessage} when all are True.
   */
  public static DesiredCondition ready(List<DesiredCondition> relevant, String readyMessage) {
    return Reasons.worst(relevant)
        .map(
            w ->
                DesiredCondition.of(
                    ConditionTypes.READY, false, w.reason(), w.type() + ": " + w.message()))
        .orElseGet(
            () -> DesiredCondition.of(ConditionTypes.READY, true, Reasons.READY, readyMessage));
  }

  /**
   * Ready says whether the resource serves its consumer now. True with the serving check's message
   * when it is True, whatever else is reported (a pending change, a peer down: those are Converged
   * and Degraded). Otherwise False with the worst reason among {@code others} and the serving check
   * itself, which is typed Ready so its message is quoted as it is.
   */
  public static DesiredCondition ready(List<DesiredCondition> others, DesiredCondition serving) {
    if (serving.isTrue()) {
      return DesiredCondition.of(ConditionTypes.READY, true, Reasons.READY, serving.message());
    }
    List<DesiredCondition> all = new ArrayList<>(others);
    all.add(serving);
    DesiredCondition worst = Reasons.worst(all).orElse(serving);
    String message =
        worst.type().equals(ConditionTypes.READY)
            ? worst.message()
            : worst.type() + ": " + worst.message();
    return DesiredCondition.of(ConditionTypes.READY, false, worst.reason(), message);
  }

  /** The serving check of {@link #ready(List, DesiredCondition)}: True when the resource serves. */
  public static DesiredCondition serving(boolean serving, String reason, String message) {
    return DesiredCondition.of(ConditionTypes.READY, serving, reason, message);
  }

  /** SecretsAvailable: True with {@code okMessage}, or False naming the unreadable Secret keys. */
  public static DesiredCondition secrets(List<String> problems, String okMessage) {
    return problems.isEmpty()
        ? DesiredCondition.of(ConditionTypes.SECRETS_AVAILABLE, true, "Available", okMessage)
        : DesiredCondition.of(
            ConditionTypes.SECRETS_AVAILABLE,
            false,
            Reasons.SECRET_MISSING,
            String.join("; ", problems));
  }

  public static DesiredCondition specValid(List<Violation> violations) {
    if (violations.isEmpty()) {
      return DesiredCondition.of(SPEC_VALID, true, "Valid", "spec passed validation");
    }
    String message =
        violations.stream().limit(5).map(Violation::toString).collect(Collectors.joining("; "));
    return DesiredCondition.of(SPEC_VALID, false, Reasons.INVALID_SPEC, message);
  }

  public static DesiredCondition nodesReachable(EngineRun run) {
    List<Observation> failed =
        run.observations().values().stream().filter(o -> !o.isReached()).toList();
    if (failed.isEmpty()) {
      return DesiredCondition.of(
          NODES_REACHABLE,
          true,
          "AllNodesReachable",
          "all " + run.observations().size() + " nodes answered the probe");
    }
    Observation worst =
        failed.stream().min(Comparator.comparingInt(o -> Reasons.rank(o.reason()))).get();
    String message =
        failed.stream()
            .map(o -> o.nodeName() + ": " + o.reason() + " (" + o.message() + ")")
            .collect(Collectors.joining("; "));
    return DesiredCondition.of(NODES_REACHABLE, false, worst.reason(), message);
  }

  public static DesiredCondition converged(EngineRun run) {
    int pending = run.plan().size();
    boolean allObserved = run.observations().values().stream().allMatch(Observation::isReached);
    if (pending == 0) {
      return allObserved
          ? DesiredCondition.of(CONVERGED, true, Reasons.CONVERGED, "every node matches the spec")
          : new DesiredCondition(
              CONVERGED,
              ConditionStatus.Unknown,
              Reasons.NODES_UNREACHED,
              "nodes that could not be observed may still differ from the spec");
    }
    if (run.hold().isPresent()) {
      return DesiredCondition.of(
          CONVERGED, false, run.hold().get().reason(), run.hold().get().message());
    }
    List<StepOutcome> stopped =
        run.outcomes().values().stream().filter(o -> !o.completed()).toList();
    if (stopped.isEmpty()) {
      int executed = run.outcomes().values().stream().mapToInt(StepOutcome::stepsExecuted).sum();
      return DesiredCondition.of(
          CONVERGED,
          false,
          Reasons.CONVERGING,
          "applied " + executed + " of " + pending + " steps; the next probe verifies them");
    }
    StepOutcome worst =
        stopped.stream().min(Comparator.comparingInt(o -> Reasons.rank(o.reason()))).get();
    List<String> messages = new ArrayList<>();
    stopped.forEach(o -> messages.add(o.message()));
    return DesiredCondition.of(CONVERGED, false, worst.reason(), String.join("; ", messages));
  }
}
