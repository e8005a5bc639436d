package io.hastorage.operator.status;

import io.hastorage.operator.status.Degradation.Finding;
import java.util.ArrayList;
import java.util.List;

/**
 * A DrbdVolume's Degraded condition: a target that did not answer, then what ReplicationHealthy
 * says, named for the admin (the first sync is InitialSync, a later one Syncing).
 */
final class DrbdVolumeDegradation {

  private DrbdVolumeDegradation() {}

  static DesiredCondition of(
      DrbdVolumeSnapshot snapshot, List<DesiredCondition> conditions, boolean initialSyncDone) {
    List<Finding> findings =
        new ArrayList<>(
            Degradation.unreached(
                snapshot.run().observations().values(),
                Degradation.PEER_DOWN,
                ": its copy is not replicated"));
    DesiredCondition replication =
        conditions.stream()
            .filter(c -> c.type().equals(ConditionTypes.REPLICATION_HEALTHY))
            .findFirst()
            .orElseThrow();
    if (replication.status() == ConditionStatus.Unknown && findings.isEmpty()) {
      return Degradation.unknown(replication.message());
    }
    if (!replication.isTrue() && replication.status() != ConditionStatus.Unknown) {
      findings.add(
          new Finding(reason(replication.reason(), initialSyncDone), replication.message()));
    }
    return Degradation.of(findings, "both targets hold UpToDate data and are Connected");
  }

  private static String reason(String replication, boolean initialSyncDone) {
    return switch (replication) {
      case Reasons.SYNCING -> initialSyncDone ? Degradation.SYNCING : Degradation.INITIAL_SYNC;
      case Reasons.INITIAL_SYNC_PENDING -> Degradation.INITIAL_SYNC;
      case Reasons.DISCONNECTED -> Degradation.DISCONNECTED;
      case Reasons.DEGRADED -> Degradation.DISK_NOT_UP_TO_DATE;
      case Reasons.DRBD_NOT_RUNNING -> Degradation.NOT_REPLICATING;
      default -> replication; // SplitBrain, PossibleSplitBrain: as ReplicationHealthy names them
    };
  }
}
