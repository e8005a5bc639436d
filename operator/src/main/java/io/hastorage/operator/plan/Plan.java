package io.hastorage.operator.plan;

import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * An ordered list of steps per node. A converged system yields an empty plan; that is the
 * idempotence test every planner must pass.
 */
public final class Plan {

  private final Map<String, List<Step>> stepsByNode;

  private Plan(Map<String, List<Step>> stepsByNode) {
    this.stepsByNode = stepsByNode;
  }

  public static Plan empty() {
    return new Plan(Map.of());
  }

  public static Plan of(Collection<Step> steps) {
    Map<String, List<Step>> byNode = new LinkedHashMap<>();
    for (Step step : steps) {
      byNode.computeIfAbsent(step.node(), n -> new ArrayList<>()).add(step);
    }
    byNode.replaceAll((node, list) -> List.copyOf(list));
    return new Plan(Map.copyOf(byNode));
  }

  public boolean isEmpty() {
    return stepsByNode.values().stream().allMatch(List::isEmpty);
  }

  public List<Step> stepsFor(String node) {
    return stepsByNode.getOrDefault(node, List.of());
  }

  public Collection<String> nodes() {
    return stepsByNode.keySet();
  }

  public int size() {
    return stepsByNode.values().stream().mapToInt(List::size).sum();
  }

  /** "node: description" lines in plan order, as dry-run records them in status. */
  public List<String> summary(Collection<String> nodeOrder) {
    List<String> lines = new ArrayList<>();
    for (String node : nodeOrder) {
      stepsFor(node).forEach(step -> lines.add(step.toString()));
    }
    return lines;
  }
}
