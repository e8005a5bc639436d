package io.hastorage.operator.observe.drbd;

import java.util.Objects;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.OptionalInt;
import java.util.Set;

/**
 * One DRBD device (volume) as one node sees it towards one peer, in a vocabulary shared by DRBD 8.4
 * and DRBD 9 so that status and safety checks need not know which version a node runs.
 *
 * <p>{@code connectionState} uses the 8.4 {@code cs:} words: DRBD 9 splits that into a connection
 * state and a replication state, and {@link DrbdStatusJsonParser} folds them back (a Connected
 * connection that is resyncing reads {@code SyncSource}). Values the tool did not print are DRBD's
 * own "unknown" words ({@link #UNKNOWN_ROLE}, {@link #UNKNOWN_DISK}) rather than null.
 *
 * @param minor the device minor (/dev/drbdN), -1 when the output did not say
 * @param resource the resource name; /proc/drbd does not print it
 * @param volume the volume number within the resource; /proc/drbd does not print it
 * @param peer the peer's name; /proc/drbd does not print it
 * @param connectionState e.g. Connected, SyncSource, WFConnection, StandAlone, Unconfigured
 * @param localRole Primary, Secondary or Unknown
 * @param peerRole Primary, Secondary or Unknown
 * @param localDisk e.g. UpToDate, Inconsistent, Diskless
 * @param peerDisk e.g. UpToDate, DUnknown
 * @param protocol the replication protocol letter (A, B, C); absent when StandAlone or on DRBD 9
 * @param outOfSyncKiB data this node knows differs from the peer, in KiB (both tools count KiB)
 * @param syncPercent how far a running resync has got; absent when no resync runs
 */
public record DrbdDeviceState(
    int minor,
    Optional<String> resource,
    OptionalInt volume,
    Optional<String> peer,
    String connectionState,
    String localRole,
    String peerRole,
    String localDisk,
    String peerDisk,
    Optional<String> protocol,
    long outOfSyncKiB,
    OptionalDouble syncPercent) {

  /** DRBD's word for a role it does not know. */
  public static final String UNKNOWN_ROLE = "Unknown";

  /** DRBD's word for a disk state it does not know. */
  public static final String UNKNOWN_DISK = "DUnknown";

  private static final Set<String> SYNC_STATES =
      Set.of("SyncSource", "SyncTarget", "PausedSyncS", "PausedSyncT");

  public DrbdDeviceState {
    Objects.requireNonNull(resource);
    Objects.requireNonNull(volume);
    Objects.requireNonNull(peer);
    Objects.requireNonNull(connectionState);
    Objects.requireNonNull(localRole);
    Objects.requireNonNull(peerRole);
    Objects.requireNonNull(localDisk);
    Objects.requireNonNull(peerDisk);
    Objects.requireNonNull(protocol);
    Objects.requireNonNull(syncPercent);
  }

  /** Out-of-sync data in bytes, the unit the DrbdVolume status reports. */
  public long outOfSyncBytes() {
    return outOfSyncKiB * 1024L;
  }

  /** Whether a resync (running or paused) is in progress towards this peer. */
  public boolean syncing() {
    return SYNC_STATES.contains(connectionState);
  }

  /** A name for messages: the resource/volume when known, otherwise the minor. */
  public String displayName() {
    if (resource.isPresent()) {
      return resource.get() + "/" + (volume.isPresent() ? volume.getAsInt() : "?");
    }
    return "minor " + minor;
  }
}
