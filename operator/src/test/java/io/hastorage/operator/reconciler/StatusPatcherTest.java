package io.hastorage.operator.reconciler;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.ConditionBuilder;
import io.hastorage.operator.api.drbd.DrbdVolumeStatus;
import io.hastorage.operator.config.OperatorConfig;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class StatusPatcherTest {

  private final StatusPatcher patcher = new StatusPatcher(OperatorConfig.defaults());

  private static DrbdVolumeStatus status(String ready, String converged, boolean isReady) {
    DrbdVolumeStatus status = new DrbdVolumeStatus();
    status.conditions.add(
        new ConditionBuilder()
            .withType("Ready")
            .withStatus(isReady ? "True" : "False")
            .withReason(ready)
            .build());
    status.conditions.add(
        new ConditionBuilder()
            .withType("Converged")
            .withStatus(converged.equals("Converged") ? "True" : "False")
            .withReason(converged)
            .build());
    return status;
  }

  @Test
  void aReadyResourceComesBackAtTheResyncPeriod() {
    assertThat(patcher.nextReconcile(status("Ready", "Converged", true)))
        .isEqualTo(Duration.ofSeconds(60));
  }

  @Test
  void aRunningSyncOrAClusterBeingBuiltIsLookedAtSoonWithoutBlocking() {
    assertThat(patcher.nextReconcile(status("Syncing", "Converged", false)))
        .isEqualTo(Duration.ofSeconds(3));
    assertThat(patcher.nextReconcile(status("WaitingForCluster", "WaitingForCluster", false)))
        .isEqualTo(Duration.ofSeconds(3));
  }

  @Test
  void aRefusedStepIsRetriedAtTheErrorPace() {
    assertThat(patcher.nextReconcile(status("DiskInUse", "DiskInUse", false)))
        .isEqualTo(Duration.ofSeconds(20));
  }

  @Test
  void whatIsWrongWhileTheClusterIsBuiltIsLookedAtAtTheClustersPace() {
    DrbdVolumeStatus status = status("DrbdModuleMissing", "DrbdModuleMissing", false);
    assertThat(patcher.nextReconcile(status)).isEqualTo(Duration.ofSeconds(20));
    status.conditions.add(
        new ConditionBuilder()
            .withType("ClusterAvailable")
            .withStatus("False")
            .withReason("WaitingForCluster")
            .build());

    assertThat(patcher.nextReconcile(status)).isEqualTo(Duration.ofSeconds(3));
  }

  @Test
  void convergedCountsOnlyForTheCurrentGeneration() {
    io.hastorage.operator.api.drbd.DrbdVolume volume =
        new io.hastorage.operator.api.drbd.DrbdVolume();
    volume.setMetadata(
        new io.fabric8.kubernetes.api.model.ObjectMetaBuilder().withGeneration(4L).build());
    volume.setStatus(status("Ready", "Converged", true));
    volume.getStatus().observedGeneration = 3L;

    assertThat(StatusPatcher.isConvergedAtGeneration(volume)).isFalse();

    volume.getStatus().observedGeneration = 4L;
    assertThat(StatusPatcher.isConvergedAtGeneration(volume)).isTrue();

    volume.setStatus(status("Ready", "Converging", true));
    volume.getStatus().observedGeneration = 4L;
    assertThat(StatusPatcher.isConvergedAtGeneration(volume)).isFalse();
  }

  @Test
  void aDegradedResourceThatServesIsLookedAtSoonerThanAHealthyOne() {
    DrbdVolumeStatus status = status("Ready", "Converged", true);
    status.conditions.add(
        new ConditionBuilder()
            .withType("Degraded")
            .withStatus("True")
            .withReason("Syncing")
            .build());

    assertThat(patcher.nextReconcile(status)).isEqualTo(Duration.ofSeconds(20));
  }

  @Test
  void aResourceThatServesWhileItsStepsAreVerifiedKeepsTheConvergingPace() {
    assertThat(patcher.nextReconcile(status("Ready", "Converging", true)))
        .isEqualTo(Duration.ofSeconds(3));
    assertThat(patcher.nextReconcile(status("Ready", "StepFailed", true)))
        .isEqualTo(Duration.ofSeconds(20));
  }
}
