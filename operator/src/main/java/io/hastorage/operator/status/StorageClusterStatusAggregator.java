package io.hastorage.operator.status;

import io.fabric8.kubernetes.api.model.Condition;
import io.hastorage.operator.api.cluster.ClusterNode;
import io.hastorage.operator.api.cluster.NodeStatus;
import io.hastorage.operator.api.cluster.StorageClusterStatus;
import io.hastorage.operator.observe.NodeFacts;
import io.hastorage.operator.observe.Observation;
import io.hastorage.operator.observe.Tool;
import io.hastorage.operator.plan.prereq.PackageRequirement;
import io.hastorage.operator.plan.prereq.PrerequisiteReport;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Builds a StorageCluster's status from one reconcile's snapshot. Pure: the same snapshot and
 * previous status always give the same result, which is what lets the reconciler skip the status
 * write when nothing changed.
 */
public final class StorageClusterStatusAggregator {

  /** Reported, but not required for Ready (a lab without fencing; a redundant ring down). */
  private static final Set<String> INFORMATIONAL =
      Set.of(ConditionTypes.LINKS_HEALTHY, ConditionTypes.WARNING);

  private final Clock clock;

  public StorageClusterStatusAggregator(Clock clock) {
    this.clock = clock;
  }

  public StorageClusterStatus aggregate(ClusterSnapshot snapshot, StorageClusterStatus previous) {
    StorageClusterStatus status = new StorageClusterStatus();
    status.observedGeneration = snapshot.generation();
    List<DesiredCondition> conditions = new ArrayList<>();
    conditions.add(StorageClusterConditions.specValid(snapshot.violations()));
    if (snapshot.violations().isEmpty()) {
      conditions.add(StorageClusterConditions.nodesReachable(snapshot));
      conditions.add(StorageClusterConditions.prerequisitesMet(snapshot));
      conditions.add(ClusterLayerConditions.secrets(snapshot));
      conditions.add(ClusterLayerConditions.clusterFormed(snapshot));
      conditions.add(ClusterLayerConditions.fencing(snapshot));
      ClusterLayerConditions.links(snapshot).ifPresent(conditions::add);
      ClusterLayerConditions.corosyncRuntime(snapshot).ifPresent(conditions::add);
      conditions.add(StorageClusterConditions.converged(snapshot));
      snapshot.spec().nodes.forEach(node -> status.nodes.add(nodeStatus(node, snapshot)));
      status.nodesReachable =
          StorageClusterConditions.nodesReachableSummary(snapshot.spec().nodes, snapshot);
      status.cluster = ClusterLayerConditions.clusterState(snapshot);
      if (snapshot.dryRun()) {
        status.plannedSteps.addAll(
            snapshot.plan().summary(snapshot.spec().nodes.stream().map(n -> n.name).toList()));
      }
    }
    StorageClusterConditions.warning(snapshot).ifPresent(conditions::add);
    conditions.add(0, ready(conditions));
    if (snapshot.violations().isEmpty()) {
      conditions.add(degraded(conditions));
    }
    List<Condition> before = previous == null ? List.of() : previous.conditions;
    status.conditions =
        Conditions.merge(before, conditions, snapshot.generation(), clock.instant());
    return status;
  }

  /**
   * The cluster serves when it is formed and quorate with a target online (another target may be
   * offline: that is Degraded) and resources may run: fenced, or a lab that says it is not.
   * Reported conditions such as a Corosync link down or a pending change do not make it unready.
   */
  private static DesiredCondition ready(List<DesiredCondition> conditions) {
    Optional<DesiredCondition> formed = find(conditions, ConditionTypes.CLUSTER_FORMED);
    Optional<DesiredCondition> fencing = find(conditions, ConditionTypes.FENCING_CONFIGURED);
    boolean quorate =
        formed.map(c -> c.isTrue() || c.reason().equals(Reasons.TARGET_OFFLINE)).orElse(false);
    boolean mayRun =
        fencing.map(c -> c.isTrue() || c.reason().equals(Reasons.UNFENCED_LAB)).orElse(false);
    List<DesiredCondition> relevant =
        conditions.stream().filter(c -> !INFORMATIONAL.contains(c.type())).toList();
    DesiredCondition serving =
        EngineConditions.serving(
            quorate && mayRun,
            quorate ? Reasons.NO_FENCING : Reasons.CLUSTER_NOT_RUNNING,
            formed.map(DesiredCondition::message).orElse("the cluster was not observed"));
    return EngineConditions.ready(relevant, serving);
  }

  /**
   * Lost redundancy: a node that does not answer (the reason is its access reason, e.g.
   * NodeUnreachable, HostKeyMismatch), a target offline, a Corosync link down.
   */
  private static DesiredCondition degraded(List<DesiredCondition> conditions) {
    List<Degradation.Finding> findings = new ArrayList<>();
    find(conditions, ConditionTypes.NODES_REACHABLE)
        .filter(c -> !c.isTrue())
        .ifPresent(c -> findings.add(new Degradation.Finding(c.reason(), c.message())));
    find(conditions, ConditionTypes.CLUSTER_FORMED)
        .filter(c -> c.reason().equals(Reasons.TARGET_OFFLINE))
        .ifPresent(
            c -> findings.add(new Degradation.Finding(Degradation.TARGET_OFFLINE, c.message())));
    find(conditions, ConditionTypes.LINKS_HEALTHY)
        .filter(c -> !c.isTrue())
        .ifPresent(c -> findings.add(new Degradation.Finding(Degradation.LINK_DOWN, c.message())));
    return Degradation.of(
        findings, "every node answers, both targets are online, every link is up");
  }

  private static Optional<DesiredCondition> find(List<DesiredCondition> conditions, String type) {
    return conditions.stream().filter(c -> c.type().equals(type)).findFirst();
  }

  private static NodeStatus nodeStatus(ClusterNode node, ClusterSnapshot snapshot) {
    NodeStatus status = new NodeStatus();
    status.name = node.name;
    status.role = node.role;
    Observation observation = snapshot.observations().get(node.name);
    status.reachable = observation != null && observation.isReached();
    if (observation == null) {
      return status;
    }
    if (!observation.isReached()) {
      status.reason = observation.reason();
      return status;
    }
    NodeFacts facts = observation.facts();
    status.os = facts.os().prettyName();
    status.kernel = facts.kernel();
    status.versions = versions(facts);
    PrerequisiteReport report = snapshot.prerequisites().get(node.name);
    if (report != null) {
      status.missingPackages =
          new ArrayList<>(
              report.missingPackages().stream().map(PackageRequirement::display).toList());
      status.missingModules = new ArrayList<>(report.missingModules());
      status.prerequisitesMet = report.satisfied();
    }
    return status;
  }

  private static NodeStatus.ToolVersions versions(NodeFacts facts) {
    NodeStatus.ToolVersions versions = new NodeStatus.ToolVersions();
    versions.drbdUtils = facts.version(Tool.DRBD_UTILS).orElse(null);
    versions.drbdKernel = facts.version(Tool.DRBD_KERNEL).orElse(null);
    versions.scst = facts.version(Tool.SCST).orElse(null);
    versions.pacemaker = facts.version(Tool.PACEMAKER).orElse(null);
    versions.corosync = facts.version(Tool.COROSYNC).orElse(null);
    versions.openIscsi = facts.version(Tool.OPEN_ISCSI).orElse(null);
    versions.ocfs2Tools = facts.installedPackages().get("ocfs2-tools");
    return versions;
  }
}
