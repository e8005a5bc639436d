package io.hastorage.operator.reconciler;

import io.hastorage.operator.api.cluster.ClusterNode;
import io.hastorage.operator.api.cluster.NodeRole;
import io.hastorage.operator.api.cluster.StorageCluster;
import io.hastorage.operator.api.cluster.StorageClusterSpec;
import io.hastorage.operator.api.common.Annotations;
import io.hastorage.operator.api.common.SecretKeyRef;
import io.hastorage.operator.api.drbd.DrbdVolume;
import io.hastorage.operator.api.scst.Lun;
import io.hastorage.operator.api.scst.Portal;
import io.hastorage.operator.api.scst.ScstTarget;
import io.hastorage.operator.api.scst.ScstTargetSpec;
import io.hastorage.operator.api.scst.ScstTargetStatus;
import io.hastorage.operator.api.validation.SpecValidator;
import io.hastorage.operator.api.validation.Violation;
import io.hastorage.operator.apply.Convergence;
import io.hastorage.operator.apply.StepOutcome;
import io.hastorage.operator.metrics.TargetMetrics;
import io.hastorage.operator.observe.NodeFacts;
import io.hastorage.operator.observe.Tool;
import io.hastorage.operator.plan.Plan;
import io.hastorage.operator.plan.Step;
import io.hastorage.operator.plan.cluster.ClusterLayerPlanner;
import io.hastorage.operator.plan.drbd.pacemaker.PromotableSyntax;
import io.hastorage.operator.plan.pacemaker.Cib;
import io.hastorage.operator.plan.scst.ScstTargetElements;
import io.hastorage.operator.plan.scst.ScstTargetPlanner;
import io.hastorage.operator.plan.scst.TargetRenderContext;
import io.hastorage.operator.status.ClusterAvailability;
import io.hastorage.operator.status.ConditionTypes;
import io.hastorage.operator.status.Degradation;
import io.hastorage.operator.status.DesiredCondition;
import io.hastorage.operator.status.EngineRun;
import io.hastorage.operator.status.Reasons;
import io.hastorage.operator.status.ScstTargetSnapshot;
import io.hastorage.operator.status.ScstTargetStatusAggregator;
import io.javaoperatorsdk.operator.api.reconciler.Cleaner;
import io.javaoperatorsdk.operator.api.reconciler.Context;
import io.javaoperatorsdk.operator.api.reconciler.ControllerConfiguration;
import io.javaoperatorsdk.operator.api.reconciler.DeleteControl;
import io.javaoperatorsdk.operator.api.reconciler.Reconciler;
import io.javaoperatorsdk.operator.api.reconciler.UpdateControl;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Reconciles an ScstTarget: once its StorageCluster is converged and the DrbdVolumes it exports are
 * Ready, pushes the target group and its constraints into the CIB through one target (Pacemaker
 * then runs it on the DRBD primary), and reports where it runs. Deleting it removes its CIB
 * elements; Pacemaker stops the target, and no data is touched.
 */
@ControllerConfiguration(name = ScstTargetReconciler.NAME)
public class ScstTargetReconciler implements Reconciler<ScstTarget>, Cleaner<ScstTarget> {

  public static final String NAME = "scsttarget";

  private final NodeAccess access;
  private final ResourceLookup<StorageCluster> clusters;
  private final ResourceLookup<DrbdVolume> volumes;
  private final InitiatorDirectory initiators;
  private final SecretReader secrets;
  private final Convergence convergence;
  private final ScstTargetStatusAggregator aggregator;
  private final ResourceReporter reporter;
  private final TargetMetrics metrics;

  public ScstTargetReconciler(
      NodeAccess access,
      ResourceLookup<StorageCluster> clusters,
      ResourceLookup<DrbdVolume> volumes,
      InitiatorDirectory initiators,
      SecretReader secrets,
      Convergence convergence,
      ScstTargetStatusAggregator aggregator,
      ResourceReporter reporter,
      TargetMetrics metrics) {
    this.access = access;
    this.clusters = clusters;
    this.volumes = volumes;
    this.initiators = initiators;
    this.secrets = secrets;
    this.convergence = convergence;
    this.aggregator = aggregator;
    this.reporter = reporter;
    this.metrics = metrics;
  }

  @Override
  public UpdateControl<ScstTarget> reconcile(ScstTarget target, Context<ScstTarget> context)
      throws InterruptedException {
    try (ReconcileContext ignored = ReconcileContext.enter(target)) {
      ScstTargetSnapshot snapshot = snapshot(target);
      ScstTargetStatus status = aggregator.aggregate(snapshot, target.getStatus());
      reporter.report(target, snapshot.run(), status);
      reportTarget(target, status);
      return reporter.patchIfChanged(target, status);
    }
  }

  /** Metrics, and a Warning event when the target moved to another node. */
  private void reportTarget(ScstTarget target, ScstTargetStatus status) {
    String namespace = target.getMetadata().getNamespace();
    String name = target.getMetadata().getName();
    boolean up =
        status
            .condition(ConditionTypes.TARGET_RUNNING)
            .map(c -> "True".equals(c.getStatus()))
            .orElse(false);
    metrics.target(namespace, name, up, status.sessions);
    // the last node seen, not the last status: a reconcile during the move sees it nowhere
    String before = target.getStatus() == null ? null : target.getStatus().lastActiveNode;
    if (before != null && status.activeNode != null && !before.equals(status.activeNode)) {
      metrics.failover(namespace, name, before, status.activeNode);
      reporter.event(
          target,
          "Warning",
          "Failover",
          "target " + target.getSpec().iqn + " moved from " + before + " to " + status.activeNode);
    }
  }

  private ScstTargetSnapshot snapshot(ScstTarget target) throws InterruptedException {
    ScstTargetSpec spec = target.getSpec();
    long generation = Optional.ofNullable(target.getMetadata().getGeneration()).orElse(0L);
    List<Violation> violations = SpecValidator.validateResource(target);
    if (!violations.isEmpty()) {
      return ScstTargetSnapshot.stopped(target, generation, violations, null);
    }
    String namespace = target.getMetadata().getNamespace();
    Optional<StorageCluster> cluster = clusters.find(namespace, spec.clusterRef.name);
    ClusterAvailability availability =
        ClusterAvailability.of(
            spec.clusterRef.name, cluster, c -> SpecValidator.validateAgainst(spec, c));
    if (!availability.observable()) {
      return ScstTargetSnapshot.stopped(
          target, generation, availability.violations(), availability.condition());
    }
    StorageClusterSpec clusterSpec = cluster.get().getSpec();
    Map<String, DrbdVolume> exported = new LinkedHashMap<>();
    DesiredCondition volumesReady = volumesReady(namespace, spec, exported);
    ObservedFleet fleet = observeTargets(namespace, clusterSpec, target);
    Map<String, NodeFacts> facts = fleet.facts();
    ScstTargetPlanner.AgentChoice agents = ScstTargetPlanner.agents(spec, facts);
    Map<String, String> chap = new LinkedHashMap<>();
    List<String> secretProblems = readChap(namespace, target, chap);
    Optional<NodeFacts> cibNode = ClusterLayerPlanner.readableCib(clusterSpec, facts);
    Optional<PromotableSyntax> syntax =
        cibNode.flatMap(n -> n.version(Tool.PACEMAKER)).flatMap(PromotableSyntax::forVersion);
    Optional<Map<String, List<String>>> placement = cibNode.flatMap(ClusterLayerPlanner::placement);
    ScstTargetPlanner.PortblockPlan portblock = ScstTargetPlanner.portblock(spec, facts);
    List<String> missing = new ArrayList<>(agents.missing());
    missing.addAll(portblock.problems());
    List<Step> steps = new ArrayList<>();
    if (volumesReady.isTrue()
        && agents.agents().isPresent()
        && portblock.problems().isEmpty()
        && secretProblems.isEmpty()
        && cibNode.isPresent()
        && syntax.isPresent()) {
      TargetRenderContext render =
          new TargetRenderContext(
              exported,
              agents.agents().get(),
              syntax.get(),
              initiators.initiatorsOf(namespace, target.getMetadata().getName()),
              initiatorAddresses(clusterSpec, spec),
              chap,
              portblock.provider(),
              clusterSpec.pacemakerOrEmpty().monitorIntervalOrDefault());
      steps.addAll(portblock.steps());
      Cib cib = cib(cibNode.get());
      try {
        steps.addAll(
            ScstTargetPlanner.plan(
                cibNode.get().nodeName(), target, render, cib, placement.orElse(Map.of())));
      } catch (IllegalArgumentException unusable) {
        // A rule only rendering can check (a LUN's LV that its DrbdVolume lacks, a portal port the
        // agents cannot serve): an invalid spec, refused before any change.
        return ScstTargetSnapshot.stopped(
            target, generation, List.of(renderViolation(target, unusable)), null);
      }
    }
    Plan plan = Plan.of(steps);
    boolean dryRun = Annotations.isDryRun(target);
    Optional<EngineRun.Hold> hold =
        EngineRun.annotationHold(Annotations.isPaused(target), dryRun, plan.size())
            .or(() -> waiting(availability, volumesReady, plan.size()));
    Map<String, StepOutcome> outcomes = hold.isPresent() ? Map.of() : fleet.apply(plan);
    // the node crm_mon shows running the target: its sessions and iptables rules are the ones
    // clients meet
    Optional<NodeFacts> active =
        placement
            .flatMap(
                p ->
                    p
                        .getOrDefault(
                            ScstTargetElements.targetId(target.getMetadata().getName()), List.of())
                        .stream()
                        .findFirst())
            .map(facts::get);
    List<String> blocked =
        active.map(f -> ScstTargetPlanner.blockedPortals(target, f)).orElse(List.of());
    Optional<Integer> sessions = active.flatMap(f -> ScstTargetPlanner.sessionCount(f, target));
    return new ScstTargetSnapshot(
        target,
        generation,
        dryRun,
        List.of(),
        availability.condition(),
        volumesReady,
        secretProblems,
        facts.isEmpty() ? Optional.empty() : Optional.of(agentsCondition(agents, missing)),
        agents.agents().map(a -> a.name()),
        new EngineRun(fleet.observations(), plan, outcomes, hold),
        placement,
        sessions,
        blocked,
        volumeDegradation(exported.values()));
  }

  /** The exported volumes' own Degraded findings: a target is no more redundant than its LUNs. */
  private static List<Degradation.Finding> volumeDegradation(Collection<DrbdVolume> volumes) {
    List<Degradation.Finding> findings = new ArrayList<>();
    for (DrbdVolume volume : volumes) {
      if (volume.getStatus() == null) {
        continue;
      }
      volume
          .getStatus()
          .condition(ConditionTypes.DEGRADED)
          .filter(c -> "True".equals(c.getStatus()))
          .ifPresent(
              c ->
                  findings.add(
                      Degradation.inherited(
                          "DrbdVolume",
                          volume.getMetadata().getName(),
                          c.getReason(),
                          c.getMessage())));
    }
    return findings;
  }

  private static Optional<EngineRun.Hold> waiting(
      ClusterAvailability cluster, DesiredCondition volumes, int pending) {
    if (!cluster.mayChange()) {
      return Optional.of(
          new EngineRun.Hold(
              Reasons.WAITING_FOR_CLUSTER,
              pending + " steps wait: " + cluster.condition().message()));
    }
    if (!volumes.isTrue()) {
      return Optional.of(
          new EngineRun.Hold(Reasons.WAITING_FOR_VOLUME, "the target waits: " + volumes.message()));
    }
    return Optional.empty();
  }

  /** Every exported DrbdVolume exists and is Ready; fills {@code found} with those that exist. */
  private DesiredCondition volumesReady(
      String namespace, ScstTargetSpec spec, Map<String, DrbdVolume> found) {
    List<String> waiting = new ArrayList<>();
    for (Lun lun : spec.luns) {
      String name = lun.volumeRef.name;
      if (found.containsKey(name)) {
        continue;
      }
      Optional<DrbdVolume> volume = volumes.find(namespace, name);
      volume.ifPresent(v -> found.put(name, v));
      if (volume.isEmpty()) {
        waiting.add("DrbdVolume " + name + " not found");
      } else if (!isReady(volume.get())) {
        waiting.add("DrbdVolume " + name + " is not Ready");
      } else if (!StatusPatcher.isConvergedAtGeneration(volume.get())) {
        // its LVs may not match its spec yet: no LUN is configured on a size or LV in flux
        waiting.add("DrbdVolume " + name + " is Ready but not converged to its spec");
      }
    }
    return waiting.isEmpty()
        ? DesiredCondition.of(
            ConditionTypes.VOLUMES_READY,
            true,
            "VolumesReady",
            "every exported DrbdVolume is Ready (Primary with UpToDate data, VG active) and"
                + " converged")
        : DesiredCondition.of(
            ConditionTypes.VOLUMES_READY,
            false,
            Reasons.WAITING_FOR_VOLUME,
            String.join("; ", waiting));
  }

  private static boolean isReady(DrbdVolume volume) {
    return volume.getStatus() != null && StatusPatcher.isReady(volume.getStatus());
  }

  private static DesiredCondition agentsCondition(
      ScstTargetPlanner.AgentChoice agents, List<String> missing) {
    return missing.isEmpty() && agents.agents().isPresent()
        ? DesiredCondition.of(
            ConditionTypes.AGENTS_AVAILABLE,
            true,
            "AgentsAvailable",
            "every target has the " + agents.agents().get() + " agents")
        : DesiredCondition.of(
            ConditionTypes.AGENTS_AVAILABLE,
            false,
            Reasons.AGENTS_MISSING,
            String.join("; ", missing));
  }

  /** tgt's ACL binds addresses: the initiators' addresses on the portals' networks. */
  private static List<String> initiatorAddresses(StorageClusterSpec cluster, ScstTargetSpec spec) {
    List<String> networks = spec.portals.stream().map((Portal p) -> p.network).toList();
    List<String> addresses = new ArrayList<>();
    for (ClusterNode node : cluster.nodesWithRole(NodeRole.Initiator)) {
      networks.forEach(n -> node.addressOn(n).ifPresent(a -> addresses.add(a.address)));
    }
    return addresses.stream().distinct().toList();
  }

  /**
   * The renderer's refusal ("ScstTarget NAME: spec.FIELD problem") as a violation of that field.
   * Its messages name the field and never a secret value.
   */
  static Violation renderViolation(ScstTarget target, IllegalArgumentException refusal) {
    String message = String.valueOf(refusal.getMessage());
    String prefix = "ScstTarget " + target.getMetadata().getName() + ": ";
    if (message.startsWith(prefix)) {
      message = message.substring(prefix.length());
    }
    int blank = message.indexOf(' ');
    if (!message.startsWith("spec.") || blank < 0) {
      return new Violation("spec", message);
    }
    String field = message.substring(0, blank);
    return new Violation(
        field.endsWith(":") ? field.substring(0, field.length() - 1) : field,
        message.substring(blank + 1));
  }

  /** CHAP values into {@code values}; the problems name Secret and key, never a value. */
  private List<String> readChap(String namespace, ScstTarget target, Map<String, String> values) {
    List<String> problems = new ArrayList<>();
    for (Map.Entry<String, SecretKeyRef> required :
        ScstTargetElements.requiredSecrets(target).entrySet()) {
      SecretKeyRef ref = required.getValue();
      Optional<byte[]> value = secrets.read(namespace, ref.name).map(d -> d.get(ref.key));
      if (value.isEmpty() || value.get().length == 0) {
        problems.add("Secret " + ref.name + " key " + ref.key + " is missing or empty");
      } else {
        values.put(required.getKey(), new String(value.get(), StandardCharsets.UTF_8));
      }
    }
    if (problems.isEmpty() && target.getSpec().chapSecretRef != null) {
      String name = target.getMetadata().getName();
      Optional<String> unusable =
          ScstTargetElements.chapProblem(
              values.get(ScstTargetElements.secretKey(name, ScstTargetElements.CHAP_USER)),
              values.get(ScstTargetElements.secretKey(name, ScstTargetElements.CHAP_PASSWORD)));
      unusable.ifPresent(
          p -> problems.add("Secret " + target.getSpec().chapSecretRef.name + ": " + p));
    }
    return problems;
  }

  private static Cib cib(NodeFacts facts) {
    return Cib.parse(facts.raw().okOutput(ClusterLayerPlanner.CIB.name()).orElseThrow());
  }

  @Override
  public DeleteControl cleanup(ScstTarget target, Context<ScstTarget> context)
      throws InterruptedException {
    try (ReconcileContext ignored = ReconcileContext.enter(target)) {
      if (Annotations.isForceDelete(target)) {
        reporter.deletion().forced(target);
        forget(target);
        return DeleteControl.defaultDelete();
      }
      ScstTargetSpec spec = target.getSpec();
      String namespace = target.getMetadata().getNamespace();
      Optional<StorageCluster> cluster =
          spec == null || spec.clusterRef == null
              ? Optional.empty()
              : clusters.find(namespace, spec.clusterRef.name);
      if (cluster.isEmpty() || !SpecValidator.validateResource(cluster.get()).isEmpty()) {
        reporter.event(
            target,
            "Warning",
            "CleanupSkipped",
            "the StorageCluster is gone or invalid: the target's Pacemaker resources, if any,"
                + " were left as they are");
        forget(target);
        return DeleteControl.defaultDelete();
      }
      if (Annotations.isPaused(target)) {
        reporter
            .deletion()
            .blocked(
                target,
                ScstTargetStatus::new,
                Reasons.PAUSED,
                List.of("deletion waits while " + Annotations.PAUSED + " is set"));
        return DeleteControl.noFinalizerRemoval().rescheduleAfter(reporter.retryAfter(true));
      }
      StorageClusterSpec clusterSpec = cluster.get().getSpec();
      ObservedFleet fleet = observeTargets(namespace, clusterSpec, target);
      Optional<NodeFacts> cibNode = ClusterLayerPlanner.readableCib(clusterSpec, fleet.facts());
      if (cibNode.isEmpty()) {
        DeletionBlockers blockers =
            DeletionBlockers.of(fleet.observations(), Map.of())
                .after(
                    "no target's CIB could be read, so the target's Pacemaker resources cannot be"
                        + " removed",
                    Reasons.CIB_UNREADABLE);
        reporter.deletion().blocked(target, ScstTargetStatus::new, blockers);
        return DeleteControl.noFinalizerRemoval().rescheduleAfter(reporter.retryAfter(true));
      }
      List<Step> steps =
          ScstTargetPlanner.remove(cibNode.get().nodeName(), target, cib(cibNode.get()));
      if (steps.isEmpty()) {
        reporter.event(
            target,
            "Normal",
            "Deleted",
            "the target's Pacemaker resources are removed; the LUNs' volumes and data are untouched");
        forget(target);
        return DeleteControl.defaultDelete();
      }
      Map<String, StepOutcome> outcomes = fleet.apply(Plan.of(steps));
      DeletionBlockers failed = DeletionBlockers.of(Map.of(), outcomes);
      if (failed.any()) {
        reporter.deletion().blocked(target, ScstTargetStatus::new, failed);
      } else {
        reporter
            .deletion()
            .inProgress(target, ScstTargetStatus::new, "removing the target's Pacemaker resources");
      }
      return DeleteControl.noFinalizerRemoval().rescheduleAfter(reporter.retryAfter(failed.any()));
    }
  }

  private ObservedFleet observeTargets(
      String namespace, StorageClusterSpec cluster, ScstTarget target) throws InterruptedException {
    return ObservedFleet.observe(
        access,
        convergence,
        namespace,
        cluster.nodesWithRole(NodeRole.Target),
        node -> ScstTargetPlanner.probeRequest(target));
  }

  private void forget(ScstTarget target) {
    metrics.forget(target.getMetadata().getNamespace(), target.getMetadata().getName());
    reporter.deleted(target);
  }
}
