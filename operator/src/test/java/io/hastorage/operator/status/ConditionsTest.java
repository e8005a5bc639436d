package io.hastorage.operator.status;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.fabric8.kubernetes.api.model.Condition;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class ConditionsTest {

  private static final Instant T0 = Instant.parse("2026-11-25T10:00:00Z");
  private static final Instant T1 = Instant.parse("2026-11-25T10:05:00Z");

  @Test
  void keepsLastTransitionTimeWhileStatusAndReasonHold() {
    List<Condition> first =
        Conditions.merge(
            List.of(),
            List.of(DesiredCondition.of("Ready", false, "Converging", "applied 1 of 3")),
            1,
            T0);
    List<Condition> second =
        Conditions.merge(
            first,
            List.of(DesiredCondition.of("Ready", false, "Converging", "applied 2 of 3")),
            2,
            T1);

    assertThat(second.get(0).getLastTransitionTime()).isEqualTo("2026-11-25T10:00:00Z");
    assertThat(second.get(0).getMessage()).isEqualTo("applied 2 of 3");
    assertThat(second.get(0).getObservedGeneration()).isEqualTo(2L);
  }

  @Test
  void movesLastTransitionTimeWhenStatusOrReasonChanges() {
    List<Condition> first =
        Conditions.merge(
            List.of(), List.of(DesiredCondition.of("Ready", false, "Converging", "m")), 1, T0);

    List<Condition> flipped =
        Conditions.merge(first, List.of(DesiredCondition.of("Ready", true, "Ready", "m")), 1, T1);
    List<Condition> newReason =
        Conditions.merge(
            first, List.of(DesiredCondition.of("Ready", false, "StepFailed", "m")), 1, T1);

    assertThat(flipped.get(0).getLastTransitionTime()).isEqualTo("2026-11-25T10:05:00Z");
    assertThat(newReason.get(0).getLastTransitionTime()).isEqualTo("2026-11-25T10:05:00Z");
  }

  @Test
  void reasonsMustBeCamelCase() {
    assertThatThrownBy(() -> DesiredCondition.of("Ready", false, "ssh failed: timeout", "m"))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void theWorstReasonWins() {
    List<DesiredCondition> conditions =
        List.of(
            DesiredCondition.of("A", false, "Converging", "a"),
            DesiredCondition.of("B", false, "HostKeyMismatch", "b"),
            DesiredCondition.of("C", false, "NodeUnreachable", "c"),
            DesiredCondition.of("D", true, "Ok", "d"));

    assertThat(Reasons.worst(conditions).orElseThrow().reason()).isEqualTo("HostKeyMismatch");
  }
}
