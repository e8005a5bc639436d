package io.hastorage.e2e.sim.cluster;

import io.hastorage.e2e.sim.SimulatedNode;
import io.hastorage.e2e.sim.tools.ServiceManager;
import java.util.Optional;
import java.util.Set;

/** systemctl's start/stop: the cluster's two units go through the cluster, others elsewhere. */
final class ClusterServices implements ServiceManager {

  private static final Set<String> UNITS =
      Set.of(SimulatedCluster.COROSYNC_UNIT, SimulatedCluster.PACEMAKER_UNIT);

  private final SimulatedCluster cluster;
  private final ServiceManager others;

  ClusterServices(SimulatedCluster cluster, ServiceManager others) {
    this.cluster = cluster;
    this.others = others;
  }

  @Override
  public Optional<StartFailure> start(SimulatedNode node, String unitId) {
    if (owns(node, unitId)) {
      return cluster.start(node.name(), unitId);
    }
    return others.start(node, unitId);
  }

  @Override
  public void stop(SimulatedNode node, String unitId) {
    if (owns(node, unitId)) {
      cluster.stop(node.name(), unitId);
    } else {
      others.stop(node, unitId);
    }
  }

  @Override
  public Optional<StartFailure> restart(SimulatedNode node, String unitId) {
    if (owns(node, unitId)) {
      return cluster.restart(node.name(), unitId);
    }
    return others.restart(node, unitId);
  }

  private boolean owns(SimulatedNode node, String unitId) {
    return UNITS.contains(unitId) && cluster.isMember(node.name());
  }
}
