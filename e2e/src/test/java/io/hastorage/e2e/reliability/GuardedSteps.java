package io.hastorage.e2e.reliability;

import io.hastorage.e2e.sim.SimulatedFleet;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** The steps that must run exactly once per node in the life of a volume, counted on the nodes. */
final class GuardedSteps {

  /** Name -> the start of its command line as the node received it. */
  private static final Map<String, String> GUARDED =
      Map.of(
          "create-md", "drbdadm create-md",
          "primary --force", "drbdadm primary --force",
          "pvcreate", "pvcreate",
          "mkfs.ocfs2", "mkfs.ocfs2");

  private GuardedSteps() {}

  /** "step on node" -> how often it ran; steps that never ran on a node are left out. */
  static Map<String, Long> counted(SimulatedFleet fleet) {
    Map<String, Long> counts = new TreeMap<>();
    for (String node : fleet.names()) {
      List<String> lines = fleet.node(node).execLog().commandLines();
      GUARDED.forEach(
          (name, prefix) ->
              counts.merge(
                  name + " on " + node,
                  lines.stream().filter(l -> l.startsWith(prefix)).count(),
                  Long::sum));
    }
    counts.values().removeIf(c -> c == 0);
    return counts;
  }

  /** Every change made over SSH without its session holding the node lock, per node. */
  static Map<String, List<String>> lockViolations(SimulatedFleet fleet) {
    Map<String, List<String>> violations = new TreeMap<>();
    for (String node : fleet.names()) {
      List<String> found = fleet.node(node).nodeLock().violations();
      if (!found.isEmpty()) {
        violations.put(node, found);
      }
    }
    return violations;
  }
}
