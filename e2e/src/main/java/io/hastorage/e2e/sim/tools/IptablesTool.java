package io.hastorage.e2e.sim.tools;

import io.hastorage.e2e.sim.ExecOutcome;
import io.hastorage.e2e.sim.SimulatedTool;
import io.hastorage.e2e.sim.ToolContext;
import io.hastorage.e2e.sim.UnsupportedFeatureException;
import io.hastorage.operator.observe.OsInfo;
import java.util.List;

/**
 * The read-only iptables the operator's probe uses: {@code -V}, {@code -n -L INPUT} and {@code -S
 * INPUT}, with no rules (the simulation runs no portblock agent). CentOS 7 ships iptables 1.4.21,
 * whose listing names the protocol; Ubuntu 22.04 ships 1.8.7.
 */
final class IptablesTool implements SimulatedTool {

  @Override
  public boolean mutates(List<String> argv) {
    return false;
  }

  @Override
  public ExecOutcome run(List<String> argv, ToolContext context) {
    String version =
        context.node().distro().family() == OsInfo.Family.RHEL ? "v1.4.21" : "v1.8.7 (nf_tables)";
    if (argv.equals(List.of("iptables", "-V"))) {
      return ExecOutcome.ok("iptables " + version + "\n");
    }
    if (argv.equals(List.of("iptables", "-n", "-L", "INPUT"))) {
      return ExecOutcome.ok(
          "Chain INPUT (policy ACCEPT)\n"
              + "target     prot opt source               destination         \n");
    }
    if (argv.equals(List.of("iptables", "-S", "INPUT"))) {
      return ExecOutcome.ok("-P INPUT ACCEPT\n");
    }
    throw new UnsupportedFeatureException(
        "iptables " + String.join(" ", argv.subList(1, argv.size())));
  }
}
