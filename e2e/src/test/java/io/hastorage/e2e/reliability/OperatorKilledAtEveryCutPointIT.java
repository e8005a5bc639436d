package io.hastorage.e2e.reliability;

import static org.assertj.core.api.Assertions.assertThat;

import io.hastorage.e2e.bench.InterceptedShells;
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

  private record Run(
      boolean killed,
      int changes,
      Map<String, Long> guarded,
      boolean ready,
      int steadyChanges,
      Map<String, List<String>> unlocked) {}

  private static Run converge(int killAfter) throws Exception {
    KillSwitch kill = new KillSwitch(killAfter);
    try (ReconcileDriver driver =
        ReconcileDriver.start(REPO, shells -> InterceptedShells.wrapFactory(shells, kill))) {
      for (int round = 0; round < 40 && !kill.killed() && !driver.allReady(); round++) {
        try {
          driver.round();
        } catch (Throwable e) {
          if (!kill.killed()) {
            throw e;
          }
        }
      }
      int before = kill.changes();
      if (kill.killed()) {
        driver.restartOperator(UnaryOperator.identity());
      }
      int rounds = driver.convergeAll(40);
      int steady = changes(driver);
      driver.round();
      return new Run(
          kill.killed(),
          before,
          guarded(driver),
          rounds > 0 && driver.allReady(),
          changes(driver) - steady,
          GuardedSteps.lockViolations(driver.env().fleet()));
    }
  }

  private static int changes(ReconcileDriver driver) {
    return driver.env().fleet().names().stream()
        .mapToInt(n -> driver.env().fleet().node(n).mutatingCommandCount())
        .sum();
  }

  private static Map<String, Long> guarded(ReconcileDriver driver) {
    return GuardedSteps.counted(driver.env().fleet());
  }

  @Test
  @Scenario(
      id = "1",
      title =
          "The operator is killed after the n-th mutating command of a cold convergence of the"
              + " seed (all four resources), for every n, and restarted",
      where = "sandbox",
      expected =
          "All four resources Ready again after every cut; create-md, primary --force, pvcreate"
              + " and mkfs.ocfs2 each ran exactly once; the steady state changes nothing")
  void everyCutPointResumesToTheSameEndStateWithEachGuardedStepOnce(ScenarioLog log)
      throws Exception {
    Run baseline = converge(0);
    assertThat(baseline.ready()).isTrue();
    assertThat(baseline.guarded())
        .isNotEmpty()
        .allSatisfy((step, count) -> assertThat(count).isOne());
    int cutPoints = baseline.changes();
    assertThat(cutPoints).isGreaterThan(50);

    List<Integer> notReady = new java.util.ArrayList<>();
    List<String> guardedDiffer = new java.util.ArrayList<>();
    List<Integer> steadyChanged = new java.util.ArrayList<>();
    List<String> unlocked = new java.util.ArrayList<>();
    Map<String, Long> maxRuns = new TreeMap<>();
    for (int cut = 1; cut < cutPoints; cut++) {
      Run run = converge(cut);
      assertThat(run.killed()).as("killed after change %d", cut).isTrue();
      assertThat(run.changes()).as("changes before the kill").isEqualTo(cut);
      if (!run.ready()) {
        notReady.add(cut);
      }
      if (!run.guarded().equals(baseline.guarded())) {
        guardedDiffer.add(cut + ": " + run.guarded());
      }
      if (run.steadyChanges() != 0) {
        steadyChanged.add(cut);
      }
      run.guarded().forEach((step, count) -> maxRuns.merge(step, count, Math::max));
      if (!run.unlocked().isEmpty()) {
        unlocked.add(cut + ": " + run.unlocked());
      }
    }
    log.holds(
        "cut points tried: every mutating command of the seed but the last",
        cutPoints > 50,
        cutPoints - 1);
    log.check("cuts after which some resource never became Ready again", List.of(), notReady);
    log.check(
        "most runs of each guarded step over all cuts (step on node: runs)",
        baseline.guarded(),
        maxRuns);
    log.check("cuts whose guarded-step counts differ from an uncut run", List.of(), guardedDiffer);
    log.check("cuts after which a steady-state reconcile changed a node", List.of(), steadyChanged);
    log.check("changes made without holding the node lock, over all cuts", List.of(), unlocked);
  }
}
