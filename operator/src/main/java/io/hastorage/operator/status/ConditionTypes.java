package io.hastorage.operator.status;

/** Condition types used by the resources. Ready says whether the resource serves its consumer. */
public final class ConditionTypes {

  public static final String READY = "Ready";
  public static final String SPEC_VALID = "SpecValid";
  public static final String NODES_REACHABLE = "NodesReachable";
  public static final String PREREQUISITES_MET = "PrerequisitesMet";
  public static final String FENCING_CONFIGURED = "FencingConfigured";
  public static final String CONVERGED = "Converged";
  public static final String WARNING = "Warning";
  public static final String CLUSTER_FORMED = "ClusterFormed";
  public static final String LINKS_HEALTHY = "LinksHealthy";
  public static final String SECRETS_AVAILABLE = "SecretsAvailable";
  public static final String COROSYNC_RUNTIME = "CorosyncRuntimeMatchesSpec";
  public static final String CLUSTER_AVAILABLE = "ClusterAvailable";
  public static final String REPLICATION_HEALTHY = "ReplicationHealthy";
  public static final String VOLUMES_READY = "VolumesReady";
  public static final String AGENTS_AVAILABLE = "AgentsAvailable";
  public static final String TARGET_RUNNING = "TargetRunning";
  public static final String TARGET_READY = "TargetReady";
  public static final String TIMEOUTS_SAFE = "TimeoutsSafe";
  public static final String PATHS_HEALTHY = "PathsHealthy";
  public static final String FILESYSTEM_READY = "FilesystemReady";
  public static final String MOUNTED = "Mounted";
  public static final String DELETION_BLOCKED = "DeletionBlocked";

  /**
   * True when the resource serves but has lost redundancy (a peer down, a resync, a path down). Not
   * part of Ready: a degraded resource that serves stays Ready.
   */
  public static final String DEGRADED = "Degraded";

  /** Conditions whose True is the abnormal state: Events report them as Warnings when True. */
  public static boolean trueIsAbnormal(String type) {
    return WARNING.equals(type) || DEGRADED.equals(type);
  }

  private ConditionTypes() {}
}
