package io.hastorage.e2e.bench;

import static org.assertj.core.api.Assertions.assertThat;

import io.hastorage.e2e.sim.SimulatedFleet;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The physical limit of the steady state, guarded by counts (never by time): once the seed's four
 * resources are Ready, reconciling each again costs exactly one read-only exec on each node it
 * needs, no new SSH handshake, no status write, no Event, and no change on any node.
 */
class SteadyStateCostIT {

  private ReconcileDriver driver;

  @BeforeEach
  void converge() throws Exception {
    driver = ReconcileDriver.start(Path.of(System.getProperty("hastorage.repoRoot", "..")));
    assertThat(driver.convergeAll(30)).as("rounds to Ready").isPositive();
    driver.round(); // whatever a just-converged status still records (e.g. a last transition)
  }

  @AfterEach
  void stop() {
    driver.close();
  }

  private Map<String, Integer> execs() {
    Map<String, Integer> execs = new HashMap<>();
    driver
        .env()
        .fleet()
        .names()
        .forEach(n -> execs.put(n, driver.env().fleet().node(n).execCount()));
    return execs;
  }

  private int handshakes() {
    return driver.env().fleet().servers().stream().mapToInt(s -> s.sessionCount()).sum();
  }

  private int changes() {
    return driver.env().fleet().names().stream()
        .mapToInt(n -> driver.env().fleet().node(n).mutatingCommandCount())
        .sum();
  }

  @Test
  void eachReconcileRunsOneExecPerNodeItNeedsAndWritesNothing() throws Exception {
    Map<String, List<String>> nodesOf =
        Map.of(
            "StorageCluster", List.of("centos01", "centos02", "drbd01", "drbd02"),
            "DrbdVolume", SimulatedFleet.TARGETS,
            "ScstTarget", SimulatedFleet.TARGETS,
            "Ocfs2Mount", SimulatedFleet.INITIATORS);
    int handshakes = handshakes();
    int changes = changes();
    int events = driver.events();
    List<String> kinds = driver.kinds();
    for (int i = 0; i < kinds.size(); i++) {
      Map<String, Integer> before = execs();

      ReconcileDriver.Outcome outcome = driver.reconcile(i);

      Map<String, Integer> after = execs();
      for (String node : driver.env().fleet().names()) {
        int expected = nodesOf.get(kinds.get(i)).contains(node) ? 1 : 0;
        assertThat(after.get(node) - before.get(node))
            .as("%s reconcile: execs on %s", kinds.get(i), node)
            .isEqualTo(expected);
      }
      assertThat(outcome.statusWritten()).as("%s status written", kinds.get(i)).isFalse();
    }
    assertThat(handshakes()).as("new SSH handshakes").isEqualTo(handshakes);
    assertThat(changes()).as("mutating commands").isEqualTo(changes);
    assertThat(driver.events()).as("Events written").isEqualTo(events);
  }
}
