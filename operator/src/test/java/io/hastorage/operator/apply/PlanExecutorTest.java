package io.hastorage.operator.apply;

import static org.assertj.core.api.Assertions.assertThat;

import io.hastorage.operator.node.Command;
import io.hastorage.operator.node.FileWrite;
import io.hastorage.operator.node.NodeAccessException;
import io.hastorage.operator.node.NodeLockScript;
import io.hastorage.operator.node.SensitiveBytes;
import io.hastorage.operator.plan.Action;
import io.hastorage.operator.plan.Decision;
import io.hastorage.operator.plan.Guard;
import io.hastorage.operator.plan.Step;
import io.hastorage.operator.testing.FactsBuilder;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

class PlanExecutorTest {

  private final PlanExecutor executor =
      new PlanExecutor(new NodeLocks(Duration.ofMillis(50)), "op-test/1");

  private static Step run(String description, Guard guard, String... argv) {
    return new Step("t1", description, guard, new Action.RunCommand(Command.of(argv)));
  }

  @Test
  void runsStepsInOrder() throws Exception {
    RecordingShell shell = new RecordingShell("t1");
    FileWrite file = new FileWrite("/etc/x.conf", SensitiveBytes.plain("x\n"), "0644");

    StepOutcome outcome =
        executor.apply(
            shell,
            new FactsBuilder("t1").build(),
            List.of(
                run("first", Guard.ALWAYS, "true"),
                Step.of("t1", "write", new Action.WriteFile(file))));

    assertThat(outcome.completed()).isTrue();
    assertThat(outcome.stepsExecuted()).isEqualTo(2);
    assertThat(shell.commands).extracting(c -> c.argv().get(0)).containsExactly("true", "sh");
    assertThat(shell.commands.get(1).argv()).contains("/etc/x.conf", "0644");
  }

  @Test
  void aRefusingGuardStopsTheNodeBeforeAnythingRuns() throws Exception {
    RecordingShell shell = new RecordingShell("t1");
    Guard refuse = facts -> Decision.refuse("DiskInUse", "t1: /dev/sdb holds an xfs file system");

    StepOutcome outcome =
        executor.apply(
            shell,
            new FactsBuilder("t1").build(),
            List.of(
                run("format", refuse, "mkfs.xfs", "/dev/sdb"), run("after", Guard.ALWAYS, "true")));

    assertThat(outcome.kind()).isEqualTo(StepOutcome.Kind.Refused);
    assertThat(outcome.reason()).isEqualTo("DiskInUse");
    assertThat(outcome.message()).contains("/dev/sdb holds an xfs file system");
    assertThat(shell.commands).isEmpty();
  }

  @Test
  void aFailingStepStopsTheRest() throws Exception {
    RecordingShell shell = new RecordingShell("t1").failing("apt-get");

    StepOutcome outcome =
        executor.apply(
            shell,
            new FactsBuilder("t1").build(),
            List.of(
                run("install", Guard.ALWAYS, "apt-get", "install"),
                run("load", Guard.ALWAYS, "modprobe", "drbd")));

    assertThat(outcome.kind()).isEqualTo(StepOutcome.Kind.Failed);
    assertThat(outcome.reason()).isEqualTo("StepFailed");
    assertThat(outcome.message()).contains("'install' failed on t1: exit 1: E: broken");
    assertThat(shell.commands).hasSize(1);
  }

  @Test
  void anAccessFailureIsReportedAsAFailedStep() throws Exception {
    RecordingShell shell =
        new RecordingShell("t1").unreachable(NodeAccessException.Failure.ConnectionLost);

    StepOutcome outcome =
        executor.apply(
            shell, new FactsBuilder("t1").build(), List.of(run("x", Guard.ALWAYS, "true")));

    assertThat(outcome.kind()).isEqualTo(StepOutcome.Kind.Failed);
    assertThat(outcome.message()).contains("ConnectionLost");
  }

  @Test
  void aStepWhoseAnswerIsLostCarriesTheTransportReasonAndStopsTheRest() throws Exception {
    RecordingShell shell =
        new RecordingShell("t1").answerLost("pvcreate", NodeAccessException.Failure.CommandTimeout);

    StepOutcome outcome =
        executor.apply(
            shell,
            new FactsBuilder("t1").build(),
            List.of(
                run("pv", Guard.ALWAYS, "pvcreate", "/dev/drbd0"),
                run("vg", Guard.ALWAYS, "vgcreate", "vg1", "/dev/drbd0")));

    assertThat(outcome.kind()).isEqualTo(StepOutcome.Kind.Failed);
    assertThat(outcome.reason()).isEqualTo("CommandTimeout");
    assertThat(outcome.message())
        .contains("'pv' failed on t1: CommandTimeout")
        .contains("whether it took effect is unknown");
    assertThat(shell.commands).hasSize(1);
  }

  @Test
  void aBusyNodeIsNotWaitedFor() throws Exception {
    NodeLocks locks = new NodeLocks(Duration.ofMillis(10));
    PlanExecutor busyExecutor = new PlanExecutor(locks, "op-test/1");
    RecordingShell shell = new RecordingShell("t1");
    Thread holder =
        new Thread(
            () -> {
              try (AutoCloseable held = locks.tryLock("t1").orElseThrow()) {
                Thread.sleep(10_000);
              } catch (Exception e) {
                Thread.currentThread().interrupt();
              }
            });
    holder.start();
    while (!holder.isAlive() || holder.getState() != Thread.State.TIMED_WAITING) {
      Thread.onSpinWait();
    }

    StepOutcome outcome =
        busyExecutor.apply(
            shell, new FactsBuilder("t1").build(), List.of(run("x", Guard.ALWAYS, "true")));
    holder.interrupt();

    assertThat(outcome.kind()).isEqualTo(StepOutcome.Kind.NodeBusy);
    assertThat(shell.commands).isEmpty();
  }

  @Test
  void stepsRunUnderTheNodeLockTakenWithTheObservedGeneration() throws Exception {
    RecordingShell shell = new RecordingShell("t1");

    StepOutcome outcome =
        executor.apply(
            shell, new FactsBuilder("t1").build(), List.of(run("x", Guard.ALWAYS, "true")));

    assertThat(outcome.completed()).isTrue();
    assertThat(shell.held).hasSize(1);
    assertThat(shell.held.get(0).argv())
        .containsSubsequence("op-test/1", "0", NodeLockScript.STATE_DIR);
    assertThat(shell.openHolds).as("released").isZero();
  }

  @Test
  void aNodeLockedByAnotherInstanceIsNotTouched() throws Exception {
    RecordingShell shell =
        new RecordingShell("t1").lockAnswers("busy op-other/9", NodeLockScript.BUSY_EXIT);

    StepOutcome outcome =
        executor.apply(
            shell, new FactsBuilder("t1").build(), List.of(run("x", Guard.ALWAYS, "true")));

    assertThat(outcome.kind()).isEqualTo(StepOutcome.Kind.NodeBusy);
    assertThat(outcome.reason()).isEqualTo("NodeBusy");
    assertThat(outcome.message()).contains("op-other/9", "t1");
    assertThat(shell.commands).isEmpty();
    assertThat(shell.openHolds).isZero();
  }

  @Test
  void aPlanFromAnOutdatedObservationIsNotApplied() throws Exception {
    RecordingShell shell =
        new RecordingShell("t1").lockAnswers("stale 4", NodeLockScript.STALE_EXIT);

    StepOutcome outcome =
        executor.apply(
            shell, new FactsBuilder("t1").build(), List.of(run("x", Guard.ALWAYS, "mkfs")));

    assertThat(outcome.kind()).isEqualTo(StepOutcome.Kind.NodeBusy);
    assertThat(outcome.reason()).isEqualTo("NodeChanged");
    assertThat(outcome.message()).contains("generation 0 observed, 4 now");
    assertThat(shell.commands).isEmpty();
  }

  @Test
  void aBrokenLockScriptStopsTheNodeWithTheCause() throws Exception {
    RecordingShell shell =
        new RecordingShell("t1").lockAnswers(null, NodeLockScript.STATE_DIR_EXIT);

    StepOutcome outcome =
        executor.apply(
            shell, new FactsBuilder("t1").build(), List.of(run("x", Guard.ALWAYS, "true")));

    assertThat(outcome.kind()).isEqualTo(StepOutcome.Kind.Failed);
    assertThat(outcome.message()).contains("/var/lib/ha-iscsi-operator is not usable");
    assertThat(shell.commands).isEmpty();
  }

  @Test
  void anOwnerThatCannotBeNamedSafelyIsRejectedUpFront() {
    org.assertj.core.api.Assertions.assertThatThrownBy(
            () -> new PlanExecutor(new NodeLocks(Duration.ofMillis(1)), "x; reboot"))
        .isInstanceOf(IllegalArgumentException.class);
  }
}
