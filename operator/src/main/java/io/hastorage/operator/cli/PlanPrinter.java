package io.hastorage.operator.cli;

import io.hastorage.operator.api.cluster.ClusterNode;
import io.hastorage.operator.api.cluster.StorageCluster;
import io.hastorage.operator.node.FileWrite;
import io.hastorage.operator.plan.Action;
import io.hastorage.operator.plan.Step;
import io.hastorage.operator.plan.cluster.StorageClusterPlanner.ClusterPlan;
import io.hastorage.operator.plan.prereq.PrerequisiteReport;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;

/** Prints a plan for review: per node, every command and every file with its content. */
final class PlanPrinter {

  private final PrintStream out;

  PlanPrinter(PrintStream out) {
    this.out = out;
  }

  void cluster(StorageCluster cluster, ClusterPlan plan, Map<String, String> factSources) {
    out.printf(
        "StorageCluster %s: %d nodes, %d steps%n",
        cluster.getMetadata().getName(), cluster.getSpec().nodes.size(), plan.plan().size());
    for (ClusterNode node : cluster.getSpec().nodes) {
      out.printf("%n== %s (%s; %s) ==%n", node.name, node.role, factSources.get(node.name));
      List<Step> steps = plan.plan().stepsFor(node.name);
      for (int i = 0; i < steps.size(); i++) {
        step(i + 1, steps.get(i));
      }
      PrerequisiteReport report = plan.prerequisites().get(node.name);
      if (steps.isEmpty()) {
        out.println("(nothing to do)");
      }
      if (report != null && !report.satisfied() && steps.isEmpty()) {
        out.println(
            "missing, not installed (spec.prerequisites.install is false): " + report.describe());
      }
    }
  }

  void note(String line) {
    out.println(line);
  }

  /** Text shown as file content, each line behind " | ". */
  void block(String text) {
    String body = text.endsWith("\n") ? text.substring(0, text.length() - 1) : text;
    for (String line : body.split("\n", -1)) {
      out.println(line.isEmpty() ? "   |" : "   | " + line);
    }
  }

  private void step(int number, Step step) {
    out.printf("%d. %s%n   %s%n", number, step.description(), step.action().describe());
    if (step.action() instanceof Action.WriteFile write) {
      fileContent(write.file());
    }
  }

  private void fileContent(FileWrite file) {
    if (file.content().isSecret()) {
      out.println("   | (secret content not shown)");
      return;
    }
    block(new String(file.content().bytes(), StandardCharsets.UTF_8));
  }
}
