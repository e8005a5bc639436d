package io.hastorage.operator.status;

import static io.hastorage.operator.status.ConditionTypes.PREREQUISITES_MET;

import io.hastorage.operator.api.cluster.ClusterNode;
import io.hastorage.operator.api.validation.Violation;
import io.hastorage.operator.observe.Observation;
import io.hastorage.operator.plan.prereq.PrerequisiteReport;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;

/** The individual conditions of a StorageCluster, each computed from the snapshot alone. */
final class StorageClusterConditions {

  private StorageClusterConditions() {}

  static DesiredCondition specValid(List<Violation> violations) {
    return EngineConditions.specValid(violations);
  }

  static DesiredCondition nodesReachable(ClusterSnapshot snapshot) {
    return EngineConditions.nodesReachable(snapshot.engineRun());
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
    return EngineConditions.converged(snapshot.engineRun());
  }

  static String nodesReachableSummary(List<ClusterNode> nodes, ClusterSnapshot snapshot) {
    long reached = snapshot.observations().values().stream().filter(Observation::isReached).count();
    return reached + "/" + nodes.size();
  }
}
