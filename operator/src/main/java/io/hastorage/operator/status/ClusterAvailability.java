package io.hastorage.operator.status;

import io.hastorage.operator.api.cluster.StorageCluster;
import io.hastorage.operator.api.cluster.StorageClusterSpec;
import io.hastorage.operator.api.drbd.DrbdVolumeSpec;
import io.hastorage.operator.api.validation.SpecValidator;
import io.hastorage.operator.api.validation.Violation;
import java.util.List;
import java.util.Optional;

/**
 * Whether a resource may use the StorageCluster it names. Missing or invalid: nothing is observed
 * (its nodes cannot be trusted). Present but not converged: the volume is observed and reported,
 * but nothing is changed until the cluster layer (Pacemaker, LVM filter and system ID) is in place.
 *
 * @param condition the ClusterAvailable condition
 * @param violations the resource's spec checked against the cluster (unknown nodes, networks)
 */
public record ClusterAvailability(
    DesiredCondition condition, boolean observable, boolean mayChange, List<Violation> violations) {

  public static ClusterAvailability of(DrbdVolumeSpec spec, Optional<StorageCluster> cluster) {
    return of(spec.clusterRef.name, cluster, c -> SpecValidator.validateAgainst(spec, c));
  }

  /**
   * @param crossCheck the resource's spec checked against the cluster's (names, networks)
   */
  public static ClusterAvailability of(
      String name,
      Optional<StorageCluster> cluster,
      java.util.function.Function<StorageClusterSpec, List<Violation>> crossCheck) {
    if (cluster.isEmpty()) {
      return blocked(
          Reasons.CLUSTER_NOT_FOUND, "StorageCluster " + name + " not found in this namespace");
    }
    if (!SpecValidator.validateResource(cluster.get()).isEmpty()) {
      return blocked(
          Reasons.CLUSTER_INVALID,
          "StorageCluster " + name + " has an invalid spec; its nodes are not used");
    }
    List<Violation> violations = crossCheck.apply(cluster.get().getSpec());
    if (!violations.isEmpty()) {
      return new ClusterAvailability(
          condition(false, Reasons.CLUSTER_INVALID, "the spec does not fit StorageCluster " + name),
          false,
          false,
          violations);
    }
    Optional<io.fabric8.kubernetes.api.model.Condition> converged =
        Optional.ofNullable(cluster.get().getStatus())
            .flatMap(s -> s.condition(ConditionTypes.CONVERGED));
    if (converged.map(c -> "True".equals(c.getStatus())).orElse(false)) {
      return new ClusterAvailability(
          condition(true, "ClusterConverged", "StorageCluster " + name + " is converged"),
          true,
          true,
          List.of());
    }
    String why = converged.map(c -> c.getReason() + ": " + c.getMessage()).orElse("no status yet");
    return new ClusterAvailability(
        condition(
            false,
            Reasons.WAITING_FOR_CLUSTER,
            "StorageCluster "
                + name
                + " is not converged ("
                + why
                + "); the nodes are observed and reported, changes wait"),
        true,
        false,
        List.of());
  }

  private static ClusterAvailability blocked(String reason, String message) {
    return new ClusterAvailability(condition(false, reason, message), false, false, List.of());
  }

  private static DesiredCondition condition(boolean ok, String reason, String message) {
    return DesiredCondition.of(ConditionTypes.CLUSTER_AVAILABLE, ok, reason, message);
  }
}
