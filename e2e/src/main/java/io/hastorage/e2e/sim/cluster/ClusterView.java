package io.hastorage.e2e.sim.cluster;

import java.util.List;
import java.util.Optional;

/**
 * The cluster as one node's running corosync and pacemaker see it.
 *
 * @param local the viewing node
 * @param localNodeId its corosync nodeid
 * @param quorate whether its partition has quorum (votequorum, two_node and wait_for_all included)
 * @param dc the Designated Controller: the lowest nodeid whose pacemaker runs in the partition
 * @param nodes every node of its nodelist, in nodeid order
 */
public record ClusterView(
    String local, int localNodeId, boolean quorate, Optional<String> dc, List<NodeStatus> nodes) {

  /**
   * One nodelist node as the viewer sees it.
   *
   * @param connected in the viewer's corosync membership (its corosync runs and can talk to it)
   * @param online connected and its pacemaker runs
   * @param expectedUp its pacemaker was a cluster member at some point
   * @param crashed it left while a member, without a clean shutdown, and has not rejoined
   */
  public record NodeStatus(
      String name,
      int nodeid,
      boolean connected,
      boolean online,
      boolean expectedUp,
      boolean crashed) {}

  public ClusterView {
    nodes = List.copyOf(nodes);
  }

  /** Names of the nodes whose pacemaker is online in this partition. */
  public List<String> onlineNodes() {
    return nodes.stream().filter(NodeStatus::online).map(NodeStatus::name).toList();
  }

  /** The DC's nodeid, when there is a DC. */
  public Optional<Integer> dcId() {
    return dc.flatMap(name -> nodes.stream().filter(n -> n.name().equals(name)).findFirst())
        .map(NodeStatus::nodeid);
  }
}
