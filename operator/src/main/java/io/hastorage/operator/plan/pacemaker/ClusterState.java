package io.hastorage.operator.plan.pacemaker;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * The cluster as {@code crm_mon --one-shot --output-as=xml} reports it from one node.
 *
 * @param quorate whether the partition this node is in has quorum (the DC's with_quorum)
 * @param designatedController the DC's node name, empty while no DC is elected
 * @param nodes every configured node, in crm_mon order
 * @param clusterOptions the effective cluster options crm_mon lists (defaults included)
 * @param resourceCount how many resources are configured (clone instances counted by Pacemaker)
 */
public record ClusterState(
    boolean quorate,
    Optional<String> designatedController,
    List<NodeState> nodes,
    Map<String, String> clusterOptions,
    int resourceCount) {

  public ClusterState {
    Objects.requireNonNull(designatedController, "designatedController");
    nodes = List.copyOf(nodes);
    clusterOptions = Collections.unmodifiableMap(new LinkedHashMap<>(clusterOptions));
  }

  /** One node's membership and health flags. */
  public record NodeState(
      String name, boolean online, boolean standby, boolean unclean, boolean maintenance) {

    public NodeState {
      Objects.requireNonNull(name, "name");
    }
  }

  public Optional<NodeState> node(String name) {
    return nodes.stream().filter(n -> n.name().equals(name)).findFirst();
  }

  /** Names of the nodes that are online, in crm_mon order. */
  public List<String> onlineNodes() {
    return nodes.stream().filter(NodeState::online).map(NodeState::name).toList();
  }
}
