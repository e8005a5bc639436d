package io.hastorage.operator.status;

import io.hastorage.operator.api.ocfs2.Ocfs2Mount;
import io.hastorage.operator.api.validation.Violation;
import io.hastorage.operator.plan.ocfs2.FailoverBudget;
import io.hastorage.operator.plan.ocfs2.FilesystemCheck;
import java.util.List;
import java.util.Optional;

/**
 * Everything one Ocfs2Mount reconcile learnt and did, for the pure aggregator.
 *
 * @param target the TargetReady condition; null when the reconcile stopped before looking
 * @param budget the failover-budget arithmetic; empty when the spec was not valid
 * @param initiators what each mount node showed
 * @param wwid the LUN's WWID: the one status had, or the one every node agrees on
 * @param deviceProblem FilesystemReady=False when the nodes disagree on the WWID, or it is not the
 *     one recorded
 * @param filesystem what the device holds, judged on one node that sees it
 * @param volumeGeneration the exported volume generation the initiators have rescanned for
 * @param targetDegradation the ScstTarget's Degraded finding, when it has lost redundancy
 */
public record Ocfs2MountSnapshot(
    Ocfs2Mount mount,
    long generation,
    boolean dryRun,
    List<Violation> violations,
    DesiredCondition cluster,
    DesiredCondition target,
    List<String> secretProblems,
    Optional<FailoverBudget.Result> budget,
    EngineRun run,
    List<Initiator> initiators,
    Optional<String> wwid,
    Optional<DesiredCondition> deviceProblem,
    Optional<FilesystemCheck> filesystem,
    Long volumeGeneration,
    List<Degradation.Finding> targetDegradation) {

  /** One initiator as observed. */
  public record Initiator(
      String node,
      String initiatorName,
      int sessions,
      int pathsUp,
      int pathsTotal,
      boolean mounted,
      String wwid) {}

  public static Ocfs2MountSnapshot stopped(
      Ocfs2Mount mount,
      long generation,
      List<Violation> violations,
      DesiredCondition cluster,
      DesiredCondition target) {
    return new Ocfs2MountSnapshot(
        mount,
        generation,
        false,
        violations,
        cluster,
        target,
        List.of(),
        Optional.empty(),
        EngineRun.notRun(),
        List.of(),
        Optional.empty(),
        Optional.empty(),
        Optional.empty(),
        mount.getStatus() == null ? null : mount.getStatus().volumeGeneration,
        List.of());
  }
}
