package io.hastorage.operator.metrics;

import io.hastorage.operator.api.drbd.DrbdVolumeStatus;
import io.hastorage.operator.api.drbd.DrbdVolumeStatus.DrbdNodeState;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * DRBD state of the managed volumes, under drbd-reactor's Prometheus names where one fits, so its
 * dashboards and alerts work on them. State gauges are drbd-reactor's "enum" form: one series per
 * state with the state as a label, 1 for the current state and 0 for the states seen before. The
 * operator sees every target, so the series carry a {@code node} label (drbd-reactor runs on each
 * node and relies on {@code instance}); {@code name} is the DRBD resource, as in drbd-reactor.
 *
 * <ul>
 *   <li>{@code drbd_resource_role{drbd_resource_role}}: Primary/Secondary per node;
 *   <li>{@code drbd_connection_state{drbd_connection_state}}: Connected, StandAlone, ... per
 *       volume;
 *   <li>{@code drbd_device_state{drbd_device_state}}: the local disk state per volume;
 *   <li>{@code drbd_peerdevice_outofsync_bytes}: data known to differ from the peer;
 *   <li>{@code hastorage_drbd_sync_progress_percent}: progress of a running resync;
 *   <li>{@code hastorage_drbd_split_brain}: 1 while a split brain (or a StandAlone side with data
 *       of its own) is reported, per DrbdVolume.
 * </ul>
 */
public final class DrbdMetrics {

  private final MeterRegistry registry;
  private final Map<String, AtomicLong> gauges = new ConcurrentHashMap<>();
  private final Map<String, String> currentState = new ConcurrentHashMap<>();

  public DrbdMetrics(MeterRegistry registry) {
    this.registry = registry;
  }

  public void record(String namespace, String volume, String resource, DrbdVolumeStatus status) {
    Tags owner = Tags.of("namespace", namespace, "drbdvolume", volume, "name", resource);
    gauge("hastorage_drbd_split_brain", owner).set(Boolean.TRUE.equals(status.splitBrain) ? 1 : 0);
    for (DrbdNodeState node : status.nodes) {
      Tags perNode = owner.and("node", node.node);
      Tags perVolume = perNode.and("volume", String.valueOf(node.volume));
      state("drbd_resource_role", perNode, node.role);
      state("drbd_connection_state", perVolume, node.connectionState);
      state("drbd_device_state", perVolume, node.diskState);
      if (node.outOfSyncBytes != null) {
        gauge("drbd_peerdevice_outofsync_bytes", perVolume).set(node.outOfSyncBytes);
      }
      gauge("hastorage_drbd_sync_progress_percent", perVolume)
          .set(
              node.syncProgressPercent == null
                  ? 100
                  : Math.round(Double.parseDouble(node.syncProgressPercent)));
    }
  }

  /** Drops every series of a deleted DrbdVolume, so dashboards do not show it frozen. */
  public void forget(String namespace, String volume) {
    Map<String, String> owner = Map.of("namespace", namespace, "drbdvolume", volume);
    Meters.remove(
        registry,
        id -> volume.equals(id.getTag("drbdvolume")) && namespace.equals(id.getTag("namespace")),
        gauges,
        owner);
    Meters.remove(registry, id -> false, currentState, owner);
  }

  /** Sets the series of {@code value} to 1 and the series of the previous value to 0. */
  private void state(String name, Tags tags, String value) {
    if (value == null) {
      return;
    }
    String key = name + tags;
    String previous = currentState.put(key, value);
    if (previous != null && !previous.equals(value)) {
      gauge(name, tags.and(name, previous)).set(0);
    }
    gauge(name, tags.and(name, value)).set(1);
  }

  private AtomicLong gauge(String name, Tags tags) {
    return gauges.computeIfAbsent(name + tags, k -> registry.gauge(name, tags, new AtomicLong()));
  }
}
