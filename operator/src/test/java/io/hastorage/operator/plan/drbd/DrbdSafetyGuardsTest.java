package io.hastorage.operator.plan.drbd;

import static org.assertj.core.api.Assertions.assertThat;

import io.hastorage.operator.observe.NodeFacts;
import io.hastorage.operator.observe.drbd.DrbdKernelStatus;
import io.hastorage.operator.observe.drbd.ProcDrbdParser;
import io.hastorage.operator.plan.Decision;
import io.hastorage.operator.testing.Captured;
import io.hastorage.operator.testing.FactsBuilder;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;
import org.junit.jupiter.api.Test;

/** The two guards that stand between the operator and someone's data on a DRBD backing disk. */
class DrbdSafetyGuardsTest {

  private static final String DISK = "/dev/sdb";
  private static final Function<NodeFacts, Optional<DrbdKernelStatus>> PROC_DRBD =
      facts -> facts.raw().okOutput("proc-drbd").map(ProcDrbdParser::parse);

  /** Real DRBD 8.4.11 (the kernel lab): a new pair, connected, before its first sync. */
  private static final String FRESH_CONNECTED =
      Captured.read("kernel-lab/drbd-lab/ta-proc-drbd-connected-inconsistent.txt");

  /**
   * Facts of a node whose probe ran blkid and wipefs on DISK with the captured output of SAMPLE.
   */
  private static NodeFacts disk(String sample, int blkidExit) {
    List<String> items = List.copyOf(DiskProbe.request(DISK).items().keySet());
    return new FactsBuilder("centos01")
        .section(items.get(0), blkidExit, Captured.read("drbd/" + sample + ".blkid-export.txt"))
        .section(items.get(1), 0, Captured.read("drbd/" + sample + ".wipefs-parsable.txt"))
        .build();
  }

  private static Decision metadata(NodeFacts facts, boolean adopt) {
    return new MetadataGuard(DISK, adopt).check(facts);
  }

  @Test
  void aBlankDiskMayGetMetadata() {
    assertThat(metadata(disk("blank", 2), false).allowed()).isTrue();
  }

  @Test
  void aFileSystemIsRefusedNamingWhatWasFound() {
    Decision decision = metadata(disk("ext4", 0), false);

    assertThat(decision.reason()).isEqualTo("DiskInUse");
    assertThat(decision.message())
        .contains("centos01: /dev/sdb holds ext4 label data1 UUID", "adoptExistingData");
  }

  @Test
  void lvmAndOcfs2AreRefusedToo() {
    assertThat(metadata(disk("lvm2-pv", 0), false).reason()).isEqualTo("DiskInUse");
    assertThat(metadata(disk("ocfs2", 0), false).reason()).isEqualTo("DiskInUse");
  }

  @Test
  void adoptingExistingDataIsAnExplicitChoice() {
    assertThat(metadata(disk("ext4", 0), true).allowed()).isTrue();
  }

  @Test
  void existingDrbdMetadataIsNeverRecreatedEvenWhenAdopting() {
    assertThat(metadata(disk("drbd-v09-md", 0), true).reason()).isEqualTo("DrbdMetadataPresent");
    assertThat(metadata(disk("drbd-v08-md", 0), false).reason()).isEqualTo("DrbdMetadataPresent");
    assertThat(metadata(disk("ext4-under-drbd-v09-md", 0), false).reason())
        .as("blkid shows only drbd here; wipefs shows both")
        .isEqualTo("DrbdMetadataPresent");
  }

  @Test
  void anUnprobedDiskIsNeverTreatedAsBlank() {
    assertThat(metadata(disk("blank", 4), false).reason()).isEqualTo("DiskStateUnknown");
    assertThat(metadata(new FactsBuilder("centos01").build(), false).reason())
        .isEqualTo("DiskStateUnknown");
  }

  private static Decision forcePrimary(String node, String procDrbd) {
    NodeFacts facts = new FactsBuilder(node).section("proc-drbd", 0, procDrbd).build();
    return new ForcePrimaryGuard("centos01", List.of(0), PROC_DRBD).check(facts);
  }

  @Test
  void theFirstSyncMayStartOnlyFromAFreshConnectedPairOnTheInitialPrimary() {
    assertThat(forcePrimary("centos01", FRESH_CONNECTED).allowed()).isTrue();
    assertThat(forcePrimary("centos02", FRESH_CONNECTED).reason()).isEqualTo("NotInitialPrimary");
  }

  @Test
  void oncePromotedOrSyncedTheForceIsNeverRepeated() {
    assertThat(forcePrimary("centos01", Captured.read("proc-drbd-8.4-seed.txt")).reason())
        .isEqualTo("ResourceHasData");
    Decision midSync =
        forcePrimary("centos01", Captured.read("kernel-lab/drbd-lab/ta-proc-drbd-syncsource.txt"));
    assertThat(midSync.reason()).isEqualTo("ResourceHasData");
    assertThat(midSync.message()).contains("never run again");
  }

  @Test
  void anUnknownPeerIsNotAssumedInconsistent() {
    assertThat(
            forcePrimary(
                    "centos01",
                    Captured.read("kernel-lab/drbd-lab/ta-proc-drbd-standalone-fresh.txt"))
                .reason())
        .isEqualTo("PeerNotConnected");
    assertThat(
            new ForcePrimaryGuard("centos01", List.of(0), PROC_DRBD)
                .check(new FactsBuilder("centos01").build())
                .reason())
        .isEqualTo("DrbdStateUnknown");
    assertThat(
            new ForcePrimaryGuard("centos01", List.of(0, 1), PROC_DRBD)
                .check(
                    new FactsBuilder("centos01").section("proc-drbd", 0, FRESH_CONNECTED).build())
                .message())
        .contains("/dev/drbd1 is not configured");
  }
}
