package io.hastorage.operator.status;

import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/**
 * The fixed set of condition reasons, ranked so the worst one wins when Ready summarises the others
 * (as piraeus-operator ranks its reasons). A reason not listed ranks in the middle.
 */
public final class Reasons {

  public static final String READY = "Ready";
  public static final String INVALID_SPEC = "InvalidSpec";
  public static final String CREDENTIALS_MISSING = "CredentialsMissing";
  public static final String MISSING_PREREQUISITES = "MissingPrerequisites";
  public static final String UNSUPPORTED_OS = "UnsupportedOs";
  public static final String CONVERGING = "Converging";
  public static final String INSTALLING = "Installing";
  public static final String CONVERGED = "Converged";
  public static final String STEP_FAILED = "StepFailed";
  public static final String PAUSED = "Paused";
  public static final String DRY_RUN = "DryRun";
  public static final String NO_FENCING = "NoFencing";
  public static final String UNFENCED_LAB = "UnfencedLab";
  public static final String NODES_UNREACHED = "NodesNotObserved";
  public static final String FENCING_PENDING = "FencingPending";
  public static final String CLUSTER_NOT_RUNNING = "ClusterNotRunning";
  public static final String NOT_QUORATE = "NotQuorate";
  public static final String TARGET_OFFLINE = "TargetOffline";
  public static final String LINK_DOWN = "LinkDown";
  public static final String SECRET_MISSING = "SecretMissing";
  public static final String RESTART_REQUIRED = "RestartRequired";
  public static final String CLUSTER_NOT_FOUND = "ClusterNotFound";
  public static final String CLUSTER_INVALID = "ClusterInvalid";
  public static final String WAITING_FOR_CLUSTER = "WaitingForCluster";
  public static final String SPLIT_BRAIN = "SplitBrain";
  public static final String POSSIBLE_SPLIT_BRAIN = "PossibleSplitBrain";
  public static final String DRBD_NOT_RUNNING = "NotRunning";
  public static final String DISCONNECTED = "Disconnected";
  public static final String DEGRADED = "Degraded";
  public static final String INITIAL_SYNC_PENDING = "InitialSyncPending";
  public static final String SYNCING = "Syncing";
  public static final String UP_TO_DATE = "UpToDate";
  public static final String DRBD_MODULE_MISSING = "DrbdModuleMissing";
  public static final String WAITING_FOR_VOLUME = "WaitingForVolume";
  public static final String AGENTS_MISSING = "AgentsMissing";
  public static final String CIB_UNREADABLE = "CibUnreadable";
  public static final String WAITING_FOR_TARGET = "WaitingForTarget";
  public static final String WAITING_FOR_DEVICE = "WaitingForDevice";
  public static final String UNSAFE_TIMEOUTS = "UnsafeTimeouts";
  public static final String DEVICE_CHANGED = "DeviceChanged";
  public static final String DELETING = "Deleting";
  public static final String DELETION_IN_PROGRESS = "InProgress";
  public static final String FORCE_DELETED = "ForceDeleted";
  public static final String NO_PRIMARY = "NoPrimary";
  public static final String PRIMARY_NOT_UP_TO_DATE = "PrimaryNotUpToDate";
  public static final String VOLUME_GROUP_INACTIVE = "VolumeGroupInactive";
  public static final String NO_PATH = "NoPathUp";

  /** Worst first. */
  private static final List<String> RANK =
      List.of(
          SPLIT_BRAIN,
          INVALID_SPEC,
          DEVICE_CHANGED,
          "FilesystemMissing",
          "ForeignFilesystem",
          "DeviceInUse",
          UNSAFE_TIMEOUTS,
          POSSIBLE_SPLIT_BRAIN,
          "HostKeyMismatch",
          "HostKeyMissing",
          "AuthenticationFailed",
          CREDENTIALS_MISSING,
          SECRET_MISSING,
          CLUSTER_NOT_FOUND,
          CLUSTER_INVALID,
          "NodeUnreachable",
          "ConnectionLost",
          "BackingOff",
          "CommandTimeout",
          "SshProtocolError",
          STEP_FAILED,
          RESTART_REQUIRED,
          NOT_QUORATE,
          TARGET_OFFLINE,
          DEGRADED,
          DISCONNECTED,
          DRBD_NOT_RUNNING,
          PRIMARY_NOT_UP_TO_DATE,
          NO_PATH,
          UNSUPPORTED_OS,
          NO_FENCING,
          MISSING_PREREQUISITES,
          AGENTS_MISSING,
          DRBD_MODULE_MISSING,
          NODES_UNREACHED,
          CLUSTER_NOT_RUNNING,
          FENCING_PENDING,
          LINK_DOWN,
          "NodeBusy",
          "NodeChanged",
          WAITING_FOR_CLUSTER,
          WAITING_FOR_VOLUME,
          WAITING_FOR_TARGET,
          WAITING_FOR_DEVICE,
          CIB_UNREADABLE,
          INITIAL_SYNC_PENDING,
          NO_PRIMARY,
          VOLUME_GROUP_INACTIVE,
          PAUSED,
          DRY_RUN,
          INSTALLING,
          SYNCING,
          CONVERGING);

  private Reasons() {}

  static int rank(String reason) {
    int index = RANK.indexOf(reason);
    return index < 0 ? RANK.indexOf(STEP_FAILED) : index;
  }

  /** The worst of the conditions that are not True, if any. */
  public static Optional<DesiredCondition> worst(List<DesiredCondition> conditions) {
    return conditions.stream()
        .filter(c -> !c.isTrue())
        .min(Comparator.comparingInt(c -> rank(c.reason())));
  }
}
