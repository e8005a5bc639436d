package io.hastorage.e2e.sim.initiator;

import io.hastorage.e2e.sim.cluster.RunningPrimitive;
import io.hastorage.e2e.sim.cluster.SimulatedCluster;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What runs on each storage target right now, as far as the network can tell: the primitives (VIPs,
 * iSCSI targets, LUs) each machine's own pacemaker runs there.
 */
@FunctionalInterface
public interface TargetPlacement {

  /** The running primitives by host; a host that is down or runs no pacemaker has none. */
  Map<String, List<RunningPrimitive>> runningByHost();

  /** The placement on the nodes of a simulated cluster ({@link SimulatedCluster#runningOn}). */
  static TargetPlacement of(SimulatedCluster cluster) {
    return () -> {
      Map<String, List<RunningPrimitive>> byHost = new LinkedHashMap<>();
      for (String node : cluster.nodeNames()) {
        byHost.put(node, cluster.runningOn(node));
      }
      return byHost;
    };
  }
}
