package io.hastorage.e2e.sim;

import io.hastorage.e2e.sim.cluster.ClusterTools;
import io.hastorage.e2e.sim.cluster.CrmFencePeer;
import io.hastorage.e2e.sim.cluster.SimulatedCluster;
import io.hastorage.e2e.sim.drbd.DrbdReplication;
import io.hastorage.e2e.sim.drbd.DrbdTools;
import io.hastorage.e2e.sim.drbd.PeerFencing;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.security.PublicKey;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One storage target pair with any two node names, each machine behind its own SSH server: two
 * CentOS targets ({@link SeedNodes#centosTarget}) forming one {@link SimulatedCluster} and sharing
 * one {@link DrbdReplication} (whose fence-peer handlers are the cluster's {@link CrmFencePeer}),
 * exactly as the targets of {@link SimulatedFleet}. Stopping a target's server is that machine
 * crashing (its cluster daemons die and the cluster fails over), starting it again is it booting.
 *
 * <p>Several pairs can live side by side in one process (the scale benchmark runs 50): each has its
 * own cluster, replication and tool set, so nothing is shared between pairs.
 */
public final class SimulatedTargetPair implements AutoCloseable {

  private final Map<String, SimulatedNodeServer> servers = new LinkedHashMap<>();
  private final SimulatedCluster cluster;
  private final DrbdReplication replication;

  /** The two seed targets with the given names, each with only the seed's /dev/sdb. */
  public SimulatedTargetPair(
      String first, String second, Collection<PublicKey> authorizedKeys, SimulatedTools tools) {
    this(
        List.of(SeedNodes.centosTarget(first), SeedNodes.centosTarget(second)),
        authorizedKeys,
        tools);
  }

  /**
   * A pair of already built target nodes (e.g. with extra disks). {@code tools} is copied and
   * extended with the cluster and DRBD tools bound to this pair.
   */
  public SimulatedTargetPair(
      List<SimulatedNode> targets, Collection<PublicKey> authorizedKeys, SimulatedTools tools) {
    if (targets.size() != 2) {
      throw new IllegalArgumentException("a target pair has 2 nodes, got " + targets.size());
    }
    cluster = new SimulatedCluster(targets);
    SimulatedTools targetTools = tools.copy();
    ClusterTools.register(targetTools, cluster);
    replication = new DrbdReplication(targets);
    DrbdTools.register(targetTools, replication);
    cluster.attachDrbd(replication);
    replication.attachPeerFencing(new CrmHandlers(new CrmFencePeer(cluster)));
    SimulatedNodeServer.LifecycleListener power = new ClusterPower(cluster, replication);
    for (SimulatedNode target : targets) {
      SimulatedNodeServer server = new SimulatedNodeServer(target, targetTools, authorizedKeys);
      server.addLifecycleListener(power);
      servers.put(target.name(), server);
    }
  }

  /** Starts both SSH servers. */
  public void start() throws IOException {
    for (SimulatedNodeServer server : servers.values()) {
      server.start();
    }
  }

  public SimulatedCluster cluster() {
    return cluster;
  }

  public DrbdReplication replication() {
    return replication;
  }

  /** The two node names, in the order given. */
  public List<String> names() {
    return List.copyOf(servers.keySet());
  }

  public SimulatedNode node(String name) {
    return server(name).node();
  }

  public SimulatedNodeServer server(String name) {
    SimulatedNodeServer server = servers.get(name);
    if (server == null) {
      throw new IllegalArgumentException("no simulated target " + name + "; have " + names());
    }
    return server;
  }

  public List<SimulatedNodeServer> servers() {
    return List.copyOf(servers.values());
  }

  /** Stops both servers; the first failure is rethrown after both were tried. */
  @Override
  public void close() {
    closeAll(servers.values());
  }

  static void closeAll(Collection<SimulatedNodeServer> servers) {
    List<IOException> failures = new ArrayList<>();
    for (SimulatedNodeServer server : servers) {
      try {
        server.close();
      } catch (IOException e) {
        failures.add(e);
      }
    }
    if (!failures.isEmpty()) {
      UncheckedIOException failure = new UncheckedIOException("stopping servers", failures.get(0));
      failures.subList(1, failures.size()).forEach(failure::addSuppressed);
      throw failure;
    }
  }

  /** A target's SSH server going down or up is its machine crashing or booting. */
  private record ClusterPower(SimulatedCluster cluster, DrbdReplication replication)
      implements SimulatedNodeServer.LifecycleListener {
    @Override
    public void started(SimulatedNode node) {
      replication.hostUp(node.name());
      cluster.nodeUp(node.name());
    }

    @Override
    public void stopped(SimulatedNode node) {
      cluster.nodeDown(node.name());
      replication.hostDown(node.name());
      cluster.failover();
    }
  }

  /** DRBD's fence-peer and after-resync-target handlers: drbd-utils' crm scripts on the cluster. */
  private record CrmHandlers(CrmFencePeer crm) implements PeerFencing {
    @Override
    public boolean fencePeer(String node, String resource) {
      return crm.fence(node, resource);
    }

    @Override
    public void afterResyncTarget(String node, String resource) {
      crm.unfence(node, resource);
    }
  }
}
