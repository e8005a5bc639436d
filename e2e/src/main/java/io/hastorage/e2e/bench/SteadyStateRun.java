package io.hastorage.e2e.bench;

import io.hastorage.e2e.sim.SimulatedFleet;
import io.hastorage.operator.node.Command;
import io.micrometer.core.instrument.Counter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Rounds of steady-state reconciles of a converged seed (each round reconciles the four resources
 * once), and what each cost: execs, new handshakes, bytes from the nodes, API writes, wall time.
 */
public final class SteadyStateRun {

  /** Per round: the figures the report gives as median and p95. */
  public record Figures(
      List<Integer> execsPerNodePerReconcile,
      List<Integer> handshakes,
      List<Double> receivedBytes,
      List<Integer> apiWrites,
      List<Integer> nodeChanges,
      List<Double> roundMillis,
      Map<String, List<Double>> reconcileMillisByKind,
      Map<String, Integer> execsPerRoundByNode,
      Map<String, List<Command>> lastRoundCommands) {}

  private SteadyStateRun() {}

  public static Figures measure(ReconcileDriver driver, RecordingShells shells, int rounds)
      throws Exception {
    SimulatedFleet fleet = driver.env().fleet();
    List<Integer> execsPerReconcile = new ArrayList<>();
    List<Integer> handshakes = new ArrayList<>();
    List<Double> bytes = new ArrayList<>();
    List<Integer> writes = new ArrayList<>();
    List<Integer> changes = new ArrayList<>();
    List<Double> roundMillis = new ArrayList<>();
    Map<String, List<Double>> byKind = new LinkedHashMap<>();
    Map<String, Integer> perRound = new LinkedHashMap<>();
    Map<String, List<Command>> lastRound = new LinkedHashMap<>();
    for (int round = 0; round < rounds; round++) {
      int sessions = sessions(fleet);
      double received = receivedBytes(driver);
      int events = driver.events();
      int mutating = mutating(fleet);
      Map<String, Integer> sentBefore = new LinkedHashMap<>();
      fleet.names().forEach(n -> sentBefore.put(n, shells.sent(n).size()));
      Map<String, Integer> roundStart = execs(fleet);
      int statusWrites = 0;
      double roundTime = 0;
      List<String> kinds = driver.kinds();
      for (int i = 0; i < kinds.size(); i++) {
        Map<String, Integer> before = execs(fleet);
        long start = System.nanoTime();
        ReconcileDriver.Outcome outcome = driver.reconcile(i);
        double millis = (System.nanoTime() - start) / 1e6;
        roundTime += millis;
        byKind.computeIfAbsent(kinds.get(i), k -> new ArrayList<>()).add(millis);
        statusWrites += outcome.statusWritten() ? 1 : 0;
        Map<String, Integer> after = execs(fleet);
        for (String node : fleet.names()) {
          int delta = after.get(node) - before.get(node);
          if (delta > 0) {
            execsPerReconcile.add(delta);
          }
        }
      }
      Map<String, Integer> roundEnd = execs(fleet);
      fleet.names().forEach(n -> perRound.put(n, roundEnd.get(n) - roundStart.get(n)));
      fleet
          .names()
          .forEach(
              n -> {
                List<Command> sent = shells.sent(n);
                lastRound.put(n, sent.subList(sentBefore.get(n), sent.size()));
              });
      handshakes.add(sessions(fleet) - sessions);
      bytes.add(receivedBytes(driver) - received);
      writes.add(statusWrites + driver.events() - events);
      changes.add(mutating(fleet) - mutating);
      roundMillis.add(roundTime);
    }
    return new Figures(
        execsPerReconcile,
        handshakes,
        bytes,
        writes,
        changes,
        roundMillis,
        byKind,
        perRound,
        lastRound);
  }

  private static Map<String, Integer> execs(SimulatedFleet fleet) {
    Map<String, Integer> execs = new LinkedHashMap<>();
    fleet.names().forEach(n -> execs.put(n, fleet.node(n).execCount()));
    return execs;
  }

  private static int sessions(SimulatedFleet fleet) {
    return fleet.servers().stream().mapToInt(s -> s.sessionCount()).sum();
  }

  private static int mutating(SimulatedFleet fleet) {
    return fleet.names().stream().mapToInt(n -> fleet.node(n).mutatingCommandCount()).sum();
  }

  private static double receivedBytes(ReconcileDriver driver) {
    return driver.env().registry().find("hastorage_ssh_received_bytes").counters().stream()
        .mapToDouble(Counter::count)
        .sum();
  }
}
