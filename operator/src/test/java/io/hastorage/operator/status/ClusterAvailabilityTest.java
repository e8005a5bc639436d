package io.hastorage.operator.status;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.ConditionBuilder;
import io.hastorage.operator.api.Manifests;
import io.hastorage.operator.api.cluster.NodeRole;
import io.hastorage.operator.api.cluster.StorageCluster;
import io.hastorage.operator.api.cluster.StorageClusterStatus;
import io.hastorage.operator.api.drbd.DrbdVolume;
import io.hastorage.operator.api.drbd.DrbdVolumeSpec;
import io.hastorage.operator.api.validation.Violation;
import io.hastorage.operator.testing.Examples;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class ClusterAvailabilityTest {

  private final DrbdVolumeSpec volume =
      Manifests.ofKind(Examples.seed(), DrbdVolume.class).get(0).getSpec();
  private final StorageCluster cluster = Examples.seedCluster();

  private void converged(boolean ok, String reason, String message) {
    StorageClusterStatus status = new StorageClusterStatus();
    status.conditions.add(
        new ConditionBuilder()
            .withType(ConditionTypes.CONVERGED)
            .withStatus(ok ? "True" : "False")
            .withReason(reason)
            .withMessage(message)
            .build());
    cluster.setStatus(status);
  }

  private ClusterAvailability availability() {
    return ClusterAvailability.of(volume, Optional.of(cluster));
  }

  @Test
  void aMissingClusterIsNotFoundAndNothingIsObserved() {
    ClusterAvailability availability = ClusterAvailability.of(volume, Optional.empty());

    assertThat(availability.condition().type()).isEqualTo(ConditionTypes.CLUSTER_AVAILABLE);
    assertThat(availability.condition().status()).isEqualTo(ConditionStatus.False);
    assertThat(availability.condition().reason()).isEqualTo(Reasons.CLUSTER_NOT_FOUND);
    assertThat(availability.condition().message()).contains("vg1-cluster");
    assertThat(availability.observable()).isFalse();
    assertThat(availability.mayChange()).isFalse();
  }

  @Test
  void anInvalidClusterIsNotUsed() {
    converged(true, Reasons.CONVERGED, "every node matches the spec");
    cluster.getSpec().nodes.get(1).role = NodeRole.Initiator;

    ClusterAvailability availability = availability();

    assertThat(availability.condition().reason()).isEqualTo(Reasons.CLUSTER_INVALID);
    assertThat(availability.observable()).isFalse();
    assertThat(availability.mayChange()).isFalse();
  }

  @Test
  void aBackingDiskOnANonTargetIsAViolation() {
    converged(true, Reasons.CONVERGED, "every node matches the spec");
    volume.volumes.get(0).backingDisks.get(1).node = "drbd01";

    ClusterAvailability availability = availability();

    assertThat(availability.violations())
        .extracting(Violation::path)
        .containsExactly("spec.volumes[0].backingDisks");
    assertThat(availability.violations().get(0).message())
        .isEqualTo("needs one disk on each target [centos01, centos02], names [centos01, drbd01]");
    assertThat(availability.condition().reason()).isEqualTo(Reasons.CLUSTER_INVALID);
    assertThat(availability.observable()).isFalse();
    assertThat(availability.mayChange()).isFalse();
  }

  @Test
  void aClusterWithoutLvmIsAViolation() {
    converged(true, Reasons.CONVERGED, "every node matches the spec");
    cluster.getSpec().lvm = null;

    ClusterAvailability availability = availability();

    assertThat(availability.violations())
        .extracting(Violation::path)
        .containsExactly("spec.clusterRef");
    assertThat(availability.observable()).isFalse();
  }

  @Test
  void aConvergedClusterMayBeChanged() {
    converged(true, Reasons.CONVERGED, "every node matches the spec");

    ClusterAvailability availability = availability();

    assertThat(availability.condition().status()).isEqualTo(ConditionStatus.True);
    assertThat(availability.condition().reason()).isEqualTo("ClusterConverged");
    assertThat(availability.observable()).isTrue();
    assertThat(availability.mayChange()).isTrue();
    assertThat(availability.violations()).isEmpty();
  }

  @Test
  void aClusterNotYetConvergedIsObservedButNotChanged() {
    converged(false, Reasons.CONVERGING, "applied 2 of 5 steps; the next probe verifies them");

    ClusterAvailability availability = availability();

    assertThat(availability.condition().status()).isEqualTo(ConditionStatus.False);
    assertThat(availability.condition().reason()).isEqualTo(Reasons.WAITING_FOR_CLUSTER);
    assertThat(availability.condition().message())
        .contains("Converging: applied 2 of 5 steps")
        .contains("changes wait");
    assertThat(availability.observable()).isTrue();
    assertThat(availability.mayChange()).isFalse();
  }

  @Test
  void aClusterWithoutStatusIsObservedButNotChanged() {
    cluster.setStatus(null);

    ClusterAvailability availability = availability();

    assertThat(availability.condition().reason()).isEqualTo(Reasons.WAITING_FOR_CLUSTER);
    assertThat(availability.condition().message()).contains("no status yet");
    assertThat(availability.observable()).isTrue();
    assertThat(availability.mayChange()).isFalse();
  }
}
