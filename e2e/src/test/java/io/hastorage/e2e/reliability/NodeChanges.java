package io.hastorage.e2e.reliability;

import io.hastorage.e2e.sim.ExecLog;
import io.hastorage.e2e.sim.SimulatedFleet;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * What the operator changed on the simulated nodes since a mark: every finished exec that ran a
 * program which changes a node (the simulator's own accounting, see {@code SimulatedTool#mutates}).
 */
final class NodeChanges {

  private final SimulatedFleet fleet;
  private final Map<String, Integer> marks = new TreeMap<>();

  private NodeChanges(SimulatedFleet fleet) {
    this.fleet = fleet;
    for (String node : fleet.names()) {
      marks.put(node, fleet.node(node).execLog().entries().size());
    }
  }

  /** Marks now: later calls report what came after. */
  static NodeChanges since(SimulatedFleet fleet) {
    return new NodeChanges(fleet);
  }

  /** node -> the command lines that changed it since the mark; nodes without changes left out. */
  Map<String, List<String>> changes() {
    Map<String, List<String>> changes = new TreeMap<>();
    marks.forEach(
        (node, mark) -> {
          List<ExecLog.Entry> entries = fleet.node(node).execLog().entries();
          List<String> changed =
              entries.subList(mark, entries.size()).stream()
                  .filter(ExecLog.Entry::mutating)
                  .map(ExecLog.Entry::commandLine)
                  .toList();
          if (!changed.isEmpty()) {
            changes.put(node, changed);
          }
        });
    return changes;
  }

  /** The changed command lines of every node that contain any of {@code words}. */
  List<String> matching(List<String> words) {
    return changes().entrySet().stream()
        .flatMap(e -> e.getValue().stream().map(line -> e.getKey() + ": " + line))
        .filter(line -> words.stream().anyMatch(line::contains))
        .toList();
  }

  /** Every exec any node received since the mark (probes included). */
  int execs() {
    int total = 0;
    for (var mark : marks.entrySet()) {
      total += fleet.node(mark.getKey()).execLog().entries().size() - mark.getValue();
    }
    return total;
  }
}
