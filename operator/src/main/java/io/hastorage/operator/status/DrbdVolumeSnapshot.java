package io.hastorage.operator.status;

import io.hastorage.operator.api.drbd.DrbdVolumeSpec;
import io.hastorage.operator.api.validation.Violation;
import io.hastorage.operator.plan.drbd.DrbdObservation;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Everything one DrbdVolume reconcile learned and did, handed to the pure aggregator.
 *
 * @param cluster the ClusterAvailable condition: whether the StorageCluster exists, is valid and
 *     converged (the engine only changes nodes when it is)
 * @param secretProblems the shared-secret Secret (by name and key, never value) when unreadable
 * @param drbd per observed target, the resource as DRBD reports it
 * @param placement where crm_mon shows each active resource; empty when crm_mon was not read
 */
public record DrbdVolumeSnapshot(
    DrbdVolumeSpec spec,
    long generation,
    boolean dryRun,
    List<Violation> violations,
    DesiredCondition cluster,
    List<String> secretProblems,
    EngineRun run,
    Map<String, DrbdObservation> drbd,
    Optional<Map<String, List<String>>> placement) {

  /** Nothing was observed: the spec is invalid or the cluster cannot be used. */
  public static DrbdVolumeSnapshot stopped(
      DrbdVolumeSpec spec, long generation, List<Violation> violations, DesiredCondition cluster) {
    return new DrbdVolumeSnapshot(
        spec,
        generation,
        false,
        violations,
        cluster,
        List.of(),
        EngineRun.notRun(),
        Map.of(),
        Optional.empty());
  }
}
