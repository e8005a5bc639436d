package io.hastorage.operator.status;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.Condition;
import io.hastorage.operator.status.DeletionConditions.Progress;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class DeletionConditionsTest {

  private static final Instant T0 = Instant.parse("2026-12-06T10:00:00Z");
  private static final Instant T1 = Instant.parse("2026-12-06T10:05:00Z");

  private static final List<Condition> READY_BEFORE =
      Conditions.merge(
          List.of(),
          List.of(
              DesiredCondition.of("Ready", true, "Ready", "all good"),
              DesiredCondition.of("ReplicationHealthy", true, "UpToDate", "both UpToDate")),
          3,
          T0);

  private static Condition type(List<Condition> conditions, String type) {
    return conditions.stream().filter(c -> type.equals(c.getType())).findFirst().orElseThrow();
  }

  @Test
  void aBlockedDeletionReplacesReadyAndKeepsTheOtherConditions() {
    List<Condition> now =
        DeletionConditions.of(
            READY_BEFORE,
            Progress.blocked("NodeUnreachable", "centos02 not observed: NodeUnreachable"),
            3,
            T1);

    assertThat(now)
        .extracting(Condition::getType)
        .containsExactly("Ready", "ReplicationHealthy", "DeletionBlocked");
    assertThat(type(now, "Ready").getStatus()).isEqualTo("False");
    assertThat(type(now, "Ready").getReason()).isEqualTo("Deleting");
    assertThat(type(now, "Ready").getMessage())
        .isEqualTo("deletion is blocked: centos02 not observed: NodeUnreachable");
    assertThat(type(now, "DeletionBlocked").getStatus()).isEqualTo("True");
    assertThat(type(now, "DeletionBlocked").getReason()).isEqualTo("NodeUnreachable");
    assertThat(type(now, "ReplicationHealthy")).isEqualTo(type(READY_BEFORE, "ReplicationHealthy"));
  }

  @Test
  void theSameBlockerTwiceIsTheSameStatus() {
    Progress blocker = Progress.blocked("NodeUnreachable", "centos02 not observed");
    List<Condition> first = DeletionConditions.of(READY_BEFORE, blocker, 3, T0);

    assertThat(DeletionConditions.of(first, blocker, 3, T1)).isEqualTo(first);
  }

  @Test
  void progressAfterABlockerClearsIt() {
    List<Condition> blocked =
        DeletionConditions.of(READY_BEFORE, Progress.blocked("StepFailed", "umount failed"), 3, T0);
    List<Condition> going =
        DeletionConditions.of(blocked, Progress.inProgress("tearing DRBD down"), 3, T1);

    assertThat(type(going, "DeletionBlocked").getStatus()).isEqualTo("False");
    assertThat(type(going, "DeletionBlocked").getReason()).isEqualTo("InProgress");
    assertThat(type(going, "DeletionBlocked").getLastTransitionTime())
        .isEqualTo("2026-12-06T10:05:00Z");
    assertThat(type(going, "Ready").getMessage()).isEqualTo("tearing DRBD down");
  }
}
