package io.hastorage.operator.status;

import io.fabric8.kubernetes.api.model.Condition;
import io.hastorage.operator.api.drbd.DrbdVolumeStatus;
import io.hastorage.operator.api.drbd.DrbdVolumeStatus.DrbdNodeState;
import io.hastorage.operator.observe.drbd.DrbdDeviceState;
import io.hastorage.operator.plan.drbd.DrbdObservation;
import io.hastorage.operator.plan.drbd.pacemaker.DrbdPacemakerElements;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * Builds a DrbdVolume's status from one reconcile's snapshot. Pure: the same snapshot and previous
 * status give the same result, so an unchanged volume causes no status write.
 */
public final class DrbdVolumeStatusAggregator {

  private final Clock clock;

  public DrbdVolumeStatusAggregator(Clock clock) {
    this.clock = clock;
  }

  public DrbdVolumeStatus aggregate(DrbdVolumeSnapshot snapshot, DrbdVolumeStatus previous) {
    DrbdVolumeStatus status = new DrbdVolumeStatus();
    status.observedGeneration = snapshot.generation();
    if (snapshot.spec() != null && (snapshot.violations().isEmpty() || previous != null)) {
      ImmutableIdentity.record(status, snapshot.spec(), previous);
    }
    List<DesiredCondition> conditions = new ArrayList<>();
    conditions.add(EngineConditions.specValid(snapshot.violations()));
    if (snapshot.violations().isEmpty()) {
      conditions.add(snapshot.cluster());
      if (!snapshot.run().observations().isEmpty()) {
        conditions.add(secrets(snapshot.secretProblems()));
        conditions.add(EngineConditions.nodesReachable(snapshot.run()));
        DesiredCondition replication = ReplicationCondition.of(snapshot.drbd().values());
        conditions.add(replication);
        conditions.add(converged(snapshot));
        fillDrbd(status, snapshot, replication);
        status.initialSyncCompleted =
            replication.isTrue() || (previous != null && previous.initialSyncCompleted != null)
                ? Boolean.TRUE
                : null;
        if (snapshot.dryRun()) {
          status.plannedSteps.addAll(
              snapshot.run().plan().summary(snapshot.run().observations().keySet()));
        }
      }
    }
    conditions.add(0, EngineConditions.ready(conditions, serving(snapshot)));
    if (snapshot.violations().isEmpty() && !snapshot.run().observations().isEmpty()) {
      conditions.add(
          DrbdVolumeDegradation.of(
              snapshot, conditions, Boolean.TRUE.equals(status.initialSyncCompleted)));
    }
    List<Condition> before = previous == null ? List.of() : previous.conditions;
    status.conditions =
        Conditions.merge(before, conditions, snapshot.generation(), clock.instant());
    return status;
  }

  /**
   * The engine's Converged, except that a target without a loaded DRBD module gets no steps, so an
   * empty plan there does not mean the node matches the spec.
   */
  private static DesiredCondition converged(DrbdVolumeSnapshot snapshot) {
    DesiredCondition engine = EngineConditions.converged(snapshot.run());
    List<String> withoutModule =
        snapshot.drbd().values().stream()
            .filter(o -> !o.moduleLoaded())
            .map(DrbdObservation::node)
            .toList();
    if (!engine.isTrue() || withoutModule.isEmpty()) {
      return engine;
    }
    return DesiredCondition.of(
        ConditionTypes.CONVERGED,
        false,
        Reasons.DRBD_MODULE_MISSING,
        "no DRBD 8.4 or 9 kernel module loaded on "
            + String.join(", ", withoutModule)
            + " (the StorageCluster's prerequisites load it); nothing is planned there until it is");
  }

  private static DesiredCondition secrets(List<String> problems) {
    return EngineConditions.secrets(problems, "the shared secret was read");
  }

  private static void fillDrbd(
      DrbdVolumeStatus status, DrbdVolumeSnapshot snapshot, DesiredCondition replication) {
    boolean dataExists = false;
    for (DrbdObservation node : snapshot.drbd().values()) {
      if (node.primary()) {
        status.primary = node.node();
      }
      for (DrbdDeviceState device : node.devices()) {
        DrbdNodeState state = new DrbdNodeState();
        state.node = node.node();
        state.volume = volumeOf(snapshot, device);
        state.drbdVersion = node.moduleVersion().orElse(null);
        state.role = device.localRole();
        state.connectionState = device.connectionState();
        state.diskState = device.localDisk();
        state.peerDiskState = device.peerDisk();
        state.syncProgressPercent =
            device.syncPercent().isPresent()
                ? String.format(Locale.ROOT, "%.1f", device.syncPercent().getAsDouble())
                : null;
        state.outOfSyncBytes = device.outOfSyncBytes();
        state.splitBrainDetectedAt = node.splitBrainDetectedAt().orElse(null);
        status.nodes.add(state);
        dataExists |= !"Inconsistent".equals(device.localDisk()) || device.syncing();
      }
    }
    boolean splitBrain =
        replication.reason().equals(Reasons.SPLIT_BRAIN)
            || replication.reason().equals(Reasons.POSSIBLE_SPLIT_BRAIN);
    status.splitBrain = splitBrain ? Boolean.TRUE : null;
    status.initialSyncStarted = dataExists ? Boolean.TRUE : null;
  }

  /** /proc/drbd prints minors only; the spec maps them back to volume numbers. */
  private static Integer volumeOf(DrbdVolumeSnapshot snapshot, DrbdDeviceState device) {
    if (device.volume().isPresent()) {
      return device.volume().getAsInt();
    }
    return snapshot.spec().volumes.stream()
        .filter(v -> v.minor == device.minor())
        .map(v -> v.volume)
        .findFirst()
        .orElse(null);
  }

  /**
   * A DrbdVolume serves when one target is Primary with UpToDate data and, with LVM on top,
   * Pacemaker has activated the VG there: its LVs can be exported, replicated or not.
   */
  static DesiredCondition serving(DrbdVolumeSnapshot snapshot) {
    if (snapshot.drbd().isEmpty()) {
      return EngineConditions.serving(
          false, Reasons.NODES_UNREACHED, "no target's DRBD state was observed");
    }
    Optional<DrbdObservation> primary =
        snapshot.drbd().values().stream().filter(DrbdObservation::primary).findFirst();
    if (primary.isEmpty()) {
      return EngineConditions.serving(false, Reasons.NO_PRIMARY, "no target is DRBD Primary");
    }
    String node = primary.get().node();
    List<String> stale =
        primary.get().devices().stream()
            .filter(d -> !"UpToDate".equals(d.localDisk()))
            .map(d -> d.displayName() + " " + d.localDisk())
            .toList();
    if (!stale.isEmpty()) {
      return EngineConditions.serving(
          false,
          Reasons.PRIMARY_NOT_UP_TO_DATE,
          node + " is Primary without UpToDate data: " + String.join(", ", stale));
    }
    if (snapshot.spec().lvm == null) {
      return EngineConditions.serving(true, Reasons.READY, "Primary on " + node + ", UpToDate");
    }
    String vg = snapshot.spec().lvm.volumeGroup;
    String lvm = DrbdPacemakerElements.lvmId(vg);
    if (snapshot.placement().isEmpty()) {
      return EngineConditions.serving(
          false,
          Reasons.CIB_UNREADABLE,
          node
              + " is Primary, but no target answered crm_mon: whether VG "
              + vg
              + " is active is"
              + " unknown");
    }
    if (!snapshot.placement().get().getOrDefault(lvm, List.of()).contains(node)) {
      return EngineConditions.serving(
          false,
          Reasons.VOLUME_GROUP_INACTIVE,
          node
              + " is Primary with UpToDate data, but Pacemaker has not activated VG "
              + vg
              + " there ("
              + lvm
              + ")");
    }
    return EngineConditions.serving(
        true, Reasons.READY, "Primary on " + node + ", UpToDate, VG " + vg + " active");
  }
}
