package io.hastorage.operator.apply;

import io.hastorage.operator.node.ExecResult;
import io.hastorage.operator.node.NodeAccessException;
import io.hastorage.operator.node.NodeShell;
import io.hastorage.operator.observe.NodeFacts;
import io.hastorage.operator.plan.Action;
import io.hastorage.operator.plan.Decision;
import io.hastorage.operator.plan.Step;
import java.util.List;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Executes one node's steps, in order, under that node's lock:
 *
 * <ol>
 *   <li>take the node lock, or report NodeBusy;
 *   <li>for each step, check its guard against this reconcile's facts; a refusal stops the node;
 *   <li>run the action; a non-zero exit or an access failure stops the node;
 *   <li>report how far it got.
 * </ol>
 *
 * Nothing is retried here. The next reconcile observes again, so a crash between any two steps
 * resumes from the real state of the node.
 */
public final class PlanExecutor {

  private static final Logger LOG = LoggerFactory.getLogger(PlanExecutor.class);

  private final NodeLocks locks;

  public PlanExecutor(NodeLocks locks) {
    this.locks = locks;
  }

  public StepOutcome apply(NodeShell shell, NodeFacts facts, List<Step> steps)
      throws InterruptedException {
    String node = shell.nodeName();
    if (steps.isEmpty()) {
      return StepOutcome.completed(node, 0);
    }
    Optional<AutoCloseable> lock = locks.tryLock(node);
    if (lock.isEmpty()) {
      return new StepOutcome(
          node,
          0,
          steps.get(0),
          StepOutcome.Kind.NodeBusy,
          "NodeBusy",
          "another change is running on " + node);
    }
    try (AutoCloseable held = lock.get()) {
      return runSteps(shell, facts, steps);
    } catch (InterruptedException e) {
      throw e;
    } catch (Exception e) {
      throw new IllegalStateException("releasing the lock of " + node + " failed", e);
    }
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
      Optional<String> failure = run(shell, step.action());
      if (failure.isPresent()) {
        LOG.warn("node {}: step '{}' failed: {}", node, step.description(), failure.get());
        return new StepOutcome(
            node,
            executed,
            step,
            StepOutcome.Kind.Failed,
            "StepFailed",
            "'" + step.description() + "' failed on " + node + ": " + failure.get());
      }
      executed++;
    }
    return StepOutcome.completed(node, executed);
  }

  private static Optional<String> run(NodeShell shell, Action action) {
    try {
      if (action instanceof Action.RunCommand run) {
        ExecResult result = shell.exec(run.command());
        if (result.ok()) {
          return Optional.empty();
        }
        // A tool fed a secret on stdin may echo it on failure (cibadmin prints the rejected CIB).
        return Optional.of(
            run.command().stdin().isSecret()
                ? "exit " + result.exitCode() + " (output withheld: the command was given a secret)"
                : "exit " + result.exitCode() + ": " + result.summary());
      }
      shell.writeFile(((Action.WriteFile) action).file());
      return Optional.empty();
    } catch (NodeAccessException e) {
      return Optional.of(e.failure() + ": " + e.getMessage());
    }
  }
}
