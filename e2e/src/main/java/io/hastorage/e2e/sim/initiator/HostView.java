package io.hastorage.e2e.sim.initiator;

import io.hastorage.e2e.sim.SimulatedNode;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * One command's view of the SAN from one initiator, valid while the SAN's lock is held: the node,
 * its {@link InitiatorHost} state, the LUNs, and the targets' reachability (read once per command).
 */
final class HostView {

  static final String MULTIPATHD = "multipathd.service";
  static final String O2CB = "o2cb.service";

  private final SimulatedSan san;
  private final InitiatorHost host;
  private final SimulatedNode node;
  private Fabric fabric;

  HostView(SimulatedSan san, InitiatorHost host, SimulatedNode node) {
    this.san = san;
    this.host = host;
    this.node = node;
  }

  InitiatorHost host() {
    return host;
  }

  SimulatedNode node() {
    return node;
  }

  Fabric fabric() {
    if (fabric == null) {
      fabric = san.fabric();
    }
    return fabric;
  }

  LunDisk disk(LunId lun) {
    return san.disk(lun);
  }

  boolean active(String unit) {
    return node.services().get(unit).map(u -> u.activeState().equals("active")).orElse(false);
  }

  /** Whether the session's target answers on its portal now (else it is FAILED, retrying). */
  boolean loggedIn(Session session) {
    return fabric().target(session.iqn, session.portal).isPresent();
  }

  List<String> mountedElsewhere(LunId lun) {
    return san.mountedElsewhere(host, lun);
  }

  /**
   * multipathd's work: while it runs, every LUN with a path gets a map (sized like its first path);
   * a map whose last path went away is flushed unless it is mounted.
   */
  void syncMaps() {
    Map<String, ScsiDisk> firstPath = new LinkedHashMap<>();
    host.sessions.forEach(s -> s.disks.forEach(d -> firstPath.putIfAbsent(d.lun.wwid(), d)));
    if (active(MULTIPATHD)) {
      firstPath.forEach(
          (wwid, disk) -> {
            if (!host.maps.containsKey(wwid)) {
              host.maps.put(
                  wwid,
                  new MultipathMap(disk.lun, host.freeDmMinor(), disk.inquiry, disk.sizeBytes));
            }
          });
    }
    List<String> gone = new ArrayList<>();
    host.maps.forEach(
        (wwid, map) -> {
          if (!firstPath.containsKey(wwid) && host.mountOf(map.lun).isEmpty()) {
            gone.add(wwid);
          }
        });
    gone.forEach(host.maps::remove);
  }

  /**
   * The block device a path names: a map as {@code /dev/disk/by-id/dm-uuid-mpath-WWID}, {@code
   * /dev/disk/by-id/dm-name-WWID}, {@code /dev/mapper/WWID} or {@code /dev/dm-N}, or a path as
   * {@code /dev/sdX}.
   */
  Optional<Device> device(String path) {
    for (MultipathMap map : host.maps.values()) {
      if (path.equals(Device.BY_ID + map.wwid)
          || path.equals(Device.BY_NAME + map.wwid)
          || path.equals(map.mapperPath())
          || path.equals("/dev/dm-" + map.minor)) {
        return Optional.of(new Device(path, map.lun, map.sizeBytes, Optional.of(map)));
      }
    }
    for (Session session : host.sessions) {
      for (ScsiDisk disk : session.disks) {
        if (path.equals("/dev/" + disk.name())) {
          return Optional.of(new Device(path, disk.lun, disk.sizeBytes, Optional.empty()));
        }
      }
    }
    return Optional.empty();
  }

  /** A block device on the initiator and the LUN behind it. */
  record Device(String path, LunId lun, long sizeBytes, Optional<MultipathMap> map) {
    static final String BY_ID = "/dev/disk/by-id/dm-uuid-mpath-";
    static final String BY_NAME = "/dev/disk/by-id/dm-name-";
  }
}
