package io.hastorage.e2e.sim.cluster;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Who sees whom: corosync membership (same authkey and cluster name, each in the other's nodelist,
 * both running on hosts that are up), votequorum's verdict, the DC, and one node's {@link
 * ClusterView}. Pure functions of the members' state.
 */
final class Membership {

  private final Map<String, ClusterMember> members;

  Membership(Map<String, ClusterMember> members) {
    this.members = members;
  }

  /** The corosync partition of {@code local} (itself first); empty when its corosync is down. */
  List<ClusterMember> partition(ClusterMember local) {
    if (!local.runsCorosync()) {
      return List.of();
    }
    List<ClusterMember> partition = new ArrayList<>(List.of(local));
    for (ClusterMember other : members.values()) {
      if (other != local && other.runsCorosync() && canTalk(local, other)) {
        partition.add(other);
      }
    }
    return partition;
  }

  /** votequorum for {@code local}'s partition. */
  boolean quorate(ClusterMember local) {
    List<ClusterMember> partition = partition(local);
    if (partition.isEmpty()) {
      return false;
    }
    CorosyncConf conf = local.corosync.conf();
    int votes = partition.size();
    int expected = conf.expectedVotes();
    boolean waited = !conf.waitForAll() || local.sawAll;
    if (conf.twoNode() && expected == 2) {
      return votes >= 2 || waited;
    }
    return votes > expected / 2 && waited;
  }

  /** The DC of {@code local}'s partition: its pacemaker node with the lowest nodeid. */
  Optional<ClusterMember> dc(ClusterMember local) {
    return partition(local).stream()
        .filter(ClusterMember::runsPacemaker)
        .min(Comparator.comparingInt(m -> nodeid(local, m)));
  }

  ClusterView view(ClusterMember local) {
    List<ClusterMember> partition = partition(local);
    List<ClusterView.NodeStatus> nodes = new ArrayList<>();
    for (CorosyncConf.Node entry : local.corosync.conf().nodes()) {
      Optional<ClusterMember> member =
          partition.stream()
              .filter(m -> local.corosync.conf().node(m.name()).equals(Optional.of(entry)))
              .findFirst();
      Optional<ClusterMember> known = Optional.ofNullable(members.get(entry.name()));
      nodes.add(
          new ClusterView.NodeStatus(
              entry.name(),
              entry.nodeid(),
              member.isPresent(),
              member.filter(ClusterMember::runsPacemaker).isPresent(),
              known.map(m -> m.everJoined).orElse(false),
              known.map(m -> m.crashed).orElse(false)));
    }
    return new ClusterView(
        local.name(),
        local.corosync.self().nodeid(),
        quorate(local),
        dc(local).map(ClusterMember::name),
        nodes);
  }

  private static boolean canTalk(ClusterMember a, ClusterMember b) {
    CorosyncConf ac = a.corosync.conf();
    CorosyncConf bc = b.corosync.conf();
    return a.corosync.authkey().equals(b.corosync.authkey())
        && ac.clusterName().equals(bc.clusterName())
        && ac.transport().equals(bc.transport())
        && ac.node(b.name()).isPresent()
        && bc.node(a.name()).isPresent();
  }

  /** {@code other}'s nodeid in {@code local}'s nodelist. */
  private static int nodeid(ClusterMember local, ClusterMember other) {
    return local.corosync.conf().node(other.name()).orElseThrow().nodeid();
  }
}
