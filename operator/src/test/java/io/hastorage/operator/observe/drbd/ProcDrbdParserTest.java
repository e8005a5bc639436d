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
  private static final String LAB = "kernel-lab/drbd-lab/";

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
  void readsTheKernelLabsFirstSyncOnBothSides() {
    DrbdKernelStatus source =
        ProcDrbdParser.parse(Captured.read(LAB + "ta-proc-drbd-syncsource.txt"));
    DrbdKernelStatus target =
        ProcDrbdParser.parse(Captured.read(LAB + "tb-proc-drbd-synctarget.txt"));

    assertThat(source.version()).contains("8.4.11");
    DrbdDeviceState sync = source.devices().get(0);
    assertThat(sync.connectionState()).isEqualTo("SyncSource");
    assertThat(sync.syncing()).isTrue();
    assertThat(sync.localRole()).isEqualTo("Primary");
    assertThat(sync.localDisk()).isEqualTo("UpToDate");
    assertThat(sync.peerDisk()).isEqualTo("Inconsistent");
    assertThat(sync.syncPercent()).hasValue(6.3);
    assertThat(sync.outOfSyncKiB()).isEqualTo(123_336L);
    assertThat(sync.outOfSyncBytes()).isEqualTo(123_336L * 1024);
    DrbdDeviceState peer = target.devices().get(0);
    assertThat(peer.connectionState()).isEqualTo("SyncTarget");
    assertThat(peer.localDisk()).isEqualTo("Inconsistent");
    assertThat(peer.syncPercent()).as("the line with want:").hasValue(6.3);
    assertThat(peer.outOfSyncKiB()).isEqualTo(123_024L);
  }

  /** A paused resync prints no progress lines: still syncing, progress unknown. */
  @Test
  void readsThePausedSyncOnBothSides() {
    DrbdDeviceState source =
        ProcDrbdParser.parse(Captured.read(LAB + "ta-proc-drbd-pausedsyncs.txt")).devices().get(0);
    DrbdDeviceState target =
        ProcDrbdParser.parse(Captured.read(LAB + "tb-proc-drbd-pausedsynct.txt")).devices().get(0);

    assertThat(source.connectionState()).isEqualTo("PausedSyncS");
    assertThat(target.connectionState()).isEqualTo("PausedSyncT");
    assertThat(List.of(source, target))
        .allSatisfy(
            d -> {
              assertThat(d.syncing()).isTrue();
              assertThat(d.syncPercent()).isEmpty();
              assertThat(d.outOfSyncKiB()).isEqualTo(122_504L);
            });
  }

  /** StandAlone prints no protocol letter; WFConnection keeps it. */
  @Test
  void readsTheKernelLabsFreshDeviceWaitingAndStandingAlone() {
    DrbdDeviceState waiting =
        ProcDrbdParser.parse(Captured.read(LAB + "ta-proc-drbd-wfconnection-fresh.txt"))
            .devices()
            .get(0);
    DrbdDeviceState alone =
        ProcDrbdParser.parse(Captured.read(LAB + "ta-proc-drbd-standalone-fresh.txt"))
            .devices()
            .get(0);

    assertThat(waiting.connectionState()).isEqualTo("WFConnection");
    assertThat(waiting.protocol()).contains("C");
    assertThat(alone.connectionState()).isEqualTo("StandAlone");
    assertThat(alone.protocol()).isEmpty();
    assertThat(List.of(waiting, alone))
        .allSatisfy(
            d -> {
              assertThat(d.localRole()).isEqualTo("Secondary");
              assertThat(d.peerRole()).isEqualTo(DrbdDeviceState.UNKNOWN_ROLE);
              assertThat(d.localDisk()).isEqualTo("Inconsistent");
              assertThat(d.peerDisk()).isEqualTo(DrbdDeviceState.UNKNOWN_DISK);
              assertThat(d.outOfSyncKiB()).isEqualTo(131_032L);
            });
  }

  @Test
  void readsBothSidesOfTheKernelLabsSplitBrain() {
    DrbdDeviceState primary =
        ProcDrbdParser.parse(Captured.read(LAB + "ta-proc-drbd-after-split-brain.txt"))
            .devices()
            .get(0);
    DrbdDeviceState secondary =
        ProcDrbdParser.parse(Captured.read(LAB + "tb-proc-drbd-after-split-brain.txt"))
            .devices()
            .get(0);

    assertThat(primary.connectionState()).isEqualTo("StandAlone");
    assertThat(primary.localRole()).isEqualTo("Primary");
    assertThat(primary.peerRole()).isEqualTo(DrbdDeviceState.UNKNOWN_ROLE);
    assertThat(primary.localDisk()).isEqualTo("UpToDate");
    assertThat(primary.peerDisk()).isEqualTo(DrbdDeviceState.UNKNOWN_DISK);
    assertThat(primary.protocol()).isEmpty();
    assertThat(primary.outOfSyncKiB()).isEqualTo(1024);
    assertThat(secondary.connectionState()).isEqualTo("StandAlone");
    assertThat(secondary.localRole()).isEqualTo("Secondary");
    assertThat(secondary.outOfSyncKiB()).isEqualTo(2048);
  }

  @Test
  void readsAPrimaryWaitingForItsPeerWithDataOutOfSync() {
    DrbdDeviceState d =
        ProcDrbdParser.parse(Captured.read(LAB + "ta-proc-drbd-wfconnection-oos.txt"))
            .devices()
            .get(0);

    assertThat(d.connectionState()).isEqualTo("WFConnection");
    assertThat(d.localRole()).isEqualTo("Primary");
    assertThat(d.outOfSyncKiB()).isEqualTo(4096);
  }

  @Test
  void readsADetachedDiskFromBothSides() {
    DrbdDeviceState detached =
        ProcDrbdParser.parse(Captured.read(LAB + "tb-proc-drbd-diskless.txt")).devices().get(0);
    DrbdDeviceState primary =
        ProcDrbdParser.parse(Captured.read(LAB + "ta-proc-drbd-peer-diskless.txt"))
            .devices()
            .get(0);

    assertThat(detached.connectionState()).isEqualTo("Connected");
    assertThat(detached.localDisk()).isEqualTo("Diskless");
    assertThat(detached.peerDisk()).isEqualTo("UpToDate");
    assertThat(primary.localDisk()).isEqualTo("UpToDate");
    assertThat(primary.peerDisk()).isEqualTo("Diskless");
  }

  /** A blank line before a minor after a gap; a minor with neither disk nor net is Unconfigured. */
  @Test
  void readsAMinorGapAndAnUnconfiguredMinor() {
    DrbdKernelStatus status =
        ProcDrbdParser.parse(Captured.read(LAB + "tb-proc-drbd-gap-unconfigured.txt"));

    assertThat(status.devices())
        .extracting(DrbdDeviceState::minor, DrbdDeviceState::connectionState)
        .containsExactly(
            org.assertj.core.groups.Tuple.tuple(0, "Connected"),
            org.assertj.core.groups.Tuple.tuple(3, "Unconfigured"));
    DrbdDeviceState unconfigured = status.devices().get(1);
    assertThat(unconfigured.localRole()).isEqualTo(DrbdDeviceState.UNKNOWN_ROLE);
    assertThat(unconfigured.localDisk()).isEqualTo(DrbdDeviceState.UNKNOWN_DISK);
    assertThat(unconfigured.protocol()).isEmpty();
    assertThat(unconfigured.outOfSyncKiB()).isZero();
  }

  /** Sizes above 4 GiB print the progress in MiB (6.1's layout; the lab's disk was 128 MiB). */
  @Test
  void readsTheMibProgressOfALargeResync() {
    String text =
        Captured.read(LAB + "ta-proc-drbd-syncsource.txt")
            .replace("sync'ed:  6.3% (123336/131032)K", "sync'ed: 12.5% (8435/9636)M");

    assertThat(ProcDrbdParser.parse(text).devices().get(0).syncPercent()).hasValue(12.5);
  }

  @Test
  void truncatedOutputKeepsWhatWasRead() {
    String text = Captured.read(LAB + "ta-proc-drbd-syncsource.txt");
    String cut = text.substring(0, text.indexOf("oos:") + 6); // counter cut mid-number

    DrbdKernelStatus status = ProcDrbdParser.parse(cut);

    assertThat(status.devices()).hasSize(1);
    assertThat(status.devices().get(0).connectionState()).isEqualTo("SyncSource");
    assertThat(status.devices().get(0).outOfSyncKiB()).isEqualTo(12);
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
