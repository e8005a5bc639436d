package io.hastorage.operator.plan.cluster;

import io.hastorage.operator.node.Command;
import io.hastorage.operator.observe.NodeFacts;
import io.hastorage.operator.observe.ProbeItem;
import io.hastorage.operator.observe.ProbeRequest;
import io.hastorage.operator.observe.ServiceState;
import io.hastorage.operator.plan.Action;
import io.hastorage.operator.plan.ServiceStart;
import io.hastorage.operator.plan.Step;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * Keeps Corosync and Pacemaker running on a target node without ever restarting a running daemon.
 * With systemd (PID 1 is systemd) the units are enabled and started; on a machine without systemd
 * (the node lab) the daemons are started directly, as their packages' own units would.
 */
public final class ClusterServices {

  static final ProbeItem INIT = ProbeItem.of("init", "cat", "/proc/1/comm");
  static final ProbeItem COROSYNC_PID = ProbeItem.of("pid-corosync", "pidof", "corosync");
  static final ProbeItem PACEMAKERD_PID = ProbeItem.of("pid-pacemakerd", "pidof", "pacemakerd");
  static final String COROSYNC_UNIT = "corosync.service";
  static final String PACEMAKER_UNIT = "pacemaker.service";

  /** Starts pacemakerd detached, all output to its log, so the SSH channel can close. */
  public static final String START_PACEMAKERD_SCRIPT =
      "mkdir -p /var/log/pacemaker; setsid pacemakerd </dev/null >>/var/log/pacemaker/pacemakerd.out 2>&1 &";

  private static final Duration START_TIMEOUT = Duration.ofSeconds(90);

  private ClusterServices() {}

  static ProbeRequest probeRequest() {
    return new ProbeRequest(Set.of(), Set.of(COROSYNC_UNIT, PACEMAKER_UNIT), Set.of())
        .merge(ProbeRequest.ofItems(INIT, COROSYNC_PID, PACEMAKERD_PID));
  }

  public static boolean corosyncRunning(NodeFacts facts) {
    return facts.raw().section(COROSYNC_PID.name()).map(s -> s.ok()).orElse(false);
  }

  public static boolean pacemakerRunning(NodeFacts facts) {
    return facts.raw().section(PACEMAKERD_PID.name()).map(s -> s.ok()).orElse(false);
  }

  static boolean systemd(NodeFacts facts) {
    return facts
        .raw()
        .okOutput(INIT.name())
        .map(comm -> comm.strip().equals("systemd"))
        .orElse(false);
  }

  /** Steps that bring both daemons up (and, with systemd, enable them for boot). */
  static List<Step> plan(NodeFacts facts) {
    List<Step> steps = new ArrayList<>();
    String node = facts.nodeName();
    if (systemd(facts)) {
      List<String> units = new ArrayList<>();
      if (!corosyncRunning(facts) || !enabled(facts, COROSYNC_UNIT)) {
        units.add(COROSYNC_UNIT);
      }
      if (!pacemakerRunning(facts) || !enabled(facts, PACEMAKER_UNIT)) {
        units.add(PACEMAKER_UNIT);
      }
      if (!units.isEmpty()) {
        steps.add(
            Step.of(
                node,
                "enable and start " + String.join(" ", units),
                new Action.RunCommand(ServiceStart.enableNow(units))));
      }
      return steps;
    }
    if (!corosyncRunning(facts)) {
      steps.add(
          Step.of(node, "start corosync (no systemd on this node)", run(List.of("corosync"))));
    }
    if (!pacemakerRunning(facts)) {
      steps.add(
          Step.of(
              node,
              "start pacemakerd (no systemd on this node)",
              run(List.of("sh", "-c", START_PACEMAKERD_SCRIPT))));
    }
    return steps;
  }

  private static boolean enabled(NodeFacts facts, String unit) {
    return facts.service(unit).map(ServiceState::enabled).orElse(false);
  }

  private static Action run(List<String> argv) {
    return new Action.RunCommand(Command.of(argv).withTimeout(START_TIMEOUT));
  }
}
