package io.hastorage.e2e.sim.tools;

import io.hastorage.e2e.sim.ExecOutcome;
import io.hastorage.e2e.sim.ServiceUnit;
import io.hastorage.e2e.sim.SimulatedNode;
import io.hastorage.e2e.sim.SimulatedTool;
import io.hastorage.e2e.sim.ToolContext;
import io.hastorage.e2e.sim.UnsupportedFeatureException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * {@code pidof NAME...}: the node's processes are systemd (pid 1) and the processes of its active
 * service units ({@code pacemaker.service} runs pacemakerd and its sub-daemons, any other unit a
 * process named like the unit). Pids are made up but stable per node and process name. Prints the
 * pids on one line and exits 0, or prints nothing and exits 1 when none of the names runs. Options
 * ({@code -s}, {@code -x}, {@code -o}) are not modelled.
 */
final class PidofTool implements SimulatedTool {

  private static final Map<String, List<String>> PROCESSES =
      Map.of(
          "pacemaker.service",
          List.of(
              "pacemakerd",
              "pacemaker-based",
              "pacemaker-fenced",
              "pacemaker-execd",
              "pacemaker-attrd",
              "pacemaker-schedulerd",
              "pacemaker-controld"),
          "ssh.service",
          List.of("sshd"));

  @Override
  public boolean mutates(List<String> argv) {
    return false;
  }

  @Override
  public ExecOutcome run(List<String> argv, ToolContext context) {
    List<String> names = argv.subList(1, argv.size());
    if (names.isEmpty() || names.stream().anyMatch(n -> n.startsWith("-"))) {
      throw new UnsupportedFeatureException("pidof " + String.join(" ", names));
    }
    List<String> pids = new ArrayList<>();
    for (String name : names) {
      if (runs(context.node(), name)) {
        pids.add(Integer.toString(pid(context.node(), name)));
      }
    }
    return pids.isEmpty()
        ? ExecOutcome.failure(1, "")
        : ExecOutcome.ok(String.join(" ", pids) + "\n");
  }

  private static boolean runs(SimulatedNode node, String process) {
    if (process.equals("systemd")) {
      return true;
    }
    return node.services().all().values().stream()
        .filter(unit -> unit.activeState().equals("active"))
        .anyMatch(unit -> processesOf(unit).contains(process));
  }

  private static List<String> processesOf(ServiceUnit unit) {
    String base = unit.id().substring(0, unit.id().lastIndexOf('.'));
    return PROCESSES.getOrDefault(unit.id(), List.of(base));
  }

  private static int pid(SimulatedNode node, String process) {
    if (process.equals("systemd")) {
      return 1;
    }
    return 1000 + Math.floorMod((node.name() + "/" + process).hashCode(), 30000);
  }
}
