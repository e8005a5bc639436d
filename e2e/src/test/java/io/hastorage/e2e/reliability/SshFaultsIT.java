package io.hastorage.e2e.reliability;

import io.hastorage.e2e.bench.InterceptedShells;
import io.hastorage.e2e.bench.ReconcileDriver;
import io.hastorage.e2e.sim.SimulatedFleet;
import io.hastorage.e2e.sim.TransportFaults;
import io.hastorage.operator.node.Command;
import io.hastorage.operator.node.NodeShell;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Scenario 2: the SSH connection drops in the middle of a command, or a command never answers,
 * after the command did its work on the node, during a cold convergence of the seed. Real SSH
 * throughout: the simulated node's server closes the TCP connection, or withholds the exit status
 * until the operator's sshj transport times out.
 */
class SshFaultsIT {

  /**
   * The steps' own timeouts are 60 s to 30 min; for the commands this test makes hang, the test's
   * transport wrapper lowers the timeout to this, so the real timeout path runs in seconds.
   */
  private static final Duration SHORT_TIMEOUT = Duration.ofSeconds(2);

  static Stream<Arguments> faults() {
    return Stream.of(
            new String[] {"centos01", "drbdadm create-md"},
            new String[] {"centos01", "drbdadm primary --force"},
            new String[] {"centos01", "pvcreate"},
            new String[] {"centos01", "cibadmin --create"},
            new String[] {"drbd01", "mkfs.ocfs2"})
        .flatMap(
            f ->
                Stream.of(TransportFaults.Kind.values())
                    .map(kind -> Arguments.of(f[0], f[1], kind)));
  }

  /** Lowers the timeout of commands containing {@code needle}; everything else untouched. */
  private static InterceptedShells.Interceptor shortTimeoutFor(String needle) {
    return (NodeShell shell, Command command) ->
        shell.exec(
            String.join(" ", command.argv()).contains(needle)
                ? command.withTimeout(SHORT_TIMEOUT)
                : command);
  }

  @ParameterizedTest(name = "{2} after {1} on {0}")
  @MethodSource("faults")
  @Scenario(
      id = "2",
      title =
          "The SSH connection drops, or the command never answers (timeout), right after a"
              + " command ran on the node, in a cold convergence of the seed",
      where = "sandbox",
      expected =
          "The failure is recorded (a Warning Event with ConnectionLost or CommandTimeout and a"
              + " failed-step metric); the next reconciles re-probe and finish: all four Ready,"
              + " every guarded step ran exactly once, no change without the node lock, a"
              + " further round changes nothing")
  void aLostResultIsRecordedAndRetriedIdempotently(
      String node, String needle, TransportFaults.Kind kind, ScenarioLog log) throws Exception {
    log.detail(kind + " after " + needle + " on " + node);
    try (ReconcileDriver driver =
        ReconcileDriver.start(
            Seed.REPO, shells -> InterceptedShells.wrapFactory(shells, shortTimeoutFor(needle)))) {
      SimulatedFleet fleet = driver.env().fleet();
      fleet.node(node).transportFaults().arm(needle, kind);

      int rounds = driver.convergeAll(40);

      List<String> fired = fleet.node(node).transportFaults().fired();
      log.holds(
          "the fault fired after the command ran on " + node,
          fired.size() == 1 && fired.get(0).contains(needle),
          fired);
      String reason = kind == TransportFaults.Kind.DROP ? "ConnectionLost" : "CommandTimeout";
      List<String> recorded =
          new ResourceView(driver)
              .allEvents().stream()
                  .filter(e -> reason.equals(e.getReason()))
                  .map(e -> e.getInvolvedObject().getKind() + ": " + e.getMessage())
                  .toList();
      log.holds("recorded as a Warning Event (" + reason + ")", !recorded.isEmpty(), recorded);
      double failedSteps = failedSteps(driver, node, reason);
      log.holds(
          "hastorage_steps_total{node=" + node + ",reason=" + reason + "}",
          failedSteps >= 1,
          failedSteps);
      log.holds("all four Ready afterwards (rounds)", rounds > 0, rounds);
      Map<String, Long> guarded = GuardedSteps.counted(fleet);
      log.holds(
          "guarded steps each ran exactly once",
          guarded.size() == 5 && guarded.values().stream().allMatch(c -> c == 1),
          guarded);
      log.check("changes made without the node lock", Map.of(), GuardedSteps.lockViolations(fleet));
      NodeChanges steady = NodeChanges.since(fleet);
      driver.round();
      log.check("changes in one more round", Map.of(), steady.changes());
    }
  }

  private static double failedSteps(ReconcileDriver driver, String node, String reason) {
    return driver
        .env()
        .registry()
        .find("hastorage_steps")
        .tags("node", node, "reason", reason)
        .counters()
        .stream()
        .mapToDouble(c -> c.count())
        .sum();
  }
}
