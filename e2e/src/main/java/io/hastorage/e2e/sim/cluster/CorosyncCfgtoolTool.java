package io.hastorage.e2e.sim.cluster;

import io.hastorage.e2e.sim.ExecOutcome;
import io.hastorage.e2e.sim.SimulatedTool;
import io.hastorage.e2e.sim.ToolContext;
import io.hastorage.e2e.sim.UnsupportedFeatureException;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * {@code corosync-cfgtool -s} (link status, formatted as corosync 3.1's cfgtool prints it: one LINK
 * block per link of this node, each nodelist node localhost, connected or disconnected) and {@code
 * corosync-cfgtool -R} (every corosync in this node's membership re-reads its corosync.conf). Only
 * the knet transport is modelled.
 */
final class CorosyncCfgtoolTool implements SimulatedTool {

  private final SimulatedCluster cluster;

  CorosyncCfgtoolTool(SimulatedCluster cluster) {
    this.cluster = cluster;
  }

  @Override
  public boolean mutates(List<String> argv) {
    return !argv.equals(List.of(argv.get(0), "-s"));
  }

  @Override
  public ExecOutcome run(List<String> argv, ToolContext context) {
    String node = context.node().name();
    if (argv.size() == 2 && argv.get(1).equals("-s")) {
      return status(node);
    }
    if (argv.size() == 2 && argv.get(1).equals("-R")) {
      return reload(node);
    }
    throw new UnsupportedFeatureException(String.join(" ", argv));
  }

  private ExecOutcome status(String node) {
    Optional<ClusterMember.Corosync> corosync = cluster.corosync(node);
    Optional<ClusterView> view = cluster.view(node);
    if (corosync.isEmpty() || view.isEmpty()) {
      return ExecOutcome.failure(1, "Could not initialize corosync configuration API error 2\n");
    }
    CorosyncConf conf = corosync.get().conf();
    if (!conf.transport().equals("knet")) {
      throw new UnsupportedFeatureException(
          "corosync-cfgtool -s with transport " + conf.transport());
    }
    StringBuilder out = new StringBuilder();
    out.append("Local node ID ").append(view.get().localNodeId());
    out.append(", transport ").append(conf.transport()).append('\n');
    for (Map.Entry<Integer, String> link : corosync.get().self().links().entrySet()) {
      out.append("LINK ID ").append(link.getKey()).append(' ');
      out.append(conf.linkTransport(link.getKey())).append('\n');
      out.append("\taddr\t= ").append(link.getValue()).append('\n');
      out.append("\tstatus:\n");
      for (ClusterView.NodeStatus peer : view.get().nodes()) {
        out.append(String.format("\t\tnodeid: %10d:\t", peer.nodeid()));
        if (peer.name().equals(node) || peer.nodeid() == view.get().localNodeId()) {
          out.append("localhost\n");
        } else {
          out.append(peer.connected() ? "connected\n" : "disconnected\n");
        }
      }
    }
    return ExecOutcome.ok(out.toString());
  }

  private ExecOutcome reload(String node) {
    String reloading = "Reloading corosync.conf...\n";
    Optional<List<String>> errors = cluster.reload(node);
    if (errors.isEmpty()) {
      return ExecOutcome.of(
          1, reloading, "Could not initialize corosync configuration API error CS_ERR_LIBRARY\n");
    }
    if (errors.get().isEmpty()) {
      return ExecOutcome.ok(reloading + "Done\n");
    }
    return ExecOutcome.of(
        1,
        reloading
            + "ERROR from reload: "
            + String.join("; ", errors.get())
            + " - see syslog for more information\n",
        "Could not reload configuration. Error CS_ERR_INVALID_PARAM\n"
            + "Errors in appying config, corosync.conf might not match the running system\n");
  }
}
