package io.hastorage.operator.status;

import static io.hastorage.operator.status.ConditionTypes.REPLICATION_HEALTHY;

import io.hastorage.operator.observe.drbd.DrbdDeviceState;
import io.hastorage.operator.observe.drbd.DrbdKernelStatus;
import io.hastorage.operator.observe.drbd.SplitBrainEvidence;
import io.hastorage.operator.plan.drbd.DrbdObservation;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.function.Predicate;

/**
 * The ReplicationHealthy condition of a DrbdVolume, from the targets' DRBD state alone. The first
 * rule that matches wins:
 *
 * <ol>
 *   <li>a StandAlone device with data of its own: SplitBrain when the split-brain handler left its
 *       marker on that node, PossibleSplitBrain otherwise (a deliberate disconnect looks the same).
 *       Either way the message points to the manual procedure; nothing resolves it automatically;
 *   <li>no target observed: Unknown;
 *   <li>the resource is up on no target: NotRunning;
 *   <li>a resync runs: Syncing, with its progress and the bytes still out of sync;
 *   <li>both sides Inconsistent: InitialSyncPending (primary --force has not run yet);
 *   <li>a device not connected to its peer: Disconnected;
 *   <li>a disk not UpToDate on either side: Degraded;
 *   <li>otherwise UpToDate.
 * </ol>
 */
final class ReplicationCondition {

  static final String PROCEDURE = "docs/drbd-split-brain.md";

  private ReplicationCondition() {}

  static DesiredCondition of(Collection<DrbdObservation> nodes) {
    List<String> splitBrain = new ArrayList<>();
    boolean handlerFired = false;
    for (DrbdObservation node : nodes) {
      for (SplitBrainEvidence.Finding finding :
          SplitBrainEvidence.detect(new DrbdKernelStatus(Optional.empty(), node.devices()))) {
        String fired =
            node.splitBrainDetectedAt().map(t -> "; split-brain handler fired at " + t).orElse("");
        handlerFired |= node.splitBrainDetectedAt().isPresent();
        splitBrain.add(node.node() + ": " + finding.message() + fired);
      }
    }
    if (!splitBrain.isEmpty()) {
      return DesiredCondition.of(
          REPLICATION_HEALTHY,
          false,
          handlerFired ? Reasons.SPLIT_BRAIN : Reasons.POSSIBLE_SPLIT_BRAIN,
          String.join("; ", splitBrain)
              + ". Never resolved automatically: choose the node whose changes are discarded and"
              + " follow "
              + PROCEDURE);
    }
    if (nodes.isEmpty()) {
      return new DesiredCondition(
          REPLICATION_HEALTHY,
          ConditionStatus.Unknown,
          Reasons.NODES_UNREACHED,
          "no target's DRBD state could be read");
    }
    List<DrbdDeviceState> devices = nodes.stream().flatMap(n -> n.devices().stream()).toList();
    if (devices.isEmpty()) {
      return DesiredCondition.of(
          REPLICATION_HEALTHY,
          false,
          Reasons.DRBD_NOT_RUNNING,
          "the DRBD resource is not up on any target");
    }
    Optional<DesiredCondition> syncing = syncing(nodes);
    if (syncing.isPresent()) {
      return syncing.get();
    }
    if (devices.stream().allMatch(d -> "Inconsistent".equals(d.localDisk()))) {
      return DesiredCondition.of(
          REPLICATION_HEALTHY,
          false,
          Reasons.INITIAL_SYNC_PENDING,
          "both sides are Inconsistent; the first sync starts from the initial primary");
    }
    List<String> disconnected =
        describe(nodes, d -> !"Connected".equals(d.connectionState()), "connection");
    if (!disconnected.isEmpty()) {
      return DesiredCondition.of(
          REPLICATION_HEALTHY, false, Reasons.DISCONNECTED, String.join("; ", disconnected));
    }
    List<String> degraded =
        describe(
            nodes,
            d -> !"UpToDate".equals(d.localDisk()) || !"UpToDate".equals(d.peerDisk()),
            "disks");
    if (!degraded.isEmpty()) {
      return DesiredCondition.of(
          REPLICATION_HEALTHY, false, Reasons.DEGRADED, String.join("; ", degraded));
    }
    return DesiredCondition.of(
        REPLICATION_HEALTHY,
        true,
        Reasons.UP_TO_DATE,
        "every volume is Connected and UpToDate on both targets");
  }

  private static Optional<DesiredCondition> syncing(Collection<DrbdObservation> nodes) {
    List<String> parts = new ArrayList<>();
    for (DrbdObservation node : nodes) {
      for (DrbdDeviceState d : node.devices()) {
        if (d.syncing()) {
          String percent =
              d.syncPercent().isPresent()
                  ? String.format(Locale.ROOT, "%.1f%%", d.syncPercent().getAsDouble())
                  : "?%";
          parts.add(
              node.node()
                  + ": "
                  + d.displayName()
                  + " "
                  + d.connectionState()
                  + " "
                  + percent
                  + ", "
                  + d.outOfSyncBytes()
                  + " bytes out of sync");
        }
      }
    }
    return parts.isEmpty()
        ? Optional.empty()
        : Optional.of(
            DesiredCondition.of(
                REPLICATION_HEALTHY, false, Reasons.SYNCING, String.join("; ", parts)));
  }

  private static List<String> describe(
      Collection<DrbdObservation> nodes, Predicate<DrbdDeviceState> bad, String what) {
    List<String> out = new ArrayList<>();
    for (DrbdObservation node : nodes) {
      node.devices().stream()
          .filter(bad)
          .forEach(
              d ->
                  out.add(
                      node.node()
                          + ": "
                          + d.displayName()
                          + " "
                          + what
                          + " "
                          + d.connectionState()
                          + " "
                          + d.localDisk()
                          + "/"
                          + d.peerDisk()));
    }
    return out;
  }
}
