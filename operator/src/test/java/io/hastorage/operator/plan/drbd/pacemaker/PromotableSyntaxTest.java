package io.hastorage.operator.plan.drbd.pacemaker;

import static org.assertj.core.api.Assertions.assertThat;

import io.hastorage.operator.plan.pacemaker.CibElement;
import java.util.List;
import org.junit.jupiter.api.Test;

class PromotableSyntaxTest {

  @Test
  void followsThePacemakerVersionAsPacemakerdPrintsIt() {
    assertThat(PromotableSyntax.forVersion("1.1.23-1.el7_9.1"))
        .contains(PromotableSyntax.MASTER_SLAVE_1_1);
    assertThat(PromotableSyntax.forVersion("2.0.3"))
        .contains(PromotableSyntax.PROMOTABLE_CLONE_2_0);
    assertThat(PromotableSyntax.forVersion("2.1.5"))
        .contains(PromotableSyntax.PROMOTABLE_CLONE_2_1);
    assertThat(PromotableSyntax.forVersion("3.0.0"))
        .contains(PromotableSyntax.PROMOTABLE_CLONE_2_1);
    assertThat(PromotableSyntax.forVersion("1.0.13")).isEmpty();
    assertThat(PromotableSyntax.forVersion("")).isEmpty();
    assertThat(PromotableSyntax.forVersion(null)).isEmpty();
  }

  @Test
  void pacemaker11GetsTheSeedsMasterSlaveResource() {
    List<CibElement> elements =
        DrbdPacemakerElements.desired(SeedDrbdVolume.vg1(), PromotableSyntax.MASTER_SLAVE_1_1);

    CibElement master = elements.get(0);
    assertThat(master.tag()).isEqualTo("master");
    assertThat(master.xml())
        .startsWith("<master id=\"hastorage-drbd-vg1-clone\">")
        .contains("name=\"master-max\" value=\"1\"", "role=\"Master\"", "role=\"Slave\"")
        .doesNotContain("promotable", "Promoted");
    assertThat(elements.get(2).xml()).contains("with-rsc-role=\"Master\"");
  }

  @Test
  void pacemaker20KeepsTheOldRoleNamesInAPromotableClone() {
    CibElement clone =
        DrbdPacemakerElements.desired(SeedDrbdVolume.vg1(), PromotableSyntax.PROMOTABLE_CLONE_2_0)
            .get(0);

    assertThat(clone.xml())
        .startsWith("<clone ")
        .contains("name=\"promotable\" value=\"true\"", "role=\"Master\"")
        .doesNotContain("Promoted");
  }
}
