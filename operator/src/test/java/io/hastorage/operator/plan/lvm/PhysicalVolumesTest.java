package io.hastorage.operator.plan.lvm;

import static org.assertj.core.api.Assertions.assertThat;

import io.hastorage.operator.testing.Captured;
import io.hastorage.operator.testing.FactsBuilder;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** {@code pvs} as the kernel lab's targets answered it (lvm2 2.03.16, the VG on /dev/drbd0). */
class PhysicalVolumesTest {

  private static Map<String, String> pvs(String node) {
    return PhysicalVolumes.of(
            new FactsBuilder(node)
                .section(
                    PhysicalVolumes.PROBE.name(),
                    0,
                    Captured.read("kernel-lab/harness/" + node + "-lvm-pvs.txt"))
                .build())
        .orElseThrow();
  }

  @Test
  void thePrimarySeesTheDrbdDeviceAsItsVolumeGroupsPv() {
    assertThat(pvs("tb")).containsExactly(Map.entry("/dev/drbd0", "vg1"));
  }

  /** The Secondary cannot open /dev/drbd0, and the lab's LVM filter hides the backing disk. */
  @Test
  void theSecondaryListsNone() {
    assertThat(pvs("ta")).isEmpty();
  }
}
