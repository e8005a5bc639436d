package io.hastorage.operator.status;

import io.fabric8.kubernetes.api.model.Condition;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * The conditions of a resource whose finalizer is still held: {@code DeletionBlocked} (True while
 * something only a person can clear holds it, False {@code InProgress} while the teardown simply
 * goes on) and {@code Ready=False Deleting}. The resource's other conditions are left as its last
 * reconcile wrote them.
 */
public final class DeletionConditions {

  /** What the deletion waits for; {@code blocked} when it cannot go on by itself. */
  public record Progress(boolean blocked, String reason, String message) {

    public static Progress blocked(String reason, String message) {
      return new Progress(true, reason, message);
    }

    public static Progress inProgress(String message) {
      return new Progress(false, Reasons.DELETION_IN_PROGRESS, message);
    }
  }

  private static final Set<String> REPLACED =
      Set.of(ConditionTypes.READY, ConditionTypes.DELETION_BLOCKED);

  private DeletionConditions() {}

  public static List<Condition> of(
      List<Condition> previous, Progress progress, long generation, Instant now) {
    List<Condition> kept =
        new ArrayList<>(previous.stream().filter(c -> !REPLACED.contains(c.getType())).toList());
    String ready =
        progress.blocked() ? "deletion is blocked: " + progress.message() : progress.message();
    List<DesiredCondition> desired =
        List.of(
            new DesiredCondition(
                ConditionTypes.READY, ConditionStatus.False, Reasons.DELETING, ready),
            new DesiredCondition(
                ConditionTypes.DELETION_BLOCKED,
                ConditionStatus.of(progress.blocked()),
                progress.reason(),
                progress.message()));
    List<Condition> merged = Conditions.merge(previous, desired, generation, now);
    List<Condition> all = new ArrayList<>();
    all.add(merged.get(0));
    all.addAll(kept);
    all.add(merged.get(1));
    return all;
  }
}
