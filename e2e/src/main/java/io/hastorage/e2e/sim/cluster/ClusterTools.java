package io.hastorage.e2e.sim.cluster;

import io.hastorage.e2e.sim.Availability;
import io.hastorage.e2e.sim.SimulatedTools;
import io.hastorage.e2e.sim.tools.SystemctlTool;

/**
 * Registers the cluster's tools, bound to one {@link SimulatedCluster}: {@code crm_mon}, {@code
 * cibadmin}, {@code crm_attribute} (with the pacemaker package), {@code corosync-cfgtool} (with
 * corosync), and a {@code systemctl} whose start/stop of corosync.service and pacemaker.service
 * goes through the cluster. Use a registry with these only for the cluster's nodes.
 */
public final class ClusterTools {

  private ClusterTools() {}

  /** A registry with every standard tool plus the cluster's. */
  public static SimulatedTools standardWith(SimulatedCluster cluster) {
    SimulatedTools tools = SimulatedTools.standard();
    register(tools, cluster);
    return tools;
  }

  public static void register(SimulatedTools tools, SimulatedCluster cluster) {
    Availability pacemaker = Availability.anyPackage("pacemaker", "pacemaker-cli");
    tools.register("crm_mon", pacemaker, new CrmMonTool(cluster));
    tools.register("cibadmin", pacemaker, new CibadminTool(cluster));
    tools.register("crm_attribute", pacemaker, new CrmAttributeTool(cluster));
    tools.register(
        "corosync-cfgtool", Availability.anyPackage("corosync"), new CorosyncCfgtoolTool(cluster));
    tools.register("systemctl", new SystemctlTool(cluster.serviceManager()));
  }
}
