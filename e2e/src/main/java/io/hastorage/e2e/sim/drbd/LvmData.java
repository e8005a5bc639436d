package io.hastorage.e2e.sim.drbd;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * The LVM metadata written on one replicated DRBD device: one PV, at most one VG on it, its LVs (in
 * extents of 4 MiB). It lives in the replicated resource, so the peer sees it once promoted.
 */
final class LvmData {

  static final long EXTENT_BYTES = 4L << 20;

  /** LVM's default pe_start: data begins 1 MiB into the PV. */
  static final long PE_START_BYTES = 1L << 20;

  final String pvUuid;
  private long deviceBytes;
  private Optional<String> vg = Optional.empty();
  private final Map<String, Long> lvExtents = new LinkedHashMap<>();

  LvmData(String pvUuid, long deviceBytes) {
    this.pvUuid = pvUuid;
    this.deviceBytes = deviceBytes;
  }

  long totalExtents() {
    return (deviceBytes - PE_START_BYTES) / EXTENT_BYTES;
  }

  long freeExtents() {
    return totalExtents() - lvExtents.values().stream().mapToLong(Long::longValue).sum();
  }

  Optional<String> vg() {
    return vg;
  }

  void createVg(String name) {
    vg = Optional.of(name);
  }

  Map<String, Long> lvs() {
    return lvExtents;
  }

  /** pvresize: the PV grows to the device's current size. */
  void resize(long newDeviceBytes) {
    deviceBytes = newDeviceBytes;
  }
}
