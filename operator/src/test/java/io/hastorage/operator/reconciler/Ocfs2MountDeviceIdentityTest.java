package io.hastorage.operator.reconciler;

import static org.assertj.core.api.Assertions.assertThat;

import io.hastorage.operator.status.DesiredCondition;
import io.hastorage.operator.status.Reasons;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The WWID check before anything touches the device: nodes agree, and it is the recorded one. */
class Ocfs2MountDeviceIdentityTest {

  private static final String RECORDED = "36001405aaaaaaaaaaaaaaaaaaaaaaaa";
  private static final String OTHER = "36001405bbbbbbbbbbbbbbbbbbbbbbbb";

  @Test
  void theRecordedWwidSeenByEveryNodeIsNoProblem() {
    assertThat(Ocfs2MountReconciler.deviceProblem(Optional.of(RECORDED), Set.of(RECORDED)))
        .isEmpty();
    assertThat(Ocfs2MountReconciler.deviceProblem(Optional.empty(), Set.of(OTHER))).isEmpty();
    assertThat(Ocfs2MountReconciler.deviceProblem(Optional.of(RECORDED), Set.of())).isEmpty();
  }

  @Test
  void anotherWwidThanTheRecordedOneHoldsEverything() {
    DesiredCondition problem =
        Ocfs2MountReconciler.deviceProblem(Optional.of(RECORDED), Set.of(OTHER)).orElseThrow();

    assertThat(problem.reason()).isEqualTo(Reasons.DEVICE_CHANGED);
    assertThat(problem.message()).contains(RECORDED, OTHER, "nothing is formatted or mounted");
  }

  @Test
  void initiatorsThatDisagreeHoldEverything() {
    DesiredCondition problem =
        Ocfs2MountReconciler.deviceProblem(Optional.empty(), Set.of(RECORDED, OTHER)).orElseThrow();

    assertThat(problem.reason()).isEqualTo(Reasons.DEVICE_CHANGED);
    assertThat(problem.message()).contains("different WWIDs");
  }
}
