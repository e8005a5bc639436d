package io.hastorage.operator.apply;

import io.hastorage.operator.node.ExecResult;
import io.hastorage.operator.node.HeldCommand;
import io.hastorage.operator.node.NodeAccessException;
import io.hastorage.operator.node.NodeLockScript;
import io.hastorage.operator.node.NodeShell;
import io.hastorage.operator.observe.NodeFacts;
import io.hastorage.operator.plan.Action;
import io.hastorage.operator.plan.Decision;
import io.hastorage.operator.plan.Step;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Executes one node's steps, in order, under that node's locks:
 *
 * <ol>
 *   <li>take this process's lock for the node, or report NodeBusy;
 *   <li>take the lock on the node itself ({@link NodeLockScript}), which also proves that nobody
 *       changed the node since this reconcile's probe; otherwise report NodeBusy or NodeChanged;
 *   <li>for each step, check its guard against this reconcile's facts; a refusal stops the node;
 *   <li>run the action over the lock's own connection; a non-zero exit or an access failure stops
 *       the node;
 *   <li>report how far it got, and release the node's lock by closing its channel.
 * </ol>
 *
 * Nothing is retried here. The next reconcile observes again, so a crash between any two steps
 * resumes from the real state of the node.
 */
public final class PlanExecutor {

  private static final Logger LOG = LoggerFactory.getLogger(PlanExecutor.class);
  private static final Duration NODE_LOCK_ANSWER_TIMEOUT = Duration.ofSeconds(20);

  private final NodeLocks locks;
  private final String owner;

  /** {@code owner} names this operator instance in the node lock (shown to other instances). */
  public PlanExecutor(NodeLocks locks, String owner) {
    this.locks = locks;
    this.owner = owner;
    NodeLockScript.command(owner, 0, NODE_LOCK_ANSWER_TIMEOUT); // validates the owner now
  }

  public StepOutcome apply(NodeShell shell, NodeFacts facts, List<Step> steps)
      throws InterruptedException {
    String node = shell.nodeName();
    if (steps.isEmpty()) {
      return StepOutcome.completed(node, 0);
    }
    Optional<AutoCloseable> lock = locks.tryLock(node);
    if (lock.isEmpty()) {
      return notStarted(
          node,
          steps,
          StepOutcome.Kind.NodeBusy,
          "NodeBusy",
          "another change is running on " + node);
    }
    try (AutoCloseable held = lock.get()) {
      return underNodeLock(shell, facts, steps);
    } catch (InterruptedException e) {
      throw e;
    } catch (Exception e) {
      throw new IllegalStateException("releasing the lock of " + node + " failed", e);
    }
  }

  private StepOutcome underNodeLock(NodeShell shell, NodeFacts facts, List<Step> steps) {
    String node = shell.nodeName();
    long observed = facts.lockGeneration();
    HeldCommand nodeLock;
    try {
      nodeLock = shell.hold(NodeLockScript.command(owner, observed, NODE_LOCK_ANSWER_TIMEOUT));
    } catch (NodeAccessException e) {
      return notStarted(
          node,
          steps,
          StepOutcome.Kind.Failed,
          "StepFailed",
          "taking the node lock on " + node + " failed: " + e.failure() + ": " + e.getMessage());
    }
    try (nodeLock) {
      NodeLockAnswer answer =
          NodeLockAnswer.parse(nodeLock.firstLine(), nodeLock.exitCode(), observed);
      if (answer instanceof NodeLockAnswer.Locked) {
        return runSteps(nodeLock.shell(), facts, steps);
      }
      LOG.info("node {}: not changed now: {}", node, answer);
      return refusedByNodeLock(node, steps, answer);
    }
  }

  private static StepOutcome refusedByNodeLock(
      String node, List<Step> steps, NodeLockAnswer answer) {
    if (answer instanceof NodeLockAnswer.Busy busy) {
      return notStarted(
          node,
          steps,
          StepOutcome.Kind.NodeBusy,
          "NodeBusy",
          "another operator instance ("
              + (busy.owner().isEmpty() ? "unknown" : busy.owner())
              + ") holds the lock on "
              + node
              + "; retrying on the next reconcile");
    }
    if (answer instanceof NodeLockAnswer.Stale stale) {
      return notStarted(
          node,
          steps,
          StepOutcome.Kind.NodeBusy,
          "NodeChanged",
          node
              + " was changed by another operator run since this reconcile looked at it (lock"
              + " generation "
              + stale.observed()
              + " observed, "
              + stale.current()
              + " now); observing it again");
    }
    return notStarted(
        node,
        steps,
        StepOutcome.Kind.Failed,
        "StepFailed",
        "taking the node lock on " + node + " failed: " + ((NodeLockAnswer.Failed) answer).why());
  }

  private static StepOutcome notStarted(
      String node, List<Step> steps, StepOutcome.Kind kind, String reason, String message) {
    return new StepOutcome(node, 0, steps.get(0), kind, reason, message);
  }

  private StepOutcome runSteps(NodeShell shell, NodeFacts facts, List<Step> steps) {
    String node = shell.nodeName();
    int executed = 0;
    for (Step step : steps) {
      Decision decision = step.guard().check(facts);
      if (!decision.allowed()) {
        LOG.warn("node {}: refused '{}': {}", node, step.description(), decision.message());
        return new StepOutcome(
            node, executed, step, StepOutcome.Kind.Refused, decision.reason(), decision.message());
      }
      LOG.info("node {}: {}", node, step.description());
      Optional<Failure> failure = run(shell, step.action());
      if (failure.isPresent()) {
        LOG.warn("node {}: step '{}' failed: {}", node, step.description(), failure.get().text());
        return new StepOutcome(
            node,
            executed,
            step,
            StepOutcome.Kind.Failed,
            failure.get().reason(),
            "'" + step.description() + "' failed on " + node + ": " + failure.get().text());
      }
      executed++;
    }
    return StepOutcome.completed(node, executed);
  }

  /** Why a step failed: the reason its outcome carries, and what happened. */
  private record Failure(String reason, String text) {}

  private static Optional<Failure> run(NodeShell shell, Action action) {
    try {
      if (action instanceof Action.RunCommand run) {
        ExecResult result = shell.exec(run.command());
        if (result.ok()) {
          return Optional.empty();
        }
        // A tool fed a secret on stdin may echo it on failure (cibadmin prints the rejected CIB).
        return Optional.of(
            new Failure(
                "StepFailed",
                run.command().stdin().isSecret()
                    ? "exit "
                        + result.exitCode()
                        + " (output withheld: the command was given a secret)"
                    : "exit " + result.exitCode() + ": " + result.summary()));
      }
      shell.writeFile(((Action.WriteFile) action).file());
      return Optional.empty();
    } catch (NodeAccessException e) {
      // the command may have done its work before the connection went or the wait ended: the
      // transport's reason says so, and the next reconcile observes the node before anything else
      return Optional.of(
          new Failure(
              e.failure().name(),
              e.failure()
                  + ": "
                  + e.getMessage()
                  + " (whether it took effect is unknown; the next probe shows it)"));
    }
  }
}
