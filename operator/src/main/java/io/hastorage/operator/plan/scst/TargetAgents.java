package io.hastorage.operator.plan.scst;

/**
 * Which resource agents drive the iSCSI target and its LUs. The reconciler picks by what the target
 * nodes have installed (the agents' meta-data), and says in a condition what is missing.
 */
public enum TargetAgents {
  /**
   * {@code ocf:scst:SCSTTarget} and {@code ocf:scst:SCSTLun} from the scst-ocf project, as the seed
   * runs them; backend {@code scst} only. Not packaged by any distribution.
   */
  SCST_OCF,
  /**
   * {@code ocf:heartbeat:iSCSITarget} and {@code ocf:heartbeat:iSCSILogicalUnit} from
   * resource-agents, with {@code implementation} set from the backend. {@code scst} needs
   * resource-agents 4.13 or later (4.12 knows iet/tgt/lio/lio-t only).
   */
  RESOURCE_AGENTS
}
