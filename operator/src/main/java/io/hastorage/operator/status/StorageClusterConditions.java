package io.hastorage.operator.status;

import static io.hastorage.operator.status.ConditionTypes.CONVERGED;
import static io.hastorage.operator.status.ConditionTypes.NODES_REACHABLE;
import static io.hastorage.operator.status.ConditionTypes.PREREQUISITES_MET;
import static io.hastorage.operator.status.ConditionTypes.SPEC_VALID;

import io.hastorage.operator.api.cluster.ClusterNode;
import io.hastorage.operator.api.validation.Violation;
import io.hastorage.operator.apply.StepOutcome;
import io.hastorage.operator.observe.Observation;
import io.hastorage.operator.plan.prereq.PrerequisiteReport;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;

/** The individual conditions of a StorageCluster, each computed from the snapshot alone. */
final class StorageClusterConditions {

  private StorageClusterConditions() {}

  static DesiredCondition specValid(List<Violation> violations) {
    if (violations.isEmpty()) {
      return DesiredCondition.of(SPEC_VALID, true, "Valid", "spec passed validation");
    }
    String message =
        violations.stream().limit(5).map(Violation::toString).collect(Collectors.joining("; "));
    return DesiredCondition.of(SPEC_VALID, false, Reasons.INVALID_SPEC, message);
  }

  static DesiredCondition nodesReachable(ClusterSnapshot snapshot) {
    List<Observation> failed =
        snapshot.observations().values().stream().filter(o -> !o.isReached()).toList();
    if (failed.isEmpty()) {
      return DesiredCondition.of(
          NODES_REACHABLE,
          true,
          "AllNodesReachable",
          "all " + snapshot.observations().size() + " nodes answered the probe");
    }
    Observation worst =
        failed.stream().min(Comparator.comparingInt(o -> Reasons.rank(o.reason()))).get();
    String message =
        failed.stream()
            .map(o -> o.nodeName() + ": " + o.reason() + " (" + o.message() + ")")
            .collect(Collectors.joining("; "));
    return DesiredCondition.of(NODES_REACHABLE, false, worst.reason(), message);
  }

  static DesiredCondition prerequisitesMet(ClusterSnapshot snapshot) {
    List<PrerequisiteReport> lacking =
        snapshot.prerequisites().values().stream().filter(r -> !r.satisfied()).toList();
    if (lacking.isEmpty()) {
      boolean complete = snapshot.prerequisites().size() == snapshot.observations().size();
      return complete
          ? DesiredCondition.of(
              PREREQUISITES_MET, true, "AllPresent", "every node has its packages and modules")
          : new DesiredCondition(
              PREREQUISITES_MET,
              ConditionStatus.Unknown,
              Reasons.NODES_UNREACHED,
              "not every node could be checked");
    }
    boolean unsupported = lacking.stream().anyMatch(r -> !r.supportedOs());
    boolean install = snapshot.spec().prerequisitesOrEmpty().installOrDefault();
    String lackingText =
        lacking.stream().map(r -> r.node() + ": " + r.describe()).collect(Collectors.joining("; "));
    if (install && !unsupported && !snapshot.paused() && !snapshot.dryRun()) {
      return DesiredCondition.of(
          PREREQUISITES_MET, false, Reasons.INSTALLING, "installing " + lackingText);
    }
    String hint =
        install ? "" : " (set spec.prerequisites.install: true to let the operator install them)";
    return DesiredCondition.of(
        PREREQUISITES_MET,
        false,
        unsupported ? Reasons.UNSUPPORTED_OS : Reasons.MISSING_PREREQUISITES,
        lackingText + hint);
  }

  static Optional<DesiredCondition> warning(ClusterSnapshot snapshot) {
    if (!snapshot.spec().pacemakerOrEmpty().unfencedLabOrDefault()) {
      return Optional.empty();
    }
    return Optional.of(
        DesiredCondition.of(
            ConditionTypes.WARNING,
            true,
            Reasons.UNFENCED_LAB,
            "fencing is not required (spec.pacemaker.unfencedLab): a split cluster can corrupt data."
                + " Never run production storage without STONITH."));
  }

  static DesiredCondition converged(ClusterSnapshot snapshot) {
    int pending = snapshot.plan().size();
    boolean allObserved =
        snapshot.observations().values().stream().allMatch(Observation::isReached);
    if (pending == 0) {
      return allObserved
          ? DesiredCondition.of(CONVERGED, true, Reasons.CONVERGED, "every node matches the spec")
          : new DesiredCondition(
              CONVERGED,
              ConditionStatus.Unknown,
              Reasons.NODES_UNREACHED,
              "nodes that could not be observed may still differ from the spec");
    }
    if (snapshot.paused()) {
      return DesiredCondition.of(
          CONVERGED,
          false,
          Reasons.PAUSED,
          pending + " steps pending; nothing is changed while hastorage.io/paused is set");
    }
    if (snapshot.dryRun()) {
      return DesiredCondition.of(
          CONVERGED,
          false,
          Reasons.DRY_RUN,
          pending
              + " steps planned, none executed (hastorage.io/dry-run); see status.plannedSteps");
    }
    return fromOutcomes(snapshot, pending);
  }

  private static DesiredCondition fromOutcomes(ClusterSnapshot snapshot, int pending) {
    List<StepOutcome> stopped =
        snapshot.outcomes().values().stream().filter(o -> !o.completed()).toList();
    if (stopped.isEmpty()) {
      int executed =
          snapshot.outcomes().values().stream().mapToInt(StepOutcome::stepsExecuted).sum();
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

  static String nodesReachableSummary(List<ClusterNode> nodes, ClusterSnapshot snapshot) {
    long reached = snapshot.observations().values().stream().filter(Observation::isReached).count();
    return reached + "/" + nodes.size();
  }
}
