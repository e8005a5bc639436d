package io.hastorage.operator.status;

import io.fabric8.kubernetes.api.model.Condition;
import io.hastorage.operator.api.scst.Lun;
import io.hastorage.operator.api.scst.Portal;
import io.hastorage.operator.api.scst.ScstTarget;
import io.hastorage.operator.api.scst.ScstTargetStatus;
import io.hastorage.operator.plan.scst.LunIdentity;
import io.hastorage.operator.plan.scst.ScstTargetElements;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Builds an ScstTarget's status from one reconcile's snapshot. Pure: the same snapshot and previous
 * status give the same result.
 */
public final class ScstTargetStatusAggregator {

  private final Clock clock;

  public ScstTargetStatusAggregator(Clock clock) {
    this.clock = clock;
  }

  public ScstTargetStatus aggregate(ScstTargetSnapshot snapshot, ScstTargetStatus previous) {
    ScstTargetStatus status = new ScstTargetStatus();
    status.observedGeneration = snapshot.generation();
    List<DesiredCondition> conditions = new ArrayList<>();
    conditions.add(EngineConditions.specValid(snapshot.violations()));
    DesiredCondition running = null;
    if (snapshot.violations().isEmpty()) {
      conditions.add(snapshot.cluster());
      if (snapshot.volumes() != null) {
        conditions.add(snapshot.volumes());
      }
      if (!snapshot.run().observations().isEmpty()) {
        conditions.add(secrets(snapshot.secretProblems()));
        conditions.add(EngineConditions.nodesReachable(snapshot.run()));
        snapshot.agents().ifPresent(conditions::add);
        running = running(snapshot);
        conditions.add(running);
        conditions.add(converged(snapshot));
        fill(status, snapshot);
        if (snapshot.dryRun()) {
          status.plannedSteps.addAll(
              snapshot.run().plan().summary(snapshot.run().observations().keySet()));
        }
      }
    }
    status.lastActiveNode =
        status.activeNode != null
            ? status.activeNode
            : previous == null ? null : previous.lastActiveNode;
    // serving is TargetRunning alone: a volume converging or resyncing, a peer down, do not stop
    // initiators from using the target
    DesiredCondition serving =
        running == null
            ? EngineConditions.serving(false, Reasons.NODES_UNREACHED, "no target was observed")
            : EngineConditions.serving(
                running.isTrue(), running.reason(), "serving on " + status.activeNode);
    conditions.add(0, EngineConditions.ready(conditions, serving));
    if (running != null) {
      conditions.add(degraded(snapshot));
    }
    List<Condition> before = previous == null ? List.of() : previous.conditions;
    status.conditions =
        Conditions.merge(before, conditions, snapshot.generation(), clock.instant());
    return status;
  }

  /**
   * The engine's Converged, except that nothing can be planned while an exported volume is missing
   * or the agents are: an empty plan then does not mean the target matches the spec.
   */
  private static DesiredCondition converged(ScstTargetSnapshot snapshot) {
    DesiredCondition engine = EngineConditions.converged(snapshot.run());
    if (!engine.isTrue()) {
      return engine;
    }
    for (DesiredCondition blocker :
        java.util.stream.Stream.concat(
                java.util.stream.Stream.ofNullable(snapshot.volumes()), snapshot.agents().stream())
            .filter(c -> !c.isTrue())
            .toList()) {
      return DesiredCondition.of(
          ConditionTypes.CONVERGED,
          false,
          blocker.reason(),
          "nothing can be planned yet: " + blocker.message());
    }
    return engine;
  }

  /** A target that cannot fail over (a target down), or a LUN whose volume is not redundant. */
  static DesiredCondition degraded(ScstTargetSnapshot snapshot) {
    List<Degradation.Finding> findings =
        new ArrayList<>(
            Degradation.unreached(
                snapshot.run().observations().values(),
                Degradation.PEER_DOWN,
                ": the target cannot fail over to it"));
    findings.addAll(snapshot.volumeDegradation());
    return Degradation.of(findings, "both targets can run the target; its volumes are redundant");
  }

  private static DesiredCondition secrets(List<String> problems) {
    return EngineConditions.secrets(problems, "CHAP credentials read, or none");
  }

  /** Running where crm_mon shows the target primitive active, with its portals. */
  static DesiredCondition running(ScstTargetSnapshot snapshot) {
    if (snapshot.placement().isEmpty()) {
      return new DesiredCondition(
          ConditionTypes.TARGET_RUNNING,
          ConditionStatus.Unknown,
          Reasons.CIB_UNREADABLE,
          "no target answered crm_mon");
    }
    String name = snapshot.target().getMetadata().getName();
    Optional<String> node = activeNode(snapshot);
    if (node.isEmpty()) {
      return DesiredCondition.of(
          ConditionTypes.TARGET_RUNNING,
          false,
          Reasons.DRBD_NOT_RUNNING,
          "Pacemaker runs the target on no node");
    }
    List<String> down =
        snapshot.target().getSpec().portals.stream()
            .map(p -> p.ip)
            .filter(ip -> !snapshot.activeIds().contains(ScstTargetElements.portalId(name, ip)))
            .toList();
    if (down.isEmpty() && !snapshot.blockedPortals().isEmpty()) {
      return DesiredCondition.of(
          ConditionTypes.TARGET_RUNNING,
          false,
          "ClientsBlocked",
          "active on "
              + node.get()
              + ", but portblock's DROP rule is still there for "
              + String.join(", ", snapshot.blockedPortals())
              + ": clients cannot connect (iptables -S INPUT on that node)");
    }
    return down.isEmpty()
        ? DesiredCondition.of(
            ConditionTypes.TARGET_RUNNING,
            true,
            "Running",
            "active on " + node.get() + " with every portal up")
        : DesiredCondition.of(
            ConditionTypes.TARGET_RUNNING,
            false,
            "PortalDown",
            "active on " + node.get() + ", portals not up: " + String.join(", ", down));
  }

  static Optional<String> activeNode(ScstTargetSnapshot snapshot) {
    String id = ScstTargetElements.targetId(snapshot.target().getMetadata().getName());
    return snapshot
        .placement()
        .map(p -> p.getOrDefault(id, List.of()))
        .flatMap(nodes -> nodes.stream().findFirst());
  }

  private static void fill(ScstTargetStatus status, ScstTargetSnapshot snapshot) {
    ScstTarget target = snapshot.target();
    String name = target.getMetadata().getName();
    status.activeNode = activeNode(snapshot).orElse(null);
    status.agents = snapshot.agentFamily().orElse(null);
    for (Portal portal : target.getSpec().portals) {
      ScstTargetStatus.PortalState state = new ScstTargetStatus.PortalState();
      state.ip = portal.ip;
      state.port = portal.port == null ? 3260 : portal.port;
      state.network = portal.network;
      state.up =
          snapshot.placement().isEmpty()
              ? null
              : snapshot.activeIds().contains(ScstTargetElements.portalId(name, portal.ip));
      status.portals.add(state);
    }
    for (Lun lun : target.getSpec().luns) {
      LunIdentity identity = LunIdentity.of(target.getSpec().iqn, lun.number);
      ScstTargetStatus.LunState state = new ScstTargetStatus.LunState();
      state.number = lun.number;
      state.deviceName = lun.deviceName;
      state.scsiSn = identity.serial();
      state.t10DevId = identity.t10DevId();
      status.luns.add(state);
    }
    status.sessions = status.activeNode == null ? null : snapshot.sessions().orElse(null);
  }
}
