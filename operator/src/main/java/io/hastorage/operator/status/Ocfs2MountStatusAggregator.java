package io.hastorage.operator.status;

import io.fabric8.kubernetes.api.model.Condition;
import io.hastorage.operator.api.ocfs2.Ocfs2MountStatus;
import io.hastorage.operator.plan.ocfs2.FailoverBudget;
import io.hastorage.operator.plan.ocfs2.FilesystemCheck;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;

/**
 * Builds an Ocfs2Mount's status from one reconcile's snapshot. Pure. The device's identity (WWID,
 * file system UUID) is kept from the previous status once learnt: it is what later reconciles
 * compare the device with before they format or mount anything.
 */
public final class Ocfs2MountStatusAggregator {

  private final Clock clock;

  public Ocfs2MountStatusAggregator(Clock clock) {
    this.clock = clock;
  }

  public Ocfs2MountStatus aggregate(Ocfs2MountSnapshot snapshot, Ocfs2MountStatus previous) {
    Ocfs2MountStatus status = new Ocfs2MountStatus();
    status.observedGeneration = snapshot.generation();
    status.wwid = previous == null ? null : previous.wwid;
    status.filesystemUuid = previous == null ? null : previous.filesystemUuid;
    status.volumeGeneration = snapshot.volumeGeneration();
    List<DesiredCondition> conditions = new ArrayList<>();
    conditions.add(EngineConditions.specValid(snapshot.violations()));
    String readyMessage = "";
    if (snapshot.violations().isEmpty()) {
      conditions.add(snapshot.cluster());
      if (snapshot.target() != null) {
        conditions.add(snapshot.target());
      }
      snapshot.budget().ifPresent(b -> conditions.add(timeouts(b)));
      if (!snapshot.run().observations().isEmpty()) {
        conditions.add(
            EngineConditions.secrets(snapshot.secretProblems(), "CHAP credentials read, or none"));
        conditions.add(EngineConditions.nodesReachable(snapshot.run()));
        DesiredCondition filesystem = filesystem(snapshot);
        conditions.add(filesystem);
        conditions.add(mounted(snapshot));
        conditions.add(converged(snapshot, filesystem));
        fill(status, snapshot);
        if (snapshot.dryRun()) {
          status.plannedSteps.addAll(
              snapshot.run().plan().summary(snapshot.run().observations().keySet()));
        }
        readyMessage = "mounted on " + status.mounted + " initiators";
      }
    }
    conditions.add(0, EngineConditions.ready(conditions, serving(snapshot, readyMessage)));
    // a degraded path set is not unreadiness: I/O still flows on the others. Before any session
    // exists there are no paths to judge.
    boolean loggedIn = snapshot.initiators().stream().anyMatch(i -> i.sessions() > 0);
    if (loggedIn && snapshot.violations().isEmpty()) {
      conditions.add(paths(snapshot));
    }
    if (snapshot.violations().isEmpty() && !snapshot.run().observations().isEmpty()) {
      conditions.add(degraded(snapshot));
    }
    List<Condition> before = previous == null ? List.of() : previous.conditions;
    status.conditions =
        Conditions.merge(before, conditions, snapshot.generation(), clock.instant());
    return status;
  }

  /**
   * The mount serves when the file system is mounted on every initiator that answers, each with at
   * least one path up: the target may be moving, a path or a target may be down, but I/O flows. An
   * initiator that does not answer has no consumer to serve; Degraded names it.
   */
  static DesiredCondition serving(Ocfs2MountSnapshot snapshot, String readyMessage) {
    if (snapshot.initiators().isEmpty()) {
      return EngineConditions.serving(false, Reasons.NODES_UNREACHED, "no initiator was observed");
    }
    List<String> unmounted =
        snapshot.initiators().stream().filter(i -> !i.mounted()).map(i -> i.node()).toList();
    if (!unmounted.isEmpty()) {
      return EngineConditions.serving(
          false, Reasons.CONVERGING, "not mounted on " + String.join(", ", unmounted));
    }
    List<String> pathless =
        snapshot.initiators().stream().filter(i -> i.pathsUp() == 0).map(i -> i.node()).toList();
    if (!pathless.isEmpty()) {
      return EngineConditions.serving(
          false,
          Reasons.NO_PATH,
          "mounted, but no path to the LUN is up on "
              + String.join(", ", pathless)
              + ": I/O is queued (multipath no_path_retry) until a portal answers");
    }
    return EngineConditions.serving(true, Reasons.READY, readyMessage);
  }

  /**
   * Lost redundancy: an initiator that does not answer, a path down, timeouts a failover would not
   * survive, or a degraded target.
   */
  static DesiredCondition degraded(Ocfs2MountSnapshot snapshot) {
    List<Degradation.Finding> findings =
        new ArrayList<>(
            Degradation.unreached(
                snapshot.run().observations().values(), Degradation.NODE_UNREACHABLE, ""));
    List<String> down =
        snapshot.initiators().stream()
            .filter(i -> i.sessions() > 0 && i.pathsUp() < i.pathsTotal())
            .map(i -> i.node() + " " + i.pathsUp() + "/" + i.pathsTotal())
            .toList();
    if (!down.isEmpty()) {
      findings.add(
          new Degradation.Finding(Degradation.PATH_DOWN, "paths up: " + String.join(", ", down)));
    }
    snapshot
        .budget()
        .filter(b -> !b.safe())
        .ifPresent(
            b ->
                findings.add(
                    new Degradation.Finding(
                        Reasons.UNSAFE_TIMEOUTS,
                        "a target failover would not be survived: " + b.explain())));
    findings.addAll(snapshot.targetDegradation());
    return Degradation.of(findings, "every initiator has all its paths; the target is redundant");
  }

  static DesiredCondition timeouts(FailoverBudget.Result budget) {
    return budget.safe()
        ? DesiredCondition.of(ConditionTypes.TIMEOUTS_SAFE, true, "WithinBudget", budget.explain())
        : DesiredCondition.of(
            ConditionTypes.TIMEOUTS_SAFE, false, Reasons.UNSAFE_TIMEOUTS, budget.explain());
  }

  static DesiredCondition filesystem(Ocfs2MountSnapshot snapshot) {
    if (snapshot.deviceProblem().isPresent()) {
      return snapshot.deviceProblem().get();
    }
    if (snapshot.filesystem().isEmpty()) {
      return DesiredCondition.of(
          ConditionTypes.FILESYSTEM_READY,
          false,
          Reasons.WAITING_FOR_DEVICE,
          snapshot.wwid().isPresent()
              ? "the LUN is " + snapshot.wwid().get() + "; its content is read next"
              : "no initiator sees the LUN through multipath yet");
    }
    FilesystemCheck check = snapshot.filesystem().get();
    return switch (check.verdict()) {
      case OURS, ADOPTED ->
          DesiredCondition.of(ConditionTypes.FILESYSTEM_READY, true, "Formatted", check.message());
      case BLANK ->
          DesiredCondition.of(
              ConditionTypes.FILESYSTEM_READY,
              false,
              Reasons.WAITING_FOR_DEVICE,
              check.message() + "; mkfs.ocfs2 runs once, on " + formatNode(snapshot));
      default ->
          DesiredCondition.of(
              ConditionTypes.FILESYSTEM_READY, false, check.reason(), check.message());
    };
  }

  private static String formatNode(Ocfs2MountSnapshot snapshot) {
    return snapshot.initiators().isEmpty() ? "the first node" : snapshot.initiators().get(0).node();
  }

  static DesiredCondition mounted(Ocfs2MountSnapshot snapshot) {
    List<String> missing =
        snapshot.initiators().stream().filter(i -> !i.mounted()).map(i -> i.node()).toList();
    int total =
        snapshot.mount().getSpec().nodes.isEmpty()
            ? snapshot.initiators().size()
            : snapshot.mount().getSpec().nodes.size();
    if (missing.isEmpty() && snapshot.initiators().size() == total) {
      return DesiredCondition.of(
          ConditionTypes.MOUNTED, true, "Mounted", "mounted on all " + total + " initiators");
    }
    return DesiredCondition.of(
        ConditionTypes.MOUNTED,
        false,
        Reasons.CONVERGING,
        "not mounted on " + (missing.isEmpty() ? "unobserved nodes" : String.join(", ", missing)));
  }

  static DesiredCondition paths(Ocfs2MountSnapshot snapshot) {
    List<String> degraded =
        snapshot.initiators().stream()
            .filter(i -> i.pathsUp() < i.pathsTotal())
            .map(i -> i.node() + " " + i.pathsUp() + "/" + i.pathsTotal())
            .toList();
    return degraded.isEmpty()
        ? DesiredCondition.of(
            ConditionTypes.PATHS_HEALTHY, true, "AllPathsUp", "every portal's path is up")
        : DesiredCondition.of(
            ConditionTypes.PATHS_HEALTHY,
            false,
            "PathsDegraded",
            "paths up: " + String.join(", ", degraded));
  }

  /** The engine's Converged, except that an empty plan with no usable file system is not done. */
  private static DesiredCondition converged(
      Ocfs2MountSnapshot snapshot, DesiredCondition filesystem) {
    DesiredCondition engine = EngineConditions.converged(snapshot.run());
    if (!engine.isTrue() || filesystem.isTrue()) {
      return engine;
    }
    return DesiredCondition.of(
        ConditionTypes.CONVERGED,
        false,
        filesystem.reason(),
        "the file system is not usable yet: " + filesystem.message());
  }

  private static void fill(Ocfs2MountStatus status, Ocfs2MountSnapshot snapshot) {
    if (status.wwid == null && snapshot.deviceProblem().isEmpty()) {
      status.wwid = snapshot.wwid().orElse(null);
    }
    snapshot
        .filesystem()
        .filter(FilesystemCheck::mountable)
        .flatMap(f -> f.found())
        .flatMap(d -> d.uuid())
        .ifPresent(uuid -> status.filesystemUuid = uuid);
    int mounted = 0;
    for (Ocfs2MountSnapshot.Initiator i : snapshot.initiators()) {
      Ocfs2MountStatus.InitiatorState state = new Ocfs2MountStatus.InitiatorState();
      state.node = i.node();
      state.initiatorName = i.initiatorName();
      state.sessions = i.sessions();
      state.pathsUp = i.pathsUp();
      state.pathsTotal = i.pathsTotal();
      state.mounted = i.mounted();
      state.wwid = i.wwid();
      status.nodes.add(state);
      mounted += i.mounted() ? 1 : 0;
    }
    int total =
        snapshot.mount().getSpec().nodes.isEmpty()
            ? snapshot.initiators().size()
            : snapshot.mount().getSpec().nodes.size();
    status.mounted = mounted + "/" + total;
  }
}
