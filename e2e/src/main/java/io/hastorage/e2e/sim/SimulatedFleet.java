package io.hastorage.e2e.sim;

import io.hastorage.e2e.sim.cluster.ClusterTools;
import io.hastorage.e2e.sim.cluster.SimulatedCluster;
import io.hastorage.e2e.sim.drbd.DrbdReplication;
import io.hastorage.e2e.sim.initiator.InitiatorTools;
import io.hastorage.e2e.sim.initiator.SimulatedSan;
import io.hastorage.e2e.sim.initiator.TargetPlacement;
import java.io.IOException;
import java.security.PublicKey;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The seed topology, each machine behind its own SSH server: targets {@code centos01}, {@code
 * centos02} ({@link SeedNodes#centosTarget}) and initiators {@code drbd01}, {@code drbd02} ({@link
 * SeedNodes#ubuntuInitiator}). Every node accepts the given client keys.
 *
 * <p>The targets are one {@link SimulatedTargetPair} and form one {@link SimulatedCluster}: their
 * tools include the cluster tools bound to it ({@link ClusterTools}), and stopping a target's SSH
 * server ({@link #crash}) is that machine crashing, starting it again ({@link #restore}) booting
 * it. They also share one {@link DrbdReplication}: DRBD, the targets' /dev/sdb, blkid/wipefs and
 * LVM on the DRBD devices. The cluster places its ocf:linbit:drbd clones by that DRBD, and a
 * target's crash fails its promotable DRBD clones over to the survivor ({@link
 * SimulatedCluster#failover}).
 *
 * <p>The initiators share one {@link SimulatedSan}: iscsiadm, multipath, the OCFS2 tools, mount and
 * blkid/wipefs on the LUNs the targets serve. Which target, LUs and VIPs answer where is what the
 * cluster runs on each live target ({@link SimulatedCluster#runningOn}), so a target's crash makes
 * the sessions FAILED until the failover brings the group up on the survivor. An initiator's crash
 * drops its sessions, maps and mounts; booting logs in its automatic records.
 */
public final class SimulatedFleet implements AutoCloseable {

  public static final List<String> TARGETS = List.of("centos01", "centos02");
  public static final List<String> INITIATORS = List.of("drbd01", "drbd02");

  private final Map<String, SimulatedNodeServer> servers = new LinkedHashMap<>();
  private final SimulatedCluster cluster;
  private final DrbdReplication replication;
  private final SimulatedSan san;

  public SimulatedFleet(Collection<PublicKey> authorizedKeys) {
    this(authorizedKeys, SimulatedTools.standard());
  }

  /**
   * A fleet whose nodes run {@code tools} (shared: tools hold no state of their own); the targets
   * run a copy extended with the cluster and DRBD tools, the initiators one extended with the SAN's
   * ({@link InitiatorTools}).
   */
  public SimulatedFleet(Collection<PublicKey> authorizedKeys, SimulatedTools tools) {
    SimulatedTargetPair targets =
        new SimulatedTargetPair(TARGETS.get(0), TARGETS.get(1), authorizedKeys, tools);
    cluster = targets.cluster();
    replication = targets.replication();
    targets.servers().forEach(server -> servers.put(server.node().name(), server));
    san = new SimulatedSan(TargetPlacement.of(cluster));
    SimulatedTools initiatorTools = tools.copy();
    InitiatorTools.register(initiatorTools, san);
    SimulatedNodeServer.LifecycleListener initiatorPower = new InitiatorPower(san);
    for (String name : INITIATORS) {
      SimulatedNode initiator = SeedNodes.ubuntuInitiator(name);
      san.attach(initiator);
      SimulatedNodeServer server =
          new SimulatedNodeServer(initiator, initiatorTools, authorizedKeys);
      server.addLifecycleListener(initiatorPower);
      servers.put(name, server);
    }
  }

  /** Starts every node's SSH server. */
  public void start() throws IOException {
    for (SimulatedNodeServer server : servers.values()) {
      server.start();
    }
  }

  /** The targets' cluster. */
  public SimulatedCluster cluster() {
    return cluster;
  }

  /** The targets' DRBD replication state (resources, test switches, inspection). */
  public DrbdReplication replication() {
    return replication;
  }

  /** The initiators' SAN (LUN contents, sessions, maps, mounts; test switches, inspection). */
  public SimulatedSan san() {
    return san;
  }

  /** Crashes a node: its SSH server stops, and for a target its cluster daemons die. */
  public void crash(String name) throws IOException {
    server(name).stop();
  }

  /** Boots a crashed node: its SSH server starts, and a target starts its enabled daemons. */
  public void restore(String name) throws IOException {
    server(name).start();
  }

  /** Node names, targets first. */
  public List<String> names() {
    return List.copyOf(servers.keySet());
  }

  public SimulatedNode node(String name) {
    return server(name).node();
  }

  public SimulatedNodeServer server(String name) {
    SimulatedNodeServer server = servers.get(name);
    if (server == null) {
      throw new IllegalArgumentException("no simulated node " + name + "; have " + names());
    }
    return server;
  }

  public List<SimulatedNodeServer> servers() {
    return List.copyOf(servers.values());
  }

  /** Stops every server; the first failure is rethrown after all were tried. */
  @Override
  public void close() {
    SimulatedTargetPair.closeAll(servers.values());
  }

  /** An initiator's SSH server going down or up is its machine crashing or booting. */
  private record InitiatorPower(SimulatedSan san) implements SimulatedNodeServer.LifecycleListener {
    @Override
    public void started(SimulatedNode node) {
      san.hostUp(node);
    }

    @Override
    public void stopped(SimulatedNode node) {
      san.hostDown(node.name());
    }
  }
}
