package io.hastorage.operator.plan.ocfs2;

import static org.assertj.core.api.Assertions.assertThat;

import io.hastorage.operator.observe.NodeFacts;
import io.hastorage.operator.testing.Captured;
import io.hastorage.operator.testing.FactsBuilder;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * The LUN's paths as the kernel lab's initiator really reported them: two open-iscsi sessions to a
 * LIO target's two portals, LUN 0 on sda and sdb, and the dm-multipath map holding both.
 */
class LunPathsTest {

  private static final String LAB = "kernel-lab/recipe/";
  private static final String WWID = "360014055e1f0c2a0d0b4d5e9a6b00000";

  /** The seed's mount, pointed at the lab's target and portals. */
  private static final MountDesign LAB_DESIGN = labDesign(InitiatorFixture.seedDesign());

  private static MountDesign labDesign(MountDesign seed) {
    return new MountDesign(
        seed.owner(),
        seed.fileStem(),
        "iqn.2024-01.lab.ha:r0",
        List.of("10.0.0.100:3260", "10.0.1.100:3260"),
        0,
        seed.vendors(),
        seed.chap(),
        seed.iscsi(),
        seed.multipath(),
        seed.o2cb(),
        seed.mkfs(),
        seed.mountPoint(),
        seed.mountOptions(),
        seed.nodes(),
        seed.adoptExisting(),
        seed.growFilesystem());
  }

  private static NodeFacts initiator(String sessions, String multipath) {
    return new FactsBuilder("ini")
        .section(InitiatorProbe.SESSIONS.name(), 0, sessions)
        .section(InitiatorProbe.MULTIPATH.name(), 0, multipath)
        .build();
  }

  @Test
  void theMapOfBothSessionsDisksGivesTheWwid() {
    NodeFacts facts =
        initiator(
            Captured.read(LAB + "ini-iscsiadm-session-P3.txt"),
            Captured.read(LAB + "ini-multipath-ll.txt"));

    assertThat(LunPaths.of(LAB_DESIGN, facts))
        .isEqualTo(new LunPaths(2, Optional.of(WWID), 2, 2, Optional.empty()));
    assertThat(LunPaths.unmappedDisks(LAB_DESIGN, facts)).isEmpty();
  }

  @Test
  void theSameAfterTheTargetMovedToTheOtherNode() {
    NodeFacts facts =
        initiator(
            Captured.read(LAB + "ini-iscsiadm-session-P3-after-switchover.txt"),
            Captured.read(LAB + "ini-multipath-ll.txt"));

    assertThat(LunPaths.of(LAB_DESIGN, facts).wwid()).contains(WWID);
    assertThat(LunPaths.of(LAB_DESIGN, facts).pathsUp()).isEqualTo(2);
  }

  /** Before multipath knew the WWID (find_multipaths "strict"): logged in, no map. */
  @Test
  void sessionDisksNoMapHoldsAreNamed() {
    NodeFacts facts = initiator(Captured.read(LAB + "ini-iscsiadm-session-P3.txt"), "");

    LunPaths paths = LunPaths.of(LAB_DESIGN, facts);

    assertThat(paths.wwid()).isEmpty();
    assertThat(paths.sessions()).isEqualTo(2);
    assertThat(paths.problem()).contains("ini: no multipath map holds sda, sdb" + hint());
    assertThat(LunPaths.unmappedDisks(LAB_DESIGN, facts)).containsExactly("sda", "sdb");
  }

  private static String hint() {
    return " (is multipathd running, does the drop-in match the target's vendor?)";
  }
}
