package io.hastorage.e2e.bench.scale;

import io.hastorage.e2e.sim.SeedNodes;
import io.hastorage.e2e.sim.SimulatedNode;
import io.hastorage.e2e.sim.SimulatedNodeServer;
import io.hastorage.e2e.sim.SimulatedTargetPair;
import io.hastorage.e2e.sim.SimulatedTools;
import java.io.IOException;
import java.security.PublicKey;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The benchmark's machines: one {@link SimulatedTargetPair} per cluster of the layout, each target
 * a seed CentOS target with one extra blank disk per volume of its cluster, each behind its own
 * real SSH server (Apache MINA) on 127.0.0.1.
 */
final class ScaleFleet implements AutoCloseable {

  private final List<SimulatedTargetPair> pairs = new ArrayList<>();
  private final Map<String, SimulatedNodeServer> servers = new LinkedHashMap<>();

  ScaleFleet(ScaleLayout layout, Collection<PublicKey> authorizedKeys) {
    SimulatedTools tools = SimulatedTools.standard();
    for (ScaleLayout.Cluster cluster : layout.clusters()) {
      List<SimulatedNode> targets = new ArrayList<>();
      for (String name : cluster.targets()) {
        SimulatedNode node = SeedNodes.centosTarget(name);
        for (String disk : layout.disksOf(cluster)) {
          if (!node.disks().exists(disk)) { // the seed's /dev/sdb is already there, blank
            node.disks().add(disk, ScaleLayout.DISK_BYTES);
          }
        }
        targets.add(node);
      }
      SimulatedTargetPair pair = new SimulatedTargetPair(targets, authorizedKeys, tools);
      pairs.add(pair);
      pair.servers().forEach(s -> servers.put(s.node().name(), s));
    }
  }

  void start() throws IOException {
    for (SimulatedTargetPair pair : pairs) {
      pair.start();
    }
  }

  List<String> names() {
    return List.copyOf(servers.keySet());
  }

  SimulatedNodeServer server(String name) {
    SimulatedNodeServer server = servers.get(name);
    if (server == null) {
      throw new IllegalArgumentException("no simulated node " + name);
    }
    return server;
  }

  int port(String name) {
    return server(name).port();
  }

  /** SSH execs received by all nodes so far. */
  long execs() {
    return servers.values().stream().mapToLong(s -> s.node().execCount()).sum();
  }

  /** Finished execs that changed a node, on all nodes so far. */
  long mutatingCommands() {
    return servers.values().stream().mapToLong(s -> s.node().mutatingCommandCount()).sum();
  }

  /** SSH handshakes (sessions) all servers accepted so far. */
  long sessions() {
    return servers.values().stream().mapToLong(SimulatedNodeServer::sessionCount).sum();
  }

  /**
   * Forgets every node's exec log, so the simulator's own bookkeeping does not grow with the run
   * and inflate the heap figure; counters restart from 0.
   */
  void clearExecLogs() {
    servers.values().forEach(s -> s.node().execLog().clear());
  }

  /** Command lines the simulation could not model, on all nodes (should be none). */
  List<String> unsupported() {
    return servers.values().stream()
        .flatMap(s -> s.node().execLog().unsupported().stream())
        .distinct()
        .toList();
  }

  @Override
  public void close() {
    RuntimeException failure = null;
    for (SimulatedTargetPair pair : pairs) {
      try {
        pair.close();
      } catch (RuntimeException e) {
        if (failure == null) {
          failure = e;
        } else {
          failure.addSuppressed(e);
        }
      }
    }
    if (failure != null) {
      throw failure;
    }
  }
}
