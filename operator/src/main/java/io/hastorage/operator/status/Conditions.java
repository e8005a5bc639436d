package io.hastorage.operator.status;

import io.fabric8.kubernetes.api.model.Condition;
import io.fabric8.kubernetes.api.model.ConditionBuilder;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;

/**
 * Merges desired conditions into the previous ones. lastTransitionTime only moves when a
 * condition's status or reason changes, so a converged resource produces an identical status and no
 * write.
 */
public final class Conditions {

  private Conditions() {}

  public static List<Condition> merge(
      List<Condition> previous, List<DesiredCondition> desired, long generation, Instant now) {
    List<Condition> merged = new ArrayList<>();
    for (DesiredCondition want : desired) {
      String since =
          previous.stream()
              .filter(c -> want.type().equals(c.getType()))
              .filter(c -> want.status().name().equals(c.getStatus()))
              .filter(c -> want.reason().equals(c.getReason()))
              .map(Condition::getLastTransitionTime)
              .findFirst()
              .orElse(now.truncatedTo(ChronoUnit.SECONDS).toString());
      merged.add(
          new ConditionBuilder()
              .withType(want.type())
              .withStatus(want.status().name())
              .withReason(want.reason())
              .withMessage(truncate(want.message()))
              .withObservedGeneration(generation)
              .withLastTransitionTime(since)
              .build());
    }
    return merged;
  }

  /** Kubernetes caps condition messages at 32768 bytes; we stay far below. */
  private static String truncate(String message) {
    return message.length() > 1024 ? message.substring(0, 1021) + "..." : message;
  }
}
