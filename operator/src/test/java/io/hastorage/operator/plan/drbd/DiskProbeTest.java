package io.hastorage.operator.plan.drbd;

import static org.assertj.core.api.Assertions.assertThat;

import io.hastorage.operator.observe.NodeFacts;
import io.hastorage.operator.testing.Captured;
import io.hastorage.operator.testing.FactsBuilder;
import java.util.List;
import org.junit.jupiter.api.Test;

/** What DiskProbe makes of real blkid/wipefs answers, exit codes included. */
class DiskProbeTest {

  private static final String DEVICE = "/dev/drbd0";

  private static NodeFacts answered(int blkidExit, String blkid, int wipefsExit, String wipefs) {
    List<String> items = List.copyOf(DiskProbe.request(DEVICE).items().keySet());
    String blkidItem = items.stream().filter(i -> i.startsWith("blkid")).findFirst().orElseThrow();
    String wipefsItem =
        items.stream().filter(i -> i.startsWith("wipefs")).findFirst().orElseThrow();
    return new FactsBuilder("tb")
        .section(blkidItem, blkidExit, blkid)
        .section(wipefsItem, wipefsExit, wipefs)
        .build();
  }

  /**
   * A DRBD 8.4 Secondary's /dev/drbd0 cannot be opened: blkid exits 2 as for an empty device and
   * prints nothing, wipefs exits 1. That is "not known", never "blank".
   */
  @Test
  void aRealSecondarysDrbdDeviceIsNotKnownRatherThanBlank() {
    NodeFacts facts =
        answered(
            2,
            Captured.read("kernel-lab/drbd-lab/tb-blkid-drbd0-secondary.txt"),
            1,
            Captured.read("kernel-lab/drbd-lab/tb-wipefs-drbd0-secondary.txt"));

    assertThat(DiskProbe.signatures(facts, DEVICE)).isEmpty();
  }

  @Test
  void aRealUnwrittenPrimaryDeviceIsBlank() {
    NodeFacts facts =
        answered(
            2,
            Captured.read("kernel-lab/drbd-lab/ta-blkid-drbd0-empty.txt"),
            0,
            Captured.read("kernel-lab/drbd-lab/ta-wipefs-drbd0-empty.txt"));

    assertThat(DiskProbe.signatures(facts, DEVICE).orElseThrow().blank()).isTrue();
  }

  @Test
  void aRealPrimarysLvmPhysicalVolume() {
    NodeFacts facts =
        answered(
            0,
            Captured.read("kernel-lab/harness/tb-blkid-drbd0.txt"),
            0,
            Captured.read("kernel-lab/harness/tb-wipefs-drbd0.txt"));

    assertThat(DiskProbe.signatures(facts, DEVICE).orElseThrow().signatures())
        .containsExactly("LVM2_member");
  }
}
