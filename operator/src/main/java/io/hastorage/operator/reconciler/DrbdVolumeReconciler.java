package io.hastorage.operator.reconciler;

import io.fabric8.kubernetes.client.utils.Serialization;
import io.hastorage.operator.api.cluster.NodeRole;
import io.hastorage.operator.api.cluster.StorageCluster;
import io.hastorage.operator.api.cluster.StorageClusterSpec;
import io.hastorage.operator.api.common.Annotations;
import io.hastorage.operator.api.common.DeletionPolicy;
import io.hastorage.operator.api.common.SecretKeyRef;
import io.hastorage.operator.api.drbd.DrbdVolume;
import io.hastorage.operator.api.drbd.DrbdVolumeSpec;
import io.hastorage.operator.api.drbd.DrbdVolumeStatus;
import io.hastorage.operator.api.validation.SpecValidator;
import io.hastorage.operator.api.validation.Violation;
import io.hastorage.operator.apply.Convergence;
import io.hastorage.operator.apply.StepOutcome;
import io.hastorage.operator.observe.NodeFacts;
import io.hastorage.operator.plan.Plan;
import io.hastorage.operator.plan.cluster.ClusterLayerPlanner;
import io.hastorage.operator.plan.drbd.DrbdObservation;
import io.hastorage.operator.plan.drbd.DrbdResourceConfig;
import io.hastorage.operator.plan.drbd.DrbdVolumePlanner;
import io.hastorage.operator.plan.drbd.DrbdVolumeTeardown;
import io.hastorage.operator.status.ClusterAvailability;
import io.hastorage.operator.status.DrbdVolumeSnapshot;
import io.hastorage.operator.status.DrbdVolumeStatusAggregator;
import io.hastorage.operator.status.EngineRun;
import io.hastorage.operator.status.ImmutableIdentity;
import io.hastorage.operator.status.Reasons;
import io.javaoperatorsdk.operator.api.reconciler.Cleaner;
import io.javaoperatorsdk.operator.api.reconciler.Context;
import io.javaoperatorsdk.operator.api.reconciler.ControllerConfiguration;
import io.javaoperatorsdk.operator.api.reconciler.DeleteControl;
import io.javaoperatorsdk.operator.api.reconciler.Reconciler;
import io.javaoperatorsdk.operator.api.reconciler.UpdateControl;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Reconciles a DrbdVolume on the targets of its StorageCluster: validate, check the cluster, probe
 * each target once, plan ({@link DrbdVolumePlanner}), apply unless held, and write status only if
 * it changed. Deletion runs {@link DrbdVolumeTeardown} until the nodes are clean, then releases the
 * finalizer.
 */
@ControllerConfiguration(name = DrbdVolumeReconciler.NAME)
public class DrbdVolumeReconciler implements Reconciler<DrbdVolume>, Cleaner<DrbdVolume> {

  public static final String NAME = "drbdvolume";
  static final String SHARED_SECRET_KEY = "shared-secret";

  private final NodeAccess access;
  private final ClusterLookup clusters;
  private final SecretReader secrets;
  private final Convergence convergence;
  private final DrbdVolumeStatusAggregator aggregator;
  private final DrbdVolumeReporter reporter;

  public DrbdVolumeReconciler(
      NodeAccess access,
      ClusterLookup clusters,
      SecretReader secrets,
      Convergence convergence,
      DrbdVolumeStatusAggregator aggregator,
      DrbdVolumeReporter reporter) {
    this.access = access;
    this.clusters = clusters;
    this.secrets = secrets;
    this.convergence = convergence;
    this.aggregator = aggregator;
    this.reporter = reporter;
  }

  @Override
  public UpdateControl<DrbdVolume> reconcile(DrbdVolume volume, Context<DrbdVolume> context)
      throws InterruptedException {
    try (ReconcileContext ignored = ReconcileContext.enter(volume)) {
      DrbdVolumeSnapshot snapshot = snapshot(volume);
      DrbdVolumeStatus status = aggregator.aggregate(snapshot, volume.getStatus());
      reporter.report(volume, snapshot, status);
      return reporter.patchIfChanged(volume, status);
    }
  }

  private DrbdVolumeSnapshot snapshot(DrbdVolume volume) throws InterruptedException {
    DrbdVolumeSpec spec = volume.getSpec();
    long generation = Optional.ofNullable(volume.getMetadata().getGeneration()).orElse(0L);
    List<Violation> violations = SpecValidator.validateResource(volume);
    if (violations.isEmpty()) {
      violations.addAll(ImmutableIdentity.check(spec, volume.getStatus()));
    }
    if (!violations.isEmpty()) {
      return DrbdVolumeSnapshot.stopped(spec, generation, violations, null);
    }
    String namespace = volume.getMetadata().getNamespace();
    Optional<StorageCluster> cluster = clusters.find(namespace, spec.clusterRef.name);
    ClusterAvailability availability = ClusterAvailability.of(spec, cluster);
    if (!availability.observable()) {
      return DrbdVolumeSnapshot.stopped(
          spec, generation, availability.violations(), availability.condition());
    }
    StorageClusterSpec clusterSpec = cluster.get().getSpec();
    ObservedFleet fleet = observeTargets(namespace, spec, clusterSpec);
    Map<String, NodeFacts> facts = fleet.facts();
    SharedSecret secret = sharedSecret(namespace, spec.sharedSecretRef);
    Plan plan = Plan.empty();
    List<String> problems = secret.problem().stream().toList();
    Optional<String> unusable =
        secret.value().flatMap(DrbdResourceConfig::secretProblem); // names the rule, not the value
    if (unusable.isPresent()) {
      problems = List.of(secretName(spec.sharedSecretRef) + ": " + unusable.get());
    } else if (secret.value().isPresent()) {
      plan = Plan.of(DrbdVolumePlanner.plan(volume, clusterSpec, secret.value().get(), facts));
    }
    boolean dryRun = Annotations.isDryRun(volume);
    int pending = plan.size();
    Optional<EngineRun.Hold> hold =
        EngineRun.annotationHold(Annotations.isPaused(volume), dryRun, pending)
            .or(
                () ->
                    availability.mayChange()
                        ? Optional.empty()
                        : Optional.of(
                            new EngineRun.Hold(
                                Reasons.WAITING_FOR_CLUSTER,
                                pending + " steps wait: " + availability.condition().message())));
    Map<String, StepOutcome> outcomes = hold.isPresent() ? Map.of() : fleet.apply(plan);
    Map<String, DrbdObservation> drbd = new LinkedHashMap<>();
    facts.forEach((node, f) -> drbd.put(node, DrbdObservation.of(f, spec)));
    return new DrbdVolumeSnapshot(
        spec,
        generation,
        dryRun,
        List.of(),
        availability.condition(),
        problems,
        new EngineRun(fleet.observations(), plan, outcomes, hold),
        drbd,
        ClusterLayerPlanner.readableCib(clusterSpec, facts)
            .flatMap(ClusterLayerPlanner::placement));
  }

  @Override
  public DeleteControl cleanup(DrbdVolume volume, Context<DrbdVolume> context)
      throws InterruptedException {
    try (ReconcileContext ignored = ReconcileContext.enter(volume)) {
      if (Annotations.isForceDelete(volume)) {
        reporter.deletion().forced(volume);
        reporter.deleted(volume);
        return DeleteControl.defaultDelete();
      }
      DrbdVolume recorded = withRecordedIdentity(volume);
      DrbdVolumeSpec spec = recorded.getSpec();
      String namespace = volume.getMetadata().getNamespace();
      Optional<StorageCluster> cluster =
          spec == null || spec.clusterRef == null
              ? Optional.empty()
              : clusters.find(namespace, spec.clusterRef.name);
      if (cluster.isEmpty() || !validForTeardown(recorded)) {
        reporter.event(
            volume,
            "Warning",
            "CleanupSkipped",
            "the StorageCluster is gone or this volume's spec is invalid, so its nodes cannot be"
                + " reached: DRBD, LVM and Pacemaker on the targets were left exactly as they are,"
                + " data included");
        reporter.deleted(volume);
        return DeleteControl.defaultDelete();
      }
      ClusterAvailability availability = ClusterAvailability.of(spec, cluster);
      if (!availability.observable() || Annotations.isPaused(volume)) {
        String why =
            Annotations.isPaused(volume)
                ? "deletion waits while " + Annotations.PAUSED + " is set"
                : "deletion waits: " + availability.condition().message();
        reporter
            .deletion()
            .blocked(
                volume,
                DrbdVolumeStatus::new,
                Annotations.isPaused(volume) ? Reasons.PAUSED : availability.condition().reason(),
                List.of(why));
        return DeleteControl.noFinalizerRemoval().rescheduleAfter(reporter.retryAfter(true));
      }
      ObservedFleet fleet = observeTargets(namespace, spec, cluster.get().getSpec());
      DrbdVolumeTeardown.Result teardown =
          DrbdVolumeTeardown.plan(recorded, cluster.get().getSpec(), fleet.facts());
      if (teardown.done()) {
        boolean destroyed = spec.deletionPolicy != null && spec.deletionPolicy.destroyConfirmed();
        reporter.event(
            volume,
            "Normal",
            "Deleted",
            destroyed
                ? "Pacemaker resources removed, DRBD down, metadata wiped and resource file removed"
                : "Pacemaker resources removed and DRBD down; the data, the DRBD metadata and "
                    + DrbdVolumeTeardown.retainedPath(spec.resourceName)
                    + " are kept"
                    + (unconfirmedDestroy(spec)
                        ? " (deletionPolicy Destroy was not confirmed, so nothing was destroyed)"
                        : ""));
        reporter.deleted(volume);
        return DeleteControl.defaultDelete();
      }
      Map<String, StepOutcome> outcomes = fleet.apply(Plan.of(teardown.steps()));
      reporter.stepsFinished(outcomes.values());
      DeletionBlockers blockers = DeletionBlockers.of(fleet.observations(), outcomes);
      if (blockers.any()) {
        reporter.deletion().blocked(volume, DrbdVolumeStatus::new, blockers);
      } else {
        reporter.deletion().inProgress(volume, DrbdVolumeStatus::new, teardown.waitingFor());
      }
      return DeleteControl.noFinalizerRemoval()
          .rescheduleAfter(reporter.retryAfter(blockers.any() || teardown.steps().isEmpty()));
    }
  }

  /**
   * Whether the recorded spec can drive a teardown. A Destroy policy without its confirmation
   * string is no reason to leave Pacemaker running the volume: it is torn down as Retain.
   */
  private static boolean validForTeardown(DrbdVolume volume) {
    return SpecValidator.validateResource(volume).stream()
        .allMatch(v -> v.path().equals(SpecValidator.DELETION_CONFIRMATION));
  }

  private static boolean unconfirmedDestroy(DrbdVolumeSpec spec) {
    return spec.deletionPolicy != null
        && spec.deletionPolicy.mode == DeletionPolicy.Mode.Destroy
        && !spec.deletionPolicy.destroyConfirmed();
  }

  /**
   * The volume as it was created: the DRBD resource and VG names recorded in status win over a
   * renamed spec, so deletion tears down what really exists.
   */
  private static DrbdVolume withRecordedIdentity(DrbdVolume volume) {
    DrbdVolumeStatus status = volume.getStatus();
    if (volume.getSpec() == null || status == null || status.resourceName == null) {
      return volume;
    }
    DrbdVolume copy = Serialization.clone(volume);
    copy.getSpec().resourceName = status.resourceName;
    if (copy.getSpec().lvm != null && status.volumeGroup != null) {
      copy.getSpec().lvm.volumeGroup = status.volumeGroup;
    }
    return copy;
  }

  private ObservedFleet observeTargets(
      String namespace, DrbdVolumeSpec spec, StorageClusterSpec cluster)
      throws InterruptedException {
    return ObservedFleet.observe(
        access,
        convergence,
        namespace,
        cluster.nodesWithRole(NodeRole.Target),
        node -> DrbdVolumePlanner.probeRequest(spec, node.name));
  }

  /** The shared secret's value, or why it could not be read (never the value itself). */
  private record SharedSecret(Optional<String> value, Optional<String> problem) {}

  private SharedSecret sharedSecret(String namespace, SecretKeyRef ref) {
    Optional<byte[]> value =
        secrets.read(namespace, ref.name).map(d -> d.get(ref.keyOr(SHARED_SECRET_KEY)));
    if (value.isEmpty() || value.get().length == 0) {
      return new SharedSecret(
          Optional.empty(), Optional.of(secretName(ref) + " is missing or empty"));
    }
    return new SharedSecret(
        Optional.of(new String(value.get(), StandardCharsets.UTF_8)), Optional.empty());
  }

  private static String secretName(SecretKeyRef ref) {
    return "Secret " + ref.name + " key " + ref.keyOr(SHARED_SECRET_KEY);
  }
}
