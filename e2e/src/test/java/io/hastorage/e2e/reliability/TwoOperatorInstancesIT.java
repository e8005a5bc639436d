package io.hastorage.e2e.reliability;

import io.hastorage.e2e.bench.InterceptedShells;
import io.hastorage.e2e.bench.ReconcileDriver;
import io.hastorage.e2e.sim.SimulatedFleet;
import io.hastorage.operator.node.Command;
import io.hastorage.operator.node.ExecResult;
import io.hastorage.operator.node.HeldCommand;
import io.hastorage.operator.node.NodeAccessException;
import io.hastorage.operator.node.NodeShell;
import io.hastorage.operator.node.NodeShellFactory;
import java.nio.file.Path;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;

/**
 * Two operator processes at once over the same API and nodes (a leadership hand-over overlaps, or a
 * second deployment by mistake). The lock on each node must keep their convergences from
 * interleaving there; the simulated nodes audit every change against it.
 */
class TwoOperatorInstancesIT {

  private static final Path REPO = Path.of(System.getProperty("hastorage.repoRoot", ".."));

  /** Independent races from cold: the interleaving differs from one to the next. */
  private static final int RACES = 8;

  /** How one instance's attempts at the node lock were answered: locked / busy / stale. */
  static final class LockAnswers implements InterceptedShells.Interceptor {
    private final Map<String, Integer> answers = new TreeMap<>();

    synchronized Map<String, Integer> answers() {
      return new TreeMap<>(answers);
    }

    synchronized int count(String answer) {
      return answers.getOrDefault(answer, 0);
    }

    @Override
    public ExecResult exec(NodeShell shell, Command command) throws NodeAccessException {
      return shell.exec(command);
    }

    @Override
    public HeldCommand hold(NodeShell shell, Command command) throws NodeAccessException {
      HeldCommand held = shell.hold(command);
      String word = held.firstLine().orElse("none").split(" ")[0];
      synchronized (this) {
        answers.merge(word, 1, Integer::sum);
      }
      return held;
    }
  }

  /** {@code interceptor} around every command of the operator instance's transport. */
  private static java.util.function.UnaryOperator<NodeShellFactory> through(
      InterceptedShells.Interceptor interceptor) {
    return shells -> InterceptedShells.wrapFactory(shells, interceptor);
  }

  /** What one race of two instances from cold left behind. */
  private record Race(
      boolean bothReady,
      Map<String, java.util.List<String>> unlocked,
      int refusals,
      boolean bothLocked,
      Map<String, Long> guarded,
      String answers) {}

  private static Race race() throws Exception {
    LockAnswers first = new LockAnswers();
    LockAnswers second = new LockAnswers();
    ExecutorService instances = Executors.newFixedThreadPool(2);
    try (ReconcileDriver a = ReconcileDriver.start(REPO, through(first));
        ReconcileDriver b = a.secondOperator(through(second))) {
      Future<Integer> roundsA = instances.submit(untilReady(a));
      Future<Integer> roundsB = instances.submit(untilReady(b));
      int ranA = roundsA.get();
      int ranB = roundsB.get();
      SimulatedFleet fleet = a.env().fleet();
      return new Race(
          ranA > 0 && ranB > 0 && a.allReady() && b.allReady(),
          GuardedSteps.lockViolations(fleet),
          first.count("busy") + first.count("stale") + second.count("busy") + second.count("stale"),
          first.count("locked") > 0 && second.count("locked") > 0,
          GuardedSteps.counted(fleet),
          "first " + first.answers() + ", second " + second.answers());
    } finally {
      instances.shutdownNow();
    }
  }

  @Test
  @Scenario(
      id = "3a",
      title =
          "Two operator instances converge the seed (all four resources) at the same time, from"
              + " cold; the race is run "
              + RACES
              + " times",
      where = "sandbox",
      expected =
          "No change on any node is made without its sender holding that node's lock; the"
              + " instances meet at the lock (busy or stale answers) and both do part of the work;"
              + " all four resources Ready; create-md, primary --force, pvcreate and mkfs.ocfs2"
              + " each ran once, in every race")
  void twoInstancesAtOnceNeverInterleaveOnANode(ScenarioLog log) throws Exception {
    java.util.List<Race> races = new java.util.ArrayList<>();
    for (int i = 0; i < RACES; i++) {
      races.add(race());
    }
    log.holds(
        "both instances reached all four resources Ready, in every race",
        races.stream().allMatch(Race::bothReady),
        races.stream().map(Race::bothReady).toList());
    log.check(
        "changes made without holding the node lock, over all races",
        java.util.List.of(),
        races.stream().map(Race::unlocked).filter(u -> !u.isEmpty()).toList());
    log.holds(
        "the instances met at the lock (busy or stale answers), in every race",
        races.stream().allMatch(r -> r.refusals() > 0),
        races.get(0).answers() + " (first race)");
    log.holds(
        "each instance changed nodes under the lock, in every race",
        races.stream().allMatch(Race::bothLocked),
        races.stream().map(Race::bothLocked).toList());
    log.holds(
        "guarded steps each ran exactly once, in every race",
        races.stream()
            .allMatch(
                r ->
                    r.guarded().size() == 5 && r.guarded().values().stream().allMatch(c -> c == 1)),
        races.stream().map(Race::guarded).distinct().toList());
  }

  @Test
  @Scenario(
      id = "3b",
      title =
          "Leadership hand-over: the first instance dies in the middle of a cold convergence"
              + " (after 40 changes) and a second one takes over",
      where = "sandbox",
      expected =
          "The new instance finishes from the nodes' real state: all four Ready, every guarded"
              + " step once, no change without the node lock")
  void aNewLeaderFinishesWhatTheOldOneStarted(ScenarioLog log) throws Exception {
    KillSwitch kill = new KillSwitch(40);
    LockAnswers next = new LockAnswers();
    try (ReconcileDriver old = ReconcileDriver.start(REPO, through(kill))) {
      for (int round = 0; round < 40 && !kill.killed(); round++) {
        try {
          old.round();
        } catch (Throwable e) {
          if (!kill.killed()) {
            throw e;
          }
        }
      }
      log.holds(
          "the first instance died mid-way",
          kill.killed() && !old.allReady(),
          kill.changes() + " changes made before it died");
      try (ReconcileDriver leader = old.secondOperator(through(next))) {
        int rounds = leader.convergeAll(40);
        SimulatedFleet fleet = leader.env().fleet();
        log.holds(
            "the new leader brought all four resources to Ready", rounds > 0, rounds + " rounds");
        log.holds(
            "the new leader took the node locks the dead one had released",
            next.count("locked") > 0 && next.count("busy") == 0,
            next.answers());
        log.holds(
            "guarded steps each ran exactly once",
            GuardedSteps.counted(fleet).values().stream().allMatch(c -> c == 1),
            GuardedSteps.counted(fleet));
        log.check(
            "changes made without holding the node lock",
            Map.of(),
            GuardedSteps.lockViolations(fleet));
      }
    }
  }

  private static Callable<Integer> untilReady(ReconcileDriver driver) {
    return () -> {
      for (int round = 1; round <= 80; round++) {
        driver.round();
        if (driver.allReady()) {
          return round;
        }
      }
      return -1;
    };
  }
}
