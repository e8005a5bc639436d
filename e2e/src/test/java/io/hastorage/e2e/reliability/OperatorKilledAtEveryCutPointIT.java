package io.hastorage.e2e.reliability;

import static org.assertj.core.api.Assertions.assertThat;

import io.hastorage.e2e.bench.ReconcileDriver;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.Test;

/**
 * The operator killed between any two commands of a cold convergence of the seed (all four
 * resources), systematically at every cut point: after the n-th command that changes a node, for
 * every n. After a restart (new process: engine, connections, memory gone; statuses as they were
 * stored) the same end state is reached, and no guarded step runs twice.
 */
class OperatorKilledAtEveryCutPointIT {

  private static final Path REPO = Path.of(System.getProperty("hastorage.repoRoot", ".."));

  /** Steps that must run exactly once however often the operator dies: program + verb. */
  private static final Map<String, String> GUARDED =
      Map.of(
          "create-md", "drbdadm create-md",
          "primary --force", "drbdadm primary --force",
          "pvcreate", "pvcreate",
          "mkfs.ocfs2", "mkfs.ocfs2");

  private record Run(
      boolean killed, int changes, Map<String, Long> guarded, boolean ready, int steadyChanges) {}

  private static Run converge(int killAfter) throws Exception {
    KillSwitch[] kill = new KillSwitch[1];
    UnaryOperator<io.hastorage.operator.node.NodeShellFactory> killable =
        shells -> kill[0] = new KillSwitch(shells, killAfter);
    try (ReconcileDriver driver = ReconcileDriver.start(REPO, killable)) {
      for (int round = 0; round < 40 && !kill[0].killed() && !driver.allReady(); round++) {
        try {
          driver.round();
        } catch (Throwable e) {
          if (!kill[0].killed()) {
            throw e;
          }
        }
      }
      int before = kill[0].changes();
      if (kill[0].killed()) {
        driver.restartOperator(UnaryOperator.identity());
      }
      int rounds = driver.convergeAll(40);
      int steady = changes(driver);
      driver.round();
      return new Run(
          kill[0].killed(),
          before,
          guarded(driver),
          rounds > 0 && driver.allReady(),
          changes(driver) - steady);
    }
  }

  private static int changes(ReconcileDriver driver) {
    return driver.env().fleet().names().stream()
        .mapToInt(n -> driver.env().fleet().node(n).mutatingCommandCount())
        .sum();
  }

  private static Map<String, Long> guarded(ReconcileDriver driver) {
    Map<String, Long> counts = new TreeMap<>();
    for (String node : driver.env().fleet().names()) {
      List<String> lines = driver.env().fleet().node(node).execLog().commandLines();
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

  @Test
  void everyCutPointResumesToTheSameEndStateWithEachGuardedStepOnce() throws Exception {
    Run baseline = converge(0);
    assertThat(baseline.ready()).isTrue();
    assertThat(baseline.guarded())
        .isNotEmpty()
        .allSatisfy((step, count) -> assertThat(count).isOne());
    int cutPoints = baseline.changes();
    assertThat(cutPoints).isGreaterThan(50);

    for (int cut = 1; cut < cutPoints; cut++) {
      Run run = converge(cut);

      assertThat(run.killed()).as("killed after change %d", cut).isTrue();
      assertThat(run.changes()).as("changes before the kill").isEqualTo(cut);
      assertThat(run.ready())
          .as("killed after change %d: all four Ready after restart", cut)
          .isTrue();
      assertThat(run.guarded())
          .as("killed after change %d: guarded steps", cut)
          .isEqualTo(baseline.guarded());
      assertThat(run.steadyChanges()).as("killed after change %d: steady state", cut).isZero();
    }
  }
}
