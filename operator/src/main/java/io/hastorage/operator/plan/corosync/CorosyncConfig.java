package io.hastorage.operator.plan.corosync;

import io.hastorage.operator.api.cluster.ClusterNode;
import io.hastorage.operator.api.cluster.CorosyncSpec;
import io.hastorage.operator.api.cluster.NodeRole;
import io.hastorage.operator.api.cluster.QuorumSpec;
import io.hastorage.operator.api.cluster.StorageClusterSpec;
import io.hastorage.operator.api.common.ValidationPatterns;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Everything corosync.conf says, as plain values: the desired Corosync layer of the target pair.
 * Built from the StorageCluster spec by {@link #from}; rendered by {@link CorosyncConfRenderer}.
 *
 * <p>The defaults mirror the {@code @Default} values of {@link CorosyncSpec} and {@link
 * QuorumSpec}: the API server fills them in, but a spec that bypassed the schema (an old CRD, a
 * mock server) must still produce the same file, and the operator never writes defaults into its
 * own spec.
 *
 * @param clusterName totem.cluster_name
 * @param nodes the nodelist, in spec order
 * @param tokenMs totem.token
 * @param consensusMs totem.consensus
 * @param crypto aes256/sha256 with the shared authkey when true, no crypto when false
 * @param twoNode quorum.two_node
 * @param waitForAll quorum.wait_for_all
 */
public record CorosyncConfig(
    String clusterName,
    List<CorosyncNode> nodes,
    int tokenMs,
    int consensusMs,
    boolean crypto,
    boolean twoNode,
    boolean waitForAll) {

  public static final int DEFAULT_TOKEN_MS = 3000;
  public static final int DEFAULT_CONSENSUS_MS = 3600;
  public static final boolean DEFAULT_CRYPTO = true;
  public static final boolean DEFAULT_TWO_NODE = true;
  public static final boolean DEFAULT_WAIT_FOR_ALL = true;

  /** knet's KNET_MAX_LINK. */
  public static final int MAX_LINKS = 8;

  private static final Pattern LABEL = Pattern.compile(ValidationPatterns.LABEL);

  public CorosyncConfig {
    Objects.requireNonNull(clusterName, "clusterName");
    if (!LABEL.matcher(clusterName).matches()) {
      throw new IllegalArgumentException("not a cluster name: " + clusterName);
    }
    nodes = List.copyOf(nodes);
    requireConsistentNodes(nodes);
    if (tokenMs <= 0 || consensusMs <= 0) {
      throw new IllegalArgumentException("token and consensus must be positive");
    }
  }

  /**
   * The Corosync layer of {@code spec}: its Target nodes in spec order with nodeids 1, 2, ..., and
   * for each network named in spec.corosync.links the node's address on it.
   *
   * @throws IllegalArgumentException when a target has no address on a link network (the spec
   *     validator reports that before any plan is made)
   */
  public static CorosyncConfig from(StorageClusterSpec spec) {
    CorosyncSpec corosync = Objects.requireNonNull(spec.corosync, "spec.corosync");
    List<ClusterNode> targets = spec.nodesWithRole(NodeRole.Target);
    List<CorosyncNode> nodes = new ArrayList<>();
    for (int i = 0; i < targets.size(); i++) {
      ClusterNode target = targets.get(i);
      nodes.add(new CorosyncNode(target.name, i + 1, linkAddresses(target, corosync.links)));
    }
    QuorumSpec quorum = corosync.quorum == null ? new QuorumSpec() : corosync.quorum;
    return new CorosyncConfig(
        corosync.clusterName,
        nodes,
        orDefault(corosync.tokenMs, DEFAULT_TOKEN_MS),
        orDefault(corosync.consensusMs, DEFAULT_CONSENSUS_MS),
        orDefault(corosync.crypto, DEFAULT_CRYPTO),
        orDefault(quorum.twoNode, DEFAULT_TWO_NODE),
        orDefault(quorum.waitForAll, DEFAULT_WAIT_FOR_ALL));
  }

  /** How many knet links every node has. */
  public int linkCount() {
    return nodes.get(0).linkAddresses().size();
  }

  /** Whether {@code name} is in the nodelist. */
  public boolean hasNode(String name) {
    return nodes.stream().anyMatch(n -> n.name().equals(name));
  }

  private static List<String> linkAddresses(ClusterNode node, List<String> links) {
    List<String> addresses = new ArrayList<>();
    for (String network : links) {
      addresses.add(
          node.addressOn(network)
              .map(a -> a.address)
              .orElseThrow(
                  () ->
                      new IllegalArgumentException(
                          "target " + node.name + " has no address on network " + network)));
    }
    return addresses;
  }

  /** Corosync rejects nodes whose link counts differ, but with a misleading message. */
  private static void requireConsistentNodes(List<CorosyncNode> nodes) {
    if (nodes.isEmpty()) {
      throw new IllegalArgumentException("the nodelist is empty");
    }
    int links = nodes.get(0).linkAddresses().size();
    if (links > MAX_LINKS) {
      throw new IllegalArgumentException(links + " links, knet supports " + MAX_LINKS);
    }
    Set<String> names = new HashSet<>();
    Set<Integer> ids = new HashSet<>();
    for (CorosyncNode node : nodes) {
      if (node.linkAddresses().size() != links) {
        throw new IllegalArgumentException(
            "node " + node.name() + " has " + node.linkAddresses().size() + " links, not " + links);
      }
      if (!names.add(node.name()) || !ids.add(node.nodeId())) {
        throw new IllegalArgumentException("duplicate node name or nodeid: " + node);
      }
    }
  }

  private static <T> T orDefault(T value, T fallback) {
    return value == null ? fallback : value;
  }
}
