package io.hastorage.operator.observe.drbd;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.hastorage.operator.testing.Captured;
import java.util.List;
import org.junit.jupiter.api.Test;

class DrbdStatusJsonParserTest {

  @Test
  void readsEveryVolumeOfEveryResource() {
    DrbdKernelStatus status =
        DrbdStatusJsonParser.parse(Captured.read("drbd/drbdsetup-status-9-connected.json"));

    assertThat(status.version()).isEmpty();
    List<DrbdDeviceState> devices = status.devices();
    assertThat(devices)
        .extracting(DrbdDeviceState::displayName)
        .containsExactly("r0/0", "r0/1", "r1/0");
    DrbdDeviceState first = devices.get(0);
    assertThat(first.minor()).isZero();
    assertThat(first.peer()).contains("tgt2");
    assertThat(first.connectionState()).isEqualTo("Connected");
    assertThat(first.localRole()).isEqualTo("Primary");
    assertThat(first.peerRole()).isEqualTo("Secondary");
    assertThat(first.localDisk()).isEqualTo("UpToDate");
    assertThat(first.peerDisk()).isEqualTo("UpToDate");
    assertThat(first.outOfSyncKiB()).isZero();
    assertThat(first.syncPercent()).as("no resync runs").isEmpty();
    assertThat(first.protocol()).isEmpty();
    assertThat(devices.get(2).localDisk()).isEqualTo("Diskless");
    assertThat(devices.get(2).minor()).isEqualTo(2);
  }

  @Test
  void foldsTheReplicationStateIntoTheConnectionStateWhileSyncing() {
    DrbdDeviceState d =
        DrbdStatusJsonParser.parse(Captured.read("drbd/drbdsetup-status-9-syncsource.json"))
            .devices()
            .get(0);

    assertThat(d.connectionState()).isEqualTo("SyncSource");
    assertThat(d.syncing()).isTrue();
    assertThat(d.syncPercent()).hasValue(37.5);
    assertThat(d.outOfSyncKiB()).isEqualTo(6_553_600L);
    assertThat(d.outOfSyncBytes()).isEqualTo(6_553_600L * 1024);
    assertThat(d.peerDisk()).isEqualTo("Inconsistent");
  }

  @Test
  void readsStandAloneAndAResourceWithoutConnections() {
    List<DrbdDeviceState> devices =
        DrbdStatusJsonParser.parse(Captured.read("drbd/drbdsetup-status-9-standalone.json"))
            .devices();

    assertThat(devices).hasSize(2);
    assertThat(devices.get(0).connectionState()).isEqualTo("StandAlone");
    assertThat(devices.get(0).peerRole()).isEqualTo("Unknown");
    assertThat(devices.get(0).peerDisk()).isEqualTo("DUnknown");
    assertThat(devices.get(0).outOfSyncKiB()).isEqualTo(4160);
    assertThat(devices.get(0).syncPercent()).isEmpty();
    DrbdDeviceState lonely = devices.get(1);
    assertThat(lonely.connectionState()).isEqualTo("StandAlone");
    assertThat(lonely.peer()).isEmpty();
    assertThat(lonely.peerRole()).isEqualTo(DrbdDeviceState.UNKNOWN_ROLE);
    assertThat(lonely.localDisk()).isEqualTo("Inconsistent");
  }

  @Test
  void truncatedOutputKeepsTheCompleteResources() {
    String json = Captured.read("drbd/drbdsetup-status-9-connected.json");
    String cut = json.substring(0, json.indexOf("\"r1\"") + 10);

    List<DrbdDeviceState> devices = DrbdStatusJsonParser.parse(cut).devices();

    assertThat(devices).extracting(DrbdDeviceState::displayName).containsExactly("r0/0", "r0/1");
  }

  @Test
  void missingFieldsReadAsUnknown() {
    String json = "[{\"name\":\"r9\",\"devices\":[{\"volume\":0}],\"connections\":[{}]}]";

    DrbdDeviceState d = DrbdStatusJsonParser.parse(json).devices().get(0);

    assertThat(d.minor()).isEqualTo(-1);
    assertThat(d.localRole()).isEqualTo(DrbdDeviceState.UNKNOWN_ROLE);
    assertThat(d.localDisk()).isEqualTo(DrbdDeviceState.UNKNOWN_DISK);
    assertThat(d.peerDisk()).isEqualTo(DrbdDeviceState.UNKNOWN_DISK);
    assertThat(d.connectionState()).isEqualTo("StandAlone");
  }

  @Test
  void noResourcesIsAnEmptyArray() {
    assertThat(DrbdStatusJsonParser.parse("[\n]\n").devices()).isEmpty();
  }

  @Test
  void rejectsOutputThatIsNotTheJsonArray() {
    assertThatThrownBy(() -> DrbdStatusJsonParser.parse("No currently configured DRBD found.\n"))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> DrbdStatusJsonParser.parse("{\"name\":\"r0\"}"))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> DrbdStatusJsonParser.parse(""))
        .isInstanceOf(IllegalArgumentException.class);
  }

  /**
   * drbd-utils 9.22 in front of the 8.4 module: drbdsetup-84 knows no --json and prints its usage
   * on stdout (exit 20). Never read as "no devices".
   */
  @Test
  void rejectsWhatDrbdsetupPrintsForAnDrbd84Module() {
    String usage = Captured.read("kernel-lab/drbd-lab/ta-drbdsetup-status-json.txt");

    assertThat(usage).contains("USAGE: drbdsetup command device arguments options");
    assertThatThrownBy(() -> DrbdStatusJsonParser.parse(usage))
        .isInstanceOf(IllegalArgumentException.class);
  }
}
