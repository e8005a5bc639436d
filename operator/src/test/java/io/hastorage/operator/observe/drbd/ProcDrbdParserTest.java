package io.hastorage.operator.observe.drbd;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.hastorage.operator.testing.Captured;
import java.util.List;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.OptionalInt;
import org.junit.jupiter.api.Test;

class ProcDrbdParserTest {

  private static final String KERNEL_LAB = "kernel-lab/recipe/";

  @Test
  void readsTheSeedsConnectedSecondary() {
    DrbdKernelStatus status = ProcDrbdParser.parse(Captured.read("proc-drbd-8.4-seed.txt"));

    assertThat(status.version()).contains("8.4.7-1");
    assertThat(status.devices()).hasSize(1);
    DrbdDeviceState d = status.devices().get(0);
    assertThat(d.minor()).isZero();
    assertThat(d.connectionState()).isEqualTo("Connected");
    assertThat(d.localRole()).isEqualTo("Secondary");
    assertThat(d.peerRole()).isEqualTo("Primary");
    assertThat(d.localDisk()).isEqualTo("UpToDate");
    assertThat(d.peerDisk()).isEqualTo("UpToDate");
    assertThat(d.protocol()).contains("C");
    assertThat(d.outOfSyncKiB()).isZero();
    assertThat(d.syncPercent()).isEmpty();
    assertThat(d.syncing()).isFalse();
    assertThat(d.resource()).isEmpty();
  }

  /** Real DRBD 8.4.11 on Debian 12's kernel 6.1 (the kernel lab): a pair after its first sync. */
  @Test
  void readsTheKernelLabsConnectedPair() {
    DrbdKernelStatus primary =
        ProcDrbdParser.parse(Captured.read(KERNEL_LAB + "ta-proc-drbd-connected-primary.txt"));
    DrbdKernelStatus secondary =
        ProcDrbdParser.parse(Captured.read(KERNEL_LAB + "tb-proc-drbd-connected-secondary.txt"));

    assertThat(primary.version()).contains("8.4.11");
    assertThat(primary.devices())
        .singleElement()
        .isEqualTo(
            new DrbdDeviceState(
                0,
                Optional.empty(),
                OptionalInt.empty(),
                Optional.empty(),
                "Connected",
                "Primary",
                "Secondary",
                "UpToDate",
                "UpToDate",
                Optional.of("C"),
                0,
                OptionalDouble.empty()));
    assertThat(secondary.version()).contains("8.4.11");
    assertThat(secondary.devices())
        .singleElement()
        .satisfies(
            d -> {
              assertThat(d.localRole()).isEqualTo("Secondary");
              assertThat(d.peerRole()).isEqualTo("Primary");
              assertThat(d.localDisk()).isEqualTo("UpToDate");
              assertThat(d.peerDisk()).isEqualTo("UpToDate");
              assertThat(d.syncing()).isFalse();
            });
  }

  @Test
  void readsTheKernelLabsPairAfterASwitchover() {
    DrbdDeviceState demoted =
        ProcDrbdParser.parse(
                Captured.read(KERNEL_LAB + "ta-proc-drbd-secondary-after-switchover.txt"))
            .devices()
            .get(0);
    DrbdDeviceState promoted =
        ProcDrbdParser.parse(
                Captured.read(KERNEL_LAB + "tb-proc-drbd-primary-after-switchover.txt"))
            .devices()
            .get(0);

    assertThat(demoted.connectionState()).isEqualTo("Connected");
    assertThat(demoted.localRole()).isEqualTo("Secondary");
    assertThat(demoted.peerRole()).isEqualTo("Primary");
    assertThat(promoted.localRole()).isEqualTo("Primary");
    assertThat(promoted.peerRole()).isEqualTo("Secondary");
    assertThat(List.of(demoted, promoted))
        .allSatisfy(
            d -> {
              assertThat(d.outOfSyncKiB()).isZero();
              assertThat(d.localDisk()).isEqualTo("UpToDate");
              assertThat(d.protocol()).contains("C");
            });
  }

  /**
   * After the peer's VM was killed and this node promoted: WFConnection keeps its protocol letter
   * (DRBD prints it whenever a net configuration exists), the peer reads Unknown/DUnknown.
   */
  @Test
  void readsTheKernelLabsSurvivorOfAPeerCrash() {
    DrbdDeviceState d =
        ProcDrbdParser.parse(
                Captured.read(KERNEL_LAB + "ta-proc-drbd-wfconnection-primary-peer-crashed.txt"))
            .devices()
            .get(0);

    assertThat(d.connectionState()).isEqualTo("WFConnection");
    assertThat(d.localRole()).isEqualTo("Primary");
    assertThat(d.peerRole()).isEqualTo(DrbdDeviceState.UNKNOWN_ROLE);
    assertThat(d.localDisk()).isEqualTo("UpToDate");
    assertThat(d.peerDisk()).isEqualTo(DrbdDeviceState.UNKNOWN_DISK);
    assertThat(d.protocol()).contains("C");
    assertThat(d.outOfSyncKiB()).isZero();
    assertThat(d.syncing()).isFalse();
  }

  @Test
  void readsTheKernelLabsModuleWithNoResource() {
    DrbdKernelStatus status =
        ProcDrbdParser.parse(
            Captured.read(KERNEL_LAB + "ta-proc-drbd-module-loaded-no-resource.txt"));

    assertThat(status.version()).contains("8.4.11");
    assertThat(status.devices()).isEmpty();
  }

  @Test
  void readsSyncSourceProgressAndAnUnconfiguredMinor() {
    DrbdKernelStatus status =
        ProcDrbdParser.parse(Captured.read("drbd/proc-drbd-8.4-syncsource.txt"));

    assertThat(status.version()).contains("8.4.11");
    DrbdDeviceState sync = status.devices().get(0);
    assertThat(sync.connectionState()).isEqualTo("SyncSource");
    assertThat(sync.syncing()).isTrue();
    assertThat(sync.syncPercent()).hasValue(12.5);
    assertThat(sync.outOfSyncKiB()).isEqualTo(8_637_440L);
    assertThat(sync.outOfSyncBytes()).isEqualTo(8_637_440L * 1024);
    assertThat(sync.peerDisk()).isEqualTo("Inconsistent");

    DrbdDeviceState unconfigured = status.devices().get(1);
    assertThat(unconfigured.minor()).isEqualTo(1);
    assertThat(unconfigured.connectionState()).isEqualTo("Unconfigured");
    assertThat(unconfigured.localRole()).isEqualTo(DrbdDeviceState.UNKNOWN_ROLE);
    assertThat(unconfigured.localDisk()).isEqualTo(DrbdDeviceState.UNKNOWN_DISK);
    assertThat(unconfigured.protocol()).isEmpty();
    assertThat(unconfigured.syncPercent()).isEmpty();
  }

  @Test
  void readsSyncTargetWithWantedRate() {
    DrbdDeviceState d =
        ProcDrbdParser.parse(Captured.read("drbd/proc-drbd-8.4-synctarget.txt")).devices().get(0);

    assertThat(d.connectionState()).isEqualTo("SyncTarget");
    assertThat(d.localDisk()).isEqualTo("Inconsistent");
    assertThat(d.syncPercent()).hasValue(12.4);
    assertThat(d.outOfSyncKiB()).isEqualTo(8_636_416L);
  }

  @Test
  void standAloneHasNoProtocolLetter() {
    DrbdDeviceState d =
        ProcDrbdParser.parse(Captured.read("drbd/proc-drbd-8.4-standalone-after-split-brain.txt"))
            .devices()
            .get(0);

    assertThat(d.connectionState()).isEqualTo("StandAlone");
    assertThat(d.localRole()).isEqualTo("Primary");
    assertThat(d.peerRole()).isEqualTo("Unknown");
    assertThat(d.peerDisk()).isEqualTo("DUnknown");
    assertThat(d.protocol()).isEmpty();
    assertThat(d.outOfSyncKiB()).isEqualTo(4160);
  }

  @Test
  void readsWfConnectionDisklessAndMinorGaps() {
    DrbdKernelStatus status =
        ProcDrbdParser.parse(Captured.read("drbd/proc-drbd-8.4-wfconnection-diskless.txt"));

    assertThat(status.devices())
        .extracting(DrbdDeviceState::minor, DrbdDeviceState::connectionState)
        .containsExactly(
            org.assertj.core.groups.Tuple.tuple(0, "WFConnection"),
            org.assertj.core.groups.Tuple.tuple(1, "Connected"),
            org.assertj.core.groups.Tuple.tuple(3, "Unconfigured"));
    assertThat(status.devices().get(0).outOfSyncKiB()).isEqualTo(2048);
    assertThat(status.devices().get(1).localDisk()).isEqualTo("Diskless");
    assertThat(status.devices().get(1).peerDisk()).isEqualTo("UpToDate");
  }

  @Test
  void truncatedOutputKeepsWhatWasRead() {
    String text = Captured.read("drbd/proc-drbd-8.4-syncsource.txt");
    String cut = text.substring(0, text.indexOf("oos:") + 6); // counter cut mid-number

    DrbdKernelStatus status = ProcDrbdParser.parse(cut);

    assertThat(status.devices()).hasSize(1);
    assertThat(status.devices().get(0).connectionState()).isEqualTo("SyncSource");
    assertThat(status.devices().get(0).outOfSyncKiB()).isEqualTo(86);
    assertThat(status.devices().get(0).syncPercent()).isEmpty();
  }

  @Test
  void versionOnlyMeansNoDevices() {
    DrbdKernelStatus status =
        ProcDrbdParser.parse("version: 8.4.11 (api:1/proto:86-101)\nsrcversion: ABC \n");

    assertThat(status.version()).contains("8.4.11");
    assertThat(status.devices()).isEmpty();
  }

  @Test
  void oddStateLinesFallBackToUnknown() {
    DrbdKernelStatus status =
        ProcDrbdParser.parse(" 7: cs:Connected ro:Primary ds:\n    garbage\n");

    DrbdDeviceState d = status.devices().get(0);
    assertThat(status.version()).isEmpty();
    assertThat(d.localRole()).isEqualTo(DrbdDeviceState.UNKNOWN_ROLE);
    assertThat(d.localDisk()).isEqualTo(DrbdDeviceState.UNKNOWN_DISK);
    assertThat(d.outOfSyncKiB()).isZero();
  }

  @Test
  void rejectsTextThatIsNotProcDrbd() {
    assertThatThrownBy(() -> ProcDrbdParser.parse("cat: /proc/drbd: No such file or directory\n"))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> ProcDrbdParser.parse("")).isInstanceOf(IllegalArgumentException.class);
  }
}
