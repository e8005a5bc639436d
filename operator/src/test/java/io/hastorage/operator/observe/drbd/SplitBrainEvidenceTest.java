package io.hastorage.operator.observe.drbd;

import static org.assertj.core.api.Assertions.assertThat;

import io.hastorage.operator.testing.Captured;
import org.junit.jupiter.api.Test;

class SplitBrainEvidenceTest {

  @Test
  void standAloneWithUpToDateDataIsPossibleSplitBrain() {
    DrbdKernelStatus status =
        ProcDrbdParser.parse(
            Captured.read("kernel-lab/drbd-lab/ta-proc-drbd-after-split-brain.txt"));

    assertThat(SplitBrainEvidence.detect(status))
        .singleElement()
        .satisfies(
            f -> {
              assertThat(f.device()).isEqualTo("minor 0");
              assertThat(f.reason()).isEqualTo("PossibleSplitBrain");
              assertThat(f.message())
                  .startsWith("possible split brain: connection StandAlone")
                  .contains("UpToDate", "role Primary", "1024 KiB out of sync");
            });
  }

  /** Both sides of the kernel lab's split brain, and what the rule cannot tell from it. */
  @Test
  void bothSidesOfARealSplitBrainAndAnAdministratorsDisconnectLookAlike() {
    DrbdKernelStatus secondary =
        ProcDrbdParser.parse(
            Captured.read("kernel-lab/drbd-lab/tb-proc-drbd-after-split-brain.txt"));
    DrbdKernelStatus disconnected =
        ProcDrbdParser.parse(
            Captured.read("kernel-lab/drbd-lab/tb-proc-drbd-standalone-disconnected.txt"));

    assertThat(SplitBrainEvidence.detect(secondary))
        .singleElement()
        .satisfies(f -> assertThat(f.message()).contains("role Secondary", "2048 KiB"));
    assertThat(SplitBrainEvidence.detect(disconnected))
        .as("drbdadm disconnect leaves the same state: evidence only, never a verdict")
        .hasSize(1);
  }

  @Test
  void aFreshInconsistentPairIsNotFlagged() {
    DrbdKernelStatus status =
        ProcDrbdParser.parse(
            Captured.read("kernel-lab/drbd-lab/ta-proc-drbd-standalone-fresh.txt"));

    assertThat(SplitBrainEvidence.detect(status)).isEmpty();
  }

  @Test
  void connectedSyncingWaitingAndUnconfiguredAreNotFlagged() {
    for (String sample :
        new String[] {
          "proc-drbd-8.4-seed.txt",
          "kernel-lab/drbd-lab/ta-proc-drbd-syncsource.txt",
          "kernel-lab/drbd-lab/tb-proc-drbd-synctarget.txt",
          "kernel-lab/drbd-lab/ta-proc-drbd-pausedsyncs.txt",
          "kernel-lab/drbd-lab/ta-proc-drbd-wfconnection-oos.txt",
          "kernel-lab/drbd-lab/tb-proc-drbd-diskless.txt",
          "kernel-lab/drbd-lab/tb-proc-drbd-gap-unconfigured.txt"
        }) {
      assertThat(SplitBrainEvidence.detect(ProcDrbdParser.parse(Captured.read(sample))))
          .as(sample)
          .isEmpty();
    }
  }

  /** Real DRBD 8.4.11 states from the kernel lab: healthy, switched over, peer crashed. */
  @Test
  void theKernelLabsRealStatesAreNotFlagged() {
    for (String sample :
        new String[] {
          "ta-proc-drbd-connected-primary.txt",
          "tb-proc-drbd-connected-secondary.txt",
          "ta-proc-drbd-secondary-after-switchover.txt",
          "tb-proc-drbd-primary-after-switchover.txt",
          "ta-proc-drbd-wfconnection-primary-peer-crashed.txt",
          "ta-proc-drbd-module-loaded-no-resource.txt"
        }) {
      DrbdKernelStatus status = ProcDrbdParser.parse(Captured.read("kernel-lab/recipe/" + sample));
      assertThat(SplitBrainEvidence.detect(status)).as(sample).isEmpty();
    }
  }

  @Test
  void drbd9StandAloneIsFlaggedByResourceAndVolume() {
    DrbdKernelStatus status =
        DrbdStatusJsonParser.parse(Captured.read("drbd/drbdsetup-status-9-standalone.json"));

    assertThat(SplitBrainEvidence.detect(status))
        .extracting(SplitBrainEvidence.Finding::device)
        .as("r1 is StandAlone too, but Inconsistent")
        .containsExactly("r0/0");
  }

  @Test
  void anOutdatedStandAloneNodeIsFlaggedToo() {
    DrbdKernelStatus status =
        ProcDrbdParser.parse(
            " 0: cs:StandAlone ro:Secondary/Unknown ds:Outdated/DUnknown   r-----\n"
                + "    ns:0 nr:0 dw:0 dr:0 al:0 bm:0 lo:0 pe:0 ua:0 ap:0 ep:1 wo:f oos:76\n");

    assertThat(SplitBrainEvidence.detect(status)).hasSize(1);
  }
}
