package io.hastorage.operator.status;

import io.hastorage.operator.api.scst.ScstTarget;
import io.hastorage.operator.api.validation.Violation;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Everything one ScstTarget reconcile learned and did, for the pure aggregator.
 *
 * @param cluster the ClusterAvailable condition
 * @param volumes the VolumesReady condition (the exported DrbdVolumes exist and are Ready)
 * @param agents the AgentsAvailable condition; empty when no target was observed
 * @param agentFamily the agent family chosen, for status
 * @param placement where crm_mon shows each active resource; empty when crm_mon was not read
 * @param sessions initiator sessions on the active node, where the backend reports them
 * @param blockedPortals portals whose portblock DROP rule remains on the active node
 * @param volumeDegradation the exported DrbdVolumes' Degraded findings
 */
public record ScstTargetSnapshot(
    ScstTarget target,
    long generation,
    boolean dryRun,
    List<Violation> violations,
    DesiredCondition cluster,
    DesiredCondition volumes,
    List<String> secretProblems,
    Optional<DesiredCondition> agents,
    Optional<String> agentFamily,
    EngineRun run,
    Optional<Map<String, List<String>>> placement,
    Optional<Integer> sessions,
    List<String> blockedPortals,
    List<Degradation.Finding> volumeDegradation) {

  public static ScstTargetSnapshot stopped(
      ScstTarget target, long generation, List<Violation> violations, DesiredCondition cluster) {
    return new ScstTargetSnapshot(
        target,
        generation,
        false,
        violations,
        cluster,
        null,
        List.of(),
        Optional.empty(),
        Optional.empty(),
        EngineRun.notRun(),
        Optional.empty(),
        Optional.empty(),
        List.of(),
        List.of());
  }

  /** The portal IPs whose VIP resource crm_mon shows active. */
  public Set<String> activeIds() {
    return placement.map(Map::keySet).orElse(Set.of());
  }
}
