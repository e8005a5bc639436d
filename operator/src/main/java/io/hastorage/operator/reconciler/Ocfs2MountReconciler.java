package io.hastorage.operator.reconciler;

import io.hastorage.operator.api.cluster.ClusterNode;
import io.hastorage.operator.api.cluster.NodeRole;
import io.hastorage.operator.api.cluster.StorageCluster;
import io.hastorage.operator.api.cluster.StorageClusterSpec;
import io.hastorage.operator.api.common.Annotations;
import io.hastorage.operator.api.drbd.DrbdVolume;
import io.hastorage.operator.api.ocfs2.Ocfs2Mount;
import io.hastorage.operator.api.ocfs2.Ocfs2MountSpec;
import io.hastorage.operator.api.ocfs2.Ocfs2MountStatus;
import io.hastorage.operator.api.scst.ScstTarget;
import io.hastorage.operator.api.validation.SpecValidator;
import io.hastorage.operator.api.validation.Violation;
import io.hastorage.operator.apply.Convergence;
import io.hastorage.operator.apply.StepOutcome;
import io.hastorage.operator.metrics.InitiatorMetrics;
import io.hastorage.operator.observe.NodeFacts;
import io.hastorage.operator.plan.Plan;
import io.hastorage.operator.plan.Step;
import io.hastorage.operator.plan.ocfs2.FailoverBudget;
import io.hastorage.operator.plan.ocfs2.FilesystemCheck;
import io.hastorage.operator.plan.ocfs2.InitiatorFiles;
import io.hastorage.operator.plan.ocfs2.InitiatorProbe;
import io.hastorage.operator.plan.ocfs2.LunPaths;
import io.hastorage.operator.plan.ocfs2.MountDesign;
import io.hastorage.operator.plan.ocfs2.MountDesigns;
import io.hastorage.operator.plan.ocfs2.Ocfs2MountPlanner;
import io.hastorage.operator.plan.ocfs2.Ocfs2MountTeardown;
import io.hastorage.operator.plan.scst.ScstTargetElements;
import io.hastorage.operator.status.ClusterAvailability;
import io.hastorage.operator.status.ConditionTypes;
import io.hastorage.operator.status.Degradation;
import io.hastorage.operator.status.DesiredCondition;
import io.hastorage.operator.status.EngineRun;
import io.hastorage.operator.status.Ocfs2MountSnapshot;
import io.hastorage.operator.status.Ocfs2MountStatusAggregator;
import io.hastorage.operator.status.Reasons;
import io.javaoperatorsdk.operator.api.reconciler.Cleaner;
import io.javaoperatorsdk.operator.api.reconciler.Context;
import io.javaoperatorsdk.operator.api.reconciler.ControllerConfiguration;
import io.javaoperatorsdk.operator.api.reconciler.DeleteControl;
import io.javaoperatorsdk.operator.api.reconciler.Reconciler;
import io.javaoperatorsdk.operator.api.reconciler.UpdateControl;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Reconciles an Ocfs2Mount on its initiators: once its StorageCluster is converged and its
 * ScstTarget Ready, it configures iSCSI, multipath and o2cb, logs in to every portal, learns the
 * LUN's WWID, formats it once when it is blank, and mounts it everywhere. Deleting it unmounts and
 * logs out; the data stays.
 */
@ControllerConfiguration(name = Ocfs2MountReconciler.NAME)
public class Ocfs2MountReconciler implements Reconciler<Ocfs2Mount>, Cleaner<Ocfs2Mount> {

  public static final String NAME = "ocfs2mount";

  private final NodeAccess access;
  private final ResourceLookup<StorageCluster> clusters;
  private final ResourceLookup<ScstTarget> targets;
  private final ResourceLookup<DrbdVolume> volumes;
  private final TargetSharing sharing;
  private final SecretReader secrets;
  private final Convergence convergence;
  private final Ocfs2MountStatusAggregator aggregator;
  private final ResourceReporter reporter;
  private final InitiatorMetrics metrics;

  public Ocfs2MountReconciler(
      NodeAccess access,
      ResourceLookup<StorageCluster> clusters,
      ResourceLookup<ScstTarget> targets,
      ResourceLookup<DrbdVolume> volumes,
      TargetSharing sharing,
      SecretReader secrets,
      Convergence convergence,
      Ocfs2MountStatusAggregator aggregator,
      ResourceReporter reporter,
      InitiatorMetrics metrics) {
    this.access = access;
    this.clusters = clusters;
    this.targets = targets;
    this.volumes = volumes;
    this.sharing = sharing;
    this.secrets = secrets;
    this.convergence = convergence;
    this.aggregator = aggregator;
    this.reporter = reporter;
    this.metrics = metrics;
  }

  @Override
  public UpdateControl<Ocfs2Mount> reconcile(Ocfs2Mount mount, Context<Ocfs2Mount> context)
      throws InterruptedException {
    try (ReconcileContext ignored = ReconcileContext.enter(mount)) {
      Ocfs2MountSnapshot snapshot = snapshot(mount);
      Ocfs2MountStatus status = aggregator.aggregate(snapshot, mount.getStatus());
      reporter.report(mount, snapshot.run(), status);
      for (Ocfs2MountSnapshot.Initiator i : snapshot.initiators()) {
        metrics.initiator(
            mount.getMetadata().getNamespace(),
            mount.getMetadata().getName(),
            i.node(),
            i.pathsUp(),
            i.pathsTotal(),
            i.mounted());
      }
      return reporter.patchIfChanged(mount, status);
    }
  }

  private Ocfs2MountSnapshot snapshot(Ocfs2Mount mount) throws InterruptedException {
    Ocfs2MountSpec spec = mount.getSpec();
    long generation = Optional.ofNullable(mount.getMetadata().getGeneration()).orElse(0L);
    List<Violation> violations = SpecValidator.validateResource(mount);
    if (!violations.isEmpty()) {
      return Ocfs2MountSnapshot.stopped(mount, generation, violations, null, null);
    }
    String namespace = mount.getMetadata().getNamespace();
    Optional<StorageCluster> cluster = clusters.find(namespace, spec.clusterRef.name);
    ClusterAvailability availability =
        ClusterAvailability.of(
            spec.clusterRef.name, cluster, c -> SpecValidator.validateAgainst(spec, c));
    if (!availability.observable()) {
      return Ocfs2MountSnapshot.stopped(
          mount, generation, availability.violations(), availability.condition(), null);
    }
    StorageClusterSpec clusterSpec = cluster.get().getSpec();
    Optional<ScstTarget> target = targets.find(namespace, spec.targetRef.name);
    DesiredCondition targetReady = targetReady(spec, target);
    if (target.isEmpty()) {
      return Ocfs2MountSnapshot.stopped(
          mount, generation, List.of(), availability.condition(), targetReady);
    }
    List<String> secretProblems = new ArrayList<>();
    Optional<MountDesign.Chap> chap = readChap(namespace, target.get(), secretProblems);
    MountDesigns.Resolved resolved = MountDesigns.resolve(mount, clusterSpec, target.get(), chap);
    if (resolved.design().isEmpty()) {
      List<Violation> problems =
          resolved.problems().stream().map(p -> new Violation("spec.targetRef", p)).toList();
      return Ocfs2MountSnapshot.stopped(
          mount, generation, problems, availability.condition(), targetReady);
    }
    MountDesign design = resolved.design().get();
    FailoverBudget.Result budget =
        FailoverBudget.check(clusterSpec.corosync, spec.iscsi, spec.multipath, spec.filesystem);
    Ocfs2MountStatus previous = mount.getStatus();
    Optional<String> knownWwid = Optional.ofNullable(previous == null ? null : previous.wwid);
    Optional<Long> volumeGeneration = readyVolumeGeneration(namespace, target.get(), spec.lun);
    Long recordedGeneration = previous == null ? null : previous.volumeGeneration;
    boolean rescanDue =
        recordedGeneration != null
            && volumeGeneration.isPresent()
            && !recordedGeneration.equals(volumeGeneration.get());
    Ocfs2MountPlanner.Known known =
        new Ocfs2MountPlanner.Known(
            knownWwid,
            Optional.ofNullable(previous == null ? null : previous.filesystemUuid),
            rescanDue);
    ObservedFleet fleet =
        ObservedFleet.observe(
            access,
            convergence,
            namespace,
            mountNodes(clusterSpec, design),
            node -> InitiatorProbe.request(design, knownWwid));
    Map<String, NodeFacts> facts = fleet.facts();
    List<Ocfs2MountSnapshot.Initiator> initiators = new ArrayList<>();
    for (String node : design.nodes()) {
      NodeFacts f = facts.get(node);
      if (f != null) {
        initiators.add(initiator(design, f));
      }
    }
    Set<String> wwids =
        initiators.stream()
            .map(Ocfs2MountSnapshot.Initiator::wwid)
            .filter(w -> w != null)
            .collect(Collectors.toCollection(java.util.TreeSet::new));
    Optional<DesiredCondition> deviceProblem = deviceProblem(knownWwid, wwids);
    Optional<String> wwid = knownWwid.or(() -> wwids.stream().findFirst());
    Plan plan = Plan.of(Ocfs2MountPlanner.plan(design, facts, known));
    boolean dryRun = Annotations.isDryRun(mount);
    Optional<EngineRun.Hold> hold =
        EngineRun.annotationHold(Annotations.isPaused(mount), dryRun, plan.size())
            .or(() -> waiting(availability, targetReady, budget, secretProblems, deviceProblem));
    Map<String, StepOutcome> outcomes = hold.isPresent() ? Map.of() : fleet.apply(plan);
    Optional<FilesystemCheck> filesystem =
        knownWwid.isPresent() && deviceProblem.isEmpty()
            ? filesystemCheck(design, facts, known)
            : Optional.empty();
    boolean applied = hold.isEmpty() && outcomes.values().stream().allMatch(StepOutcome::completed);
    Long nextGeneration =
        recordedGeneration == null || (rescanDue && applied)
            ? volumeGeneration.orElse(recordedGeneration)
            : recordedGeneration;
    return new Ocfs2MountSnapshot(
        mount,
        generation,
        dryRun,
        List.of(),
        availability.condition(),
        targetReady,
        secretProblems,
        Optional.of(budget),
        new EngineRun(fleet.observations(), plan, outcomes, hold),
        initiators,
        wwid,
        deviceProblem,
        filesystem,
        nextGeneration,
        targetDegradation(target));
  }

  /** The ScstTarget's Degraded=True, inherited: the mount is no more redundant than its target. */
  private static List<Degradation.Finding> targetDegradation(Optional<ScstTarget> target) {
    return target.stream()
        .filter(t -> t.getStatus() != null)
        .flatMap(
            t ->
                t
                    .getStatus()
                    .condition(ConditionTypes.DEGRADED)
                    .filter(c -> "True".equals(c.getStatus()))
                    .map(
                        c ->
                            Degradation.inherited(
                                "ScstTarget",
                                t.getMetadata().getName(),
                                c.getReason(),
                                c.getMessage()))
                    .stream())
        .toList();
  }

  private static Ocfs2MountSnapshot.Initiator initiator(MountDesign design, NodeFacts facts) {
    LunPaths paths = LunPaths.of(design, facts);
    String initiatorName =
        facts
            .fileContent(InitiatorFiles.INITIATOR_NAME)
            .map(InitiatorFiles::initiatorName)
            .orElse(null);
    boolean mounted =
        InitiatorProbe.mountAt(facts, design.mountPoint())
            .filter(m -> "ocfs2".equals(m.type()))
            .isPresent();
    return new Ocfs2MountSnapshot.Initiator(
        facts.nodeName(),
        initiatorName,
        paths.sessions(),
        paths.pathsUp(),
        paths.pathsTotal(),
        mounted,
        paths.wwid().orElse(null));
  }

  /** The nodes disagree on the LUN's WWID, or see another one than status recorded. */
  static Optional<DesiredCondition> deviceProblem(Optional<String> known, Set<String> observed) {
    if (observed.size() > 1) {
      return Optional.of(
          DesiredCondition.of(
              ConditionTypes.FILESYSTEM_READY,
              false,
              Reasons.DEVICE_CHANGED,
              "the initiators see different WWIDs for the LUN: "
                  + String.join(", ", observed)
                  + "; nothing is formatted or mounted"));
    }
    if (known.isPresent() && !observed.isEmpty() && !observed.contains(known.get())) {
      return Optional.of(
          DesiredCondition.of(
              ConditionTypes.FILESYSTEM_READY,
              false,
              Reasons.DEVICE_CHANGED,
              "the LUN's WWID is now "
                  + observed.iterator().next()
                  + ", status recorded "
                  + known.get()
                  + ": another device is behind the LUN; nothing is formatted or mounted on it"
                  + " (recreate the Ocfs2Mount if the change is intended)"));
    }
    return Optional.empty();
  }

  /** What the device holds, as the format node (or else the first node that sees it) reports. */
  private static Optional<FilesystemCheck> filesystemCheck(
      MountDesign design, Map<String, NodeFacts> facts, Ocfs2MountPlanner.Known known) {
    String device = InitiatorFiles.device(known.wwid().orElseThrow());
    List<String> order = new ArrayList<>(design.nodes());
    for (String node : order) {
      NodeFacts f = facts.get(node);
      if (f == null || !LunPaths.of(design, f).wwid().equals(known.wwid())) {
        continue;
      }
      FilesystemCheck check =
          FilesystemCheck.of(
              f, device, design.mkfs().label(), design.adoptExisting(), known.filesystemUuid());
      if (check.verdict() != FilesystemCheck.Verdict.UNKNOWN || node.equals(design.formatNode())) {
        return Optional.of(check);
      }
    }
    return Optional.empty();
  }

  private static Optional<EngineRun.Hold> waiting(
      ClusterAvailability cluster,
      DesiredCondition target,
      FailoverBudget.Result budget,
      List<String> secretProblems,
      Optional<DesiredCondition> deviceProblem) {
    if (!cluster.mayChange()) {
      return Optional.of(
          new EngineRun.Hold(
              Reasons.WAITING_FOR_CLUSTER, "waiting: " + cluster.condition().message()));
    }
    if (!target.isTrue()) {
      return Optional.of(new EngineRun.Hold(Reasons.WAITING_FOR_TARGET, target.message()));
    }
    if (!budget.safe()) {
      return Optional.of(
          new EngineRun.Hold(
              Reasons.UNSAFE_TIMEOUTS,
              "refusing to configure the initiators: " + budget.explain()));
    }
    if (!secretProblems.isEmpty()) {
      return Optional.of(
          new EngineRun.Hold(Reasons.SECRET_MISSING, String.join("; ", secretProblems)));
    }
    return deviceProblem.map(p -> new EngineRun.Hold(p.reason(), p.message()));
  }

  private static DesiredCondition targetReady(Ocfs2MountSpec spec, Optional<ScstTarget> target) {
    if (target.isEmpty()) {
      return DesiredCondition.of(
          ConditionTypes.TARGET_READY,
          false,
          Reasons.WAITING_FOR_TARGET,
          "ScstTarget " + spec.targetRef.name + " not found");
    }
    boolean ready =
        target.get().getStatus() != null && StatusPatcher.isReady(target.get().getStatus());
    return ready
        ? DesiredCondition.of(
            ConditionTypes.TARGET_READY,
            true,
            "TargetReady",
            "ScstTarget " + spec.targetRef.name + " is Ready")
        : DesiredCondition.of(
            ConditionTypes.TARGET_READY,
            false,
            Reasons.WAITING_FOR_TARGET,
            "ScstTarget " + spec.targetRef.name + " is not Ready");
  }

  /** The exported DrbdVolume's generation, once it is converged at that generation. */
  private Optional<Long> readyVolumeGeneration(String namespace, ScstTarget target, int lun) {
    return target.getSpec().luns.stream()
        .filter(l -> l.number == lun)
        .findFirst()
        .flatMap(l -> volumes.find(namespace, l.volumeRef.name))
        .filter(StatusPatcher::isConvergedAtGeneration)
        .map(v -> v.getStatus().observedGeneration);
  }

  /** The target's CHAP user and password, when it has CHAP; problems name Secret and key only. */
  private Optional<MountDesign.Chap> readChap(
      String namespace, ScstTarget target, List<String> problems) {
    var ref = target.getSpec().chapSecretRef;
    if (ref == null) {
      return Optional.empty();
    }
    Optional<Map<String, byte[]>> data = secrets.read(namespace, ref.name);
    String user = value(data, ScstTargetElements.SECRET_USERNAME_KEY);
    String password = value(data, ScstTargetElements.SECRET_PASSWORD_KEY);
    if (user == null || password == null) {
      problems.add(
          "Secret " + ref.name + " needs keys username and password for the target's CHAP");
      return Optional.empty();
    }
    // the target may still show Ready from before the Secret changed: check here as well
    Optional<String> unusable = ScstTargetElements.chapProblem(user, password);
    if (unusable.isPresent()) {
      problems.add("Secret " + ref.name + ": " + unusable.get());
      return Optional.empty();
    }
    return Optional.of(new MountDesign.Chap(user, password));
  }

  private static String value(Optional<Map<String, byte[]>> data, String key) {
    return data.map(d -> d.get(key))
        .filter(v -> v.length > 0)
        .map(v -> new String(v, StandardCharsets.UTF_8))
        .orElse(null);
  }

  private static List<ClusterNode> mountNodes(StorageClusterSpec cluster, MountDesign design) {
    return cluster.nodesWithRole(NodeRole.Initiator).stream()
        .filter(n -> design.nodes().contains(n.name))
        .toList();
  }

  @Override
  public DeleteControl cleanup(Ocfs2Mount mount, Context<Ocfs2Mount> context)
      throws InterruptedException {
    try (ReconcileContext ignored = ReconcileContext.enter(mount)) {
      if (Annotations.isForceDelete(mount)) {
        reporter.deletion().forced(mount);
        forget(mount);
        return DeleteControl.defaultDelete();
      }
      Ocfs2MountSpec spec = mount.getSpec();
      String namespace = mount.getMetadata().getNamespace();
      Optional<StorageCluster> cluster = clusters.find(namespace, spec.clusterRef.name);
      Optional<ScstTarget> target = targets.find(namespace, spec.targetRef.name);
      if (cluster.isEmpty()
          || target.isEmpty()
          || !SpecValidator.validateResource(cluster.get()).isEmpty()) {
        reporter.event(
            mount,
            "Warning",
            "CleanupSkipped",
            "the StorageCluster or ScstTarget is gone: mounts and sessions on the initiators, if"
                + " any, were left as they are");
        forget(mount);
        return DeleteControl.defaultDelete();
      }
      if (Annotations.isPaused(mount)) {
        reporter
            .deletion()
            .blocked(
                mount,
                Ocfs2MountStatus::new,
                Reasons.PAUSED,
                List.of("deletion waits while " + Annotations.PAUSED + " is set"));
        return DeleteControl.noFinalizerRemoval().rescheduleAfter(reporter.retryAfter(true));
      }
      MountDesigns.Resolved resolved =
          MountDesigns.resolve(mount, cluster.get().getSpec(), target.get(), Optional.empty());
      if (resolved.design().isEmpty()) {
        forget(mount);
        return DeleteControl.defaultDelete();
      }
      MountDesign design = resolved.design().get();
      ObservedFleet fleet =
          ObservedFleet.observe(
              access,
              convergence,
              namespace,
              mountNodes(cluster.get().getSpec(), design),
              node -> InitiatorProbe.request(design, Optional.empty()));
      List<Step> steps =
          Ocfs2MountTeardown.plan(
              design,
              fleet.facts(),
              sharing.nodesSharing(namespace, spec.targetRef.name, mount.getMetadata().getName()));
      boolean allObserved = fleet.observations().values().stream().allMatch(o -> o.isReached());
      if (steps.isEmpty() && allObserved) {
        reporter.event(
            mount,
            "Normal",
            "Deleted",
            "unmounted and logged out on every initiator; the file system and its data are"
                + " untouched");
        forget(mount);
        return DeleteControl.defaultDelete();
      }
      Map<String, StepOutcome> outcomes = fleet.apply(Plan.of(steps));
      DeletionBlockers blockers = DeletionBlockers.of(fleet.observations(), outcomes);
      if (blockers.any()) {
        reporter.deletion().blocked(mount, Ocfs2MountStatus::new, blockers);
      } else {
        reporter
            .deletion()
            .inProgress(
                mount, Ocfs2MountStatus::new, "unmounting and logging out on the initiators");
      }
      return DeleteControl.noFinalizerRemoval()
          .rescheduleAfter(reporter.retryAfter(blockers.any()));
    }
  }

  private void forget(Ocfs2Mount mount) {
    metrics.forget(mount.getMetadata().getNamespace(), mount.getMetadata().getName());
    reporter.deleted(mount);
  }
}
