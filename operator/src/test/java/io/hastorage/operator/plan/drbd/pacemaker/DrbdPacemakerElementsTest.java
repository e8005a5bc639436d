package io.hastorage.operator.plan.drbd.pacemaker;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.hastorage.operator.api.drbd.DrbdVolume;
import io.hastorage.operator.plan.pacemaker.CibElement;
import java.util.List;
import org.junit.jupiter.api.Test;

class DrbdPacemakerElementsTest {

  private static final List<String> SEED_IDS =
      List.of(
          "hastorage-drbd-vg1-clone",
          "hastorage-lvm-vg1",
          "hastorage-colocation-lvm-vg1-with-drbd-vg1",
          "hastorage-order-drbd-vg1-before-lvm-vg1");

  @Test
  void theSeedVolumeRendersTheGoldenElementsInCibOrder() {
    List<CibElement> elements = DrbdPacemakerElements.desired(SeedDrbdVolume.vg1());

    assertThat(elements).extracting(CibElement::id).containsExactlyElementsOf(SEED_IDS);
    assertThat(elements)
        .extracting(CibElement::scope)
        .containsExactly("resources", "resources", "constraints", "constraints");
    for (CibElement element : elements) {
      assertThat(element.xml()).as(element.id()).isEqualTo(SeedDrbdVolume.golden(element.id()));
    }
  }

  /**
   * The promoted side at the cluster's interval, the other side and LVM-activate at three times.
   */
  @Test
  void monitorsFollowTheClustersInterval() {
    List<CibElement> elements =
        DrbdPacemakerElements.desired(
            SeedDrbdVolume.vg1(), PromotableSyntax.PROMOTABLE_CLONE_2_1, 30);

    assertThat(elements.get(0).xml())
        .contains(
            "<op id=\"hastorage-drbd-vg1-monitor-interval-30s\" interval=\"30s\" name=\"monitor\""
                + " role=\"Promoted\" timeout=\"20s\"/>")
        .contains(
            "<op id=\"hastorage-drbd-vg1-monitor-interval-90s\" interval=\"90s\" name=\"monitor\""
                + " role=\"Unpromoted\" timeout=\"20s\"/>")
        .doesNotContain("interval=\"10s\"");
    assertThat(elements.get(1).xml()).contains("-monitor-interval-90s\" interval=\"90s\"");
  }

  @Test
  void everyIdIsOwnedAndRenderingIsRepeatable() {
    List<CibElement> first = DrbdPacemakerElements.desired(SeedDrbdVolume.vg1());

    assertThat(first).allMatch(CibElement::owned);
    assertThat(DrbdPacemakerElements.desired(SeedDrbdVolume.vg1())).isEqualTo(first);
  }

  @Test
  void idsFollowTheResourceAndVolumeGroupNotTheObjectName() {
    DrbdVolume volume = SeedDrbdVolume.vg1();
    volume.getMetadata().setName("renamed");
    volume.getSpec().resourceName = "r0";
    volume.getSpec().lvm.volumeGroup = "vg_data.1";

    assertThat(DrbdPacemakerElements.desired(volume))
        .extracting(CibElement::id)
        .containsExactly(
            "hastorage-drbd-r0-clone",
            "hastorage-lvm-vg_data.1",
            "hastorage-colocation-lvm-vg_data.1-with-drbd-r0",
            "hastorage-order-drbd-r0-before-lvm-vg_data.1");
    assertThat(DrbdPacemakerElements.drbdId("r0")).isEqualTo("hastorage-drbd-r0");
  }

  @Test
  void aVolumeGroupNameThatCannotBeACibIdIsRefusedNamingTheVolume() {
    DrbdVolume volume = SeedDrbdVolume.vg1();
    volume.getSpec().lvm.volumeGroup = "vg+1";

    assertThatThrownBy(() -> DrbdPacemakerElements.desired(volume))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("DrbdVolume vg1")
        .hasMessageContaining("spec.lvm.volumeGroup");
  }

  @Test
  void aMissingOrUnsafeResourceNameIsRefused() {
    DrbdVolume missing = SeedDrbdVolume.vg1();
    missing.getSpec().resourceName = null;
    DrbdVolume unsafe = SeedDrbdVolume.vg1();
    unsafe.getSpec().resourceName = "vg1\"/><x";

    assertThatThrownBy(() -> DrbdPacemakerElements.desired(missing))
        .hasMessageContaining("spec.resourceName");
    assertThatThrownBy(() -> DrbdPacemakerElements.desired(unsafe))
        .hasMessageContaining("spec.resourceName");
  }

  @Test
  void aVolumeWithoutLvmIsRefused() {
    DrbdVolume volume = SeedDrbdVolume.vg1();
    volume.getSpec().lvm = null;

    assertThatThrownBy(() -> DrbdPacemakerElements.desired(volume))
        .hasMessageContaining("DrbdVolume vg1 has no spec or spec.lvm");
  }
}
