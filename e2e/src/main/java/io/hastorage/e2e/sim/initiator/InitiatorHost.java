package io.hastorage.e2e.sim.initiator;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.SortedSet;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * One initiator's own storage state: iscsiadm's node and discovery databases, its sessions and the
 * SCSI disks they attached, the multipath maps over them, its mounts and the directories {@code
 * mkdir} made. Guarded by the SAN's lock.
 */
final class InitiatorHost {

  /** /dev/sda is the local system disk; iSCSI disks start at sdb. */
  private static final int FIRST_DISK = 1;

  /** SCSI hosts 0 and 1 are the local controllers; every session adds one. */
  private static final int FIRST_SCSI_HOST = 2;

  final String name;
  final int addressOctet;
  final Map<String, NodeRecord> records = new TreeMap<>();
  final SortedSet<String> discoveryDb = new TreeSet<>();
  final List<Session> sessions = new ArrayList<>();
  final Map<String, MultipathMap> maps = new LinkedHashMap<>();
  final Map<String, Mount> mounts = new LinkedHashMap<>();
  final Set<String> directories = new HashSet<>();
  private int nextSid = 1;
  private int nextScsiHost = FIRST_SCSI_HOST;

  InitiatorHost(String name, int addressOctet) {
    this.name = name;
    this.addressOctet = addressOctet;
  }

  static String key(String iqn, Portal portal) {
    return iqn + " " + portal;
  }

  Optional<NodeRecord> record(String iqn, Portal portal) {
    return Optional.ofNullable(records.get(key(iqn, portal)));
  }

  /** The records iscsiadm's {@code -T} and {@code -p} select (each filter optional). */
  List<NodeRecord> matching(Optional<String> iqn, Optional<Portal> portal) {
    return records.values().stream()
        .filter(r -> iqn.isEmpty() || r.iqn.equals(iqn.get()))
        .filter(r -> portal.isEmpty() || r.portal.equals(portal.get()))
        .toList();
  }

  Optional<Session> session(String iqn, Portal portal) {
    return sessions.stream().filter(s -> s.iqn.equals(iqn) && s.portal.equals(portal)).findFirst();
  }

  int takeSid() {
    return nextSid++;
  }

  int takeScsiHost() {
    return nextScsiHost++;
  }

  /** The lowest sd index no disk uses (the kernel reuses freed names). */
  int freeDiskIndex() {
    Set<Integer> used = new HashSet<>();
    sessions.forEach(s -> s.disks.forEach(d -> used.add(d.index)));
    int index = FIRST_DISK;
    while (used.contains(index)) {
      index++;
    }
    return index;
  }

  /** The lowest dm minor no map uses. */
  int freeDmMinor() {
    Set<Integer> used = new HashSet<>();
    maps.values().forEach(m -> used.add(m.minor));
    int minor = 0;
    while (used.contains(minor)) {
      minor++;
    }
    return minor;
  }

  /** Every disk with its session, in login order. */
  Map<ScsiDisk, Session> paths(String wwid) {
    Map<ScsiDisk, Session> paths = new LinkedHashMap<>();
    for (Session session : sessions) {
      for (ScsiDisk disk : session.disks) {
        if (disk.lun.wwid().equals(wwid)) {
          paths.put(disk, session);
        }
      }
    }
    return paths;
  }

  Optional<Mount> mountOf(LunId lun) {
    return mounts.values().stream().filter(m -> m.lun().equals(lun)).findFirst();
  }

  /** The initiator's address on a portal's /24 (drbd01 is .21 on every storage network). */
  String addressFacing(Portal portal) {
    return portal.ip().substring(0, portal.ip().lastIndexOf('.') + 1) + addressOctet;
  }
}
