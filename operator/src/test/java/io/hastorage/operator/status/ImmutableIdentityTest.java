package io.hastorage.operator.status;

import static org.assertj.core.api.Assertions.assertThat;

import io.hastorage.operator.api.Manifests;
import io.hastorage.operator.api.drbd.DrbdVolume;
import io.hastorage.operator.api.drbd.DrbdVolumeSpec;
import io.hastorage.operator.api.drbd.DrbdVolumeStatus;
import io.hastorage.operator.api.validation.Violation;
import io.hastorage.operator.testing.Examples;
import org.junit.jupiter.api.Test;

class ImmutableIdentityTest {

  private final DrbdVolumeSpec spec =
      Manifests.ofKind(Examples.seed(), DrbdVolume.class).get(0).getSpec();

  private static DrbdVolumeStatus recorded(String resource, String vg) {
    DrbdVolumeStatus status = new DrbdVolumeStatus();
    status.resourceName = resource;
    status.volumeGroup = vg;
    return status;
  }

  @Test
  void aNewVolumeAndAnUnchangedOneAreFine() {
    assertThat(ImmutableIdentity.check(spec, null)).isEmpty();
    assertThat(ImmutableIdentity.check(spec, new DrbdVolumeStatus())).isEmpty();
    assertThat(ImmutableIdentity.check(spec, recorded("vg1", "vg1"))).isEmpty();
  }

  @Test
  void renamingTheResourceOrTheVolumeGroupIsRefused() {
    spec.resourceName = "vg2";
    spec.lvm.volumeGroup = "data";

    assertThat(ImmutableIdentity.check(spec, recorded("vg1", "vg1")))
        .extracting(Violation::path)
        .containsExactly("spec.resourceName", "spec.lvm.volumeGroup");
  }

  @Test
  void theRecordedNamesOutliveARefusedRename() {
    DrbdVolumeStatus status = new DrbdVolumeStatus();
    spec.resourceName = "vg2";

    ImmutableIdentity.record(status, spec, recorded("vg1", "vg1"));

    assertThat(status.resourceName).isEqualTo("vg1");
    assertThat(status.volumeGroup).isEqualTo("vg1");
  }
}
