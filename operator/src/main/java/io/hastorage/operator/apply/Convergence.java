package io.hastorage.operator.apply;

import io.hastorage.operator.node.NodeShell;
import io.hastorage.operator.observe.NodeFacts;
import io.hastorage.operator.observe.NodeObserver;
import io.hastorage.operator.observe.Observation;
import io.hastorage.operator.observe.ProbeRequest;
import io.hastorage.operator.plan.Plan;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Future;
import java.util.function.Function;
import org.slf4j.MDC;

/**
 * Observes and applies across nodes in parallel: one probe per node, then each node's steps in
 * order. Nodes are independent here; ordering between nodes is expressed by dependency phases in
 * the planners (a step that needs another node's change waits for a later reconcile).
 */
public final class Convergence {

  private final NodeObserver observer;
  private final PlanExecutor executor;
  private final ExecutorService pool;

  public Convergence(NodeObserver observer, PlanExecutor executor, ExecutorService pool) {
    this.observer = observer;
    this.executor = executor;
    this.pool = pool;
  }

  public Map<String, Observation> observe(
      Map<String, NodeShell> shells, Function<String, ProbeRequest> requests)
      throws InterruptedException {
    Map<String, Callable<Observation>> tasks = new LinkedHashMap<>();
    shells.forEach(
        (node, shell) -> tasks.put(node, () -> observer.observe(shell, requests.apply(node))));
    return runAll(tasks);
  }

  public Map<String, StepOutcome> apply(
      Map<String, NodeShell> shells, Map<String, NodeFacts> facts, Plan plan)
      throws InterruptedException {
    Map<String, Callable<StepOutcome>> tasks = new LinkedHashMap<>();
    for (String node : plan.nodes()) {
      NodeShell shell = shells.get(node);
      if (shell != null && facts.containsKey(node)) {
        tasks.put(node, () -> executor.apply(shell, facts.get(node), plan.stepsFor(node)));
      }
    }
    return runAll(tasks);
  }

  private <T> Map<String, T> runAll(Map<String, Callable<T>> tasks) throws InterruptedException {
    Map<String, String> context = MDC.getCopyOfContextMap();
    List<String> nodes = new ArrayList<>(tasks.keySet());
    List<Future<T>> futures = new ArrayList<>();
    for (String node : nodes) {
      futures.add(pool.submit(withContext(context, node, tasks.get(node))));
    }
    Map<String, T> results = new LinkedHashMap<>();
    for (int i = 0; i < nodes.size(); i++) {
      try {
        results.put(nodes.get(i), futures.get(i).get());
      } catch (ExecutionException e) {
        throw new IllegalStateException(
            "node " + nodes.get(i) + ": " + e.getCause().getMessage(), e.getCause());
      }
    }
    return results;
  }

  private static <T> Callable<T> withContext(
      Map<String, String> context, String node, Callable<T> task) {
    return () -> {
      if (context != null) {
        MDC.setContextMap(context);
      }
      MDC.put("node", node);
      try {
        return task.call();
      } finally {
        MDC.clear();
      }
    };
  }
}
