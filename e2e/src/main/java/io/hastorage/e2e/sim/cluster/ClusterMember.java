package io.hastorage.e2e.sim.cluster;

import io.hastorage.e2e.sim.SimulatedNode;

/**
 * One cluster node's runtime state. Guarded by {@link SimulatedCluster}'s lock. The unit file state
 * (enabled or not) lives in the node's service table; what runs lives here and is mirrored to the
 * units' ActiveState.
 */
final class ClusterMember {

  /**
   * A running corosync: what it loaded at start (or at the last reload).
   *
   * @param authkey the key it loaded, hex
   * @param self its own nodelist entry
   */
  record Corosync(CorosyncConf conf, String authkey, CorosyncConf.Node self) {}

  final SimulatedNode node;
  boolean hostUp = true;
  Corosync corosync;
  boolean pacemaker;
  boolean corosyncFailed;

  /** wait_for_all: every nodelist node was in this corosync's membership at once since start. */
  boolean sawAll;

  /** Its pacemaker was a cluster member at least once (crm_mon's expected_up). */
  boolean everJoined;

  /** It left while its pacemaker was a member (crash): unclean until it rejoins. */
  boolean crashed;

  int reloads;

  ClusterMember(SimulatedNode node) {
    this.node = node;
  }

  String name() {
    return node.name();
  }

  boolean runsCorosync() {
    return hostUp && corosync != null;
  }

  boolean runsPacemaker() {
    return runsCorosync() && pacemaker;
  }
}
