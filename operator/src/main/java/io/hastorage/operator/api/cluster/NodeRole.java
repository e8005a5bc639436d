package io.hastorage.operator.api.cluster;

/** What a machine does in the storage cluster. */
public enum NodeRole {
  /** Runs DRBD, LVM, the iSCSI target and the Pacemaker cluster; exactly two per cluster. */
  Target,
  /** Logs in to the target and mounts the shared OCFS2 file system. */
  Initiator
}
