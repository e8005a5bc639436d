package io.hastorage.operator.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import io.hastorage.operator.api.drbd.DrbdVolumeStatus;
import io.hastorage.operator.api.drbd.DrbdVolumeStatus.DrbdNodeState;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.Test;

class DrbdMetricsTest {

  private final SimpleMeterRegistry registry = new SimpleMeterRegistry();
  private final DrbdMetrics metrics = new DrbdMetrics(registry);

  private static DrbdNodeState node(
      String name, String role, String connection, String disk, Long outOfSync, String percent) {
    DrbdNodeState state = new DrbdNodeState();
    state.node = name;
    state.volume = 0;
    state.role = role;
    state.connectionState = connection;
    state.diskState = disk;
    state.peerDiskState = "UpToDate";
    state.outOfSyncBytes = outOfSync;
    state.syncProgressPercent = percent;
    return state;
  }

  private static DrbdVolumeStatus status(Boolean splitBrain, DrbdNodeState... nodes) {
    DrbdVolumeStatus status = new DrbdVolumeStatus();
    status.splitBrain = splitBrain;
    status.nodes.addAll(java.util.List.of(nodes));
    return status;
  }

  private double value(String name, String... tags) {
    Gauge gauge =
        registry
            .find(name)
            .tags("namespace", "storage", "drbdvolume", "vg1", "name", "vg1")
            .tags(tags)
            .gauge();
    assertThat(gauge).as("%s %s", name, String.join(",", tags)).isNotNull();
    return gauge.value();
  }

  private double connection(String node, String state) {
    return value(
        "drbd_connection_state", "node", node, "volume", "0", "drbd_connection_state", state);
  }

  @Test
  void aStateChangeDropsTheOldSeriesToZeroAndRaisesTheNew() {
    metrics.record(
        "storage",
        "vg1",
        "vg1",
        status(null, node("centos01", "Primary", "Connected", "UpToDate", 0L, null)));
    assertThat(connection("centos01", "Connected")).isEqualTo(1);

    metrics.record(
        "storage",
        "vg1",
        "vg1",
        status(true, node("centos01", "Primary", "StandAlone", "UpToDate", 4160L * 1024, null)));

    assertThat(connection("centos01", "Connected")).isZero();
    assertThat(connection("centos01", "StandAlone")).isEqualTo(1);
    assertThat(value("drbd_resource_role", "node", "centos01", "drbd_resource_role", "Primary"))
        .isEqualTo(1);
    assertThat(
            value(
                "drbd_device_state",
                "node",
                "centos01",
                "volume",
                "0",
                "drbd_device_state",
                "UpToDate"))
        .isEqualTo(1);
  }

  @Test
  void theSplitBrainGaugeFollowsTheStatus() {
    metrics.record(
        "storage",
        "vg1",
        "vg1",
        status(true, node("centos01", "Primary", "StandAlone", "UpToDate", 0L, null)));
    assertThat(value("hastorage_drbd_split_brain")).isEqualTo(1);

    metrics.record(
        "storage",
        "vg1",
        "vg1",
        status(null, node("centos01", "Primary", "Connected", "UpToDate", 0L, null)));
    assertThat(value("hastorage_drbd_split_brain")).isZero();
  }

  @Test
  void outOfSyncBytesAndSyncProgressCarryTheirValues() {
    long bytes = 8637440L * 1024;
    metrics.record(
        "storage",
        "vg1",
        "vg1",
        status(
            null,
            node("centos01", "Primary", "SyncSource", "UpToDate", bytes, "12.5"),
            node("centos02", "Secondary", "SyncTarget", "Inconsistent", bytes, "87.4")));

    assertThat(value("drbd_peerdevice_outofsync_bytes", "node", "centos01", "volume", "0"))
        .isEqualTo((double) bytes);
    assertThat(value("hastorage_drbd_sync_progress_percent", "node", "centos01", "volume", "0"))
        .isEqualTo(13);
    assertThat(value("hastorage_drbd_sync_progress_percent", "node", "centos02", "volume", "0"))
        .isEqualTo(87);
    assertThat(connection("centos02", "SyncTarget")).isEqualTo(1);

    metrics.record(
        "storage",
        "vg1",
        "vg1",
        status(null, node("centos01", "Primary", "Connected", "UpToDate", 0L, null)));

    assertThat(value("drbd_peerdevice_outofsync_bytes", "node", "centos01", "volume", "0"))
        .isZero();
    assertThat(value("hastorage_drbd_sync_progress_percent", "node", "centos01", "volume", "0"))
        .isEqualTo(100);
  }

  @Test
  void aDeletedVolumeLeavesNoSeriesBehind() {
    DrbdVolumeStatus status = new DrbdVolumeStatus();
    DrbdVolumeStatus.DrbdNodeState node = new DrbdVolumeStatus.DrbdNodeState();
    node.node = "centos01";
    node.volume = 0;
    node.role = "Primary";
    node.connectionState = "Connected";
    node.diskState = "UpToDate";
    node.outOfSyncBytes = 0L;
    status.nodes.add(node);
    metrics.record("storage", "vg1", "vg1", status);
    metrics.record("storage", "other", "r2", status);

    metrics.forget("storage", "vg1");

    assertThat(registry.getMeters())
        .isNotEmpty()
        .allSatisfy(m -> assertThat(m.getId().getTag("drbdvolume")).isEqualTo("other"));
  }
}
