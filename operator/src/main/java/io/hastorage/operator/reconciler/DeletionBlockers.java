package io.hastorage.operator.reconciler;

import io.hastorage.operator.apply.StepOutcome;
import io.hastorage.operator.observe.Observation;
import io.hastorage.operator.status.Reasons;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * What holds a teardown that will not go on by itself: nodes that could not be observed (their
 * state is unknown, so nothing can be decided there) and steps that failed. {@code lines} stay the
 * same while the blockers do (an unobserved node is named with {@code NodesNotObserved}, not with
 * its connect attempt's changing message), so the status is not rewritten on every retry; {@code
 * details} carry the full messages for the Event.
 */
record DeletionBlockers(String reason, List<String> lines, List<String> details) {

  static DeletionBlockers of(
      Map<String, Observation> observations, Map<String, StepOutcome> outcomes) {
    String reason = "";
    List<String> lines = new ArrayList<>();
    List<String> details = new ArrayList<>();
    for (Observation o : observations.values()) {
      if (!o.isReached()) {
        reason = Reasons.NODES_UNREACHED;
        lines.add(
            o.nodeName()
                + " could not be observed, so what is left there cannot be decided (its"
                + " NodesReachable condition on the StorageCluster says why)");
        details.add(o.nodeName() + " not observed: " + o.reason() + " (" + o.message() + ")");
      }
    }
    for (StepOutcome outcome : outcomes.values()) {
      if (!outcome.completed()) {
        reason = reason.isEmpty() ? outcome.reason() : reason;
        lines.add(outcome.message());
        details.add(outcome.message());
      }
    }
    return new DeletionBlockers(reason, List.copyOf(lines), List.copyOf(details));
  }

  /** These blockers behind a first one; {@code reason} applies when there were none. */
  DeletionBlockers after(String first, String reason) {
    List<String> allLines = new ArrayList<>(List.of(first));
    allLines.addAll(lines);
    List<String> allDetails = new ArrayList<>(List.of(first));
    allDetails.addAll(details);
    return new DeletionBlockers(
        any() ? this.reason : reason, List.copyOf(allLines), List.copyOf(allDetails));
  }

  boolean any() {
    return !lines.isEmpty();
  }
}
