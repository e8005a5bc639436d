package io.hastorage.e2e.sim.initiator;

import io.hastorage.e2e.sim.DiskSignature;
import io.hastorage.e2e.sim.SimulatedNode;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Function;

/**
 * The storage network as the initiators see it: one state for the whole fleet, because every
 * initiator reaches the same LUNs. It holds
 *
 * <ul>
 *   <li>the LUNs' contents, by (IQN, LUN): size (20 GiB unless a test grows it) and what is written
 *       on them (blank, an OCFS2 volume mkfs.ocfs2 made, or a test's ext4 / foreign OCFS2);
 *   <li>each initiator's own state ({@link InitiatorHost}): node records, sessions, SCSI disks,
 *       multipath maps, mounts.
 * </ul>
 *
 * What is reachable is not stored: each command asks the targets' placement ({@link
 * TargetPlacement}) which target, LUs and VIPs run where, so a failover moves the portals and a
 * crash makes sessions FAILED until the group runs again somewhere. Everything is guarded by one
 * lock, taken before the cluster's and any node's own lock.
 */
public final class SimulatedSan {

  /** Size of a LUN until a test grows it: 20 GiB. */
  public static final long DEFAULT_LUN_BYTES = 20L << 30;

  private final Object lock = new Object();
  private final TargetPlacement placement;
  private final Map<LunId, LunDisk> disks = new HashMap<>();
  private final Map<String, InitiatorHost> hosts = new LinkedHashMap<>();

  public SimulatedSan(TargetPlacement placement) {
    this.placement = Objects.requireNonNull(placement, "placement");
  }

  /**
   * Makes {@code node} an initiator on the SAN. Its address on every storage network ends in 21 for
   * the first attached, 22 for the second, and so on (as in the example StorageCluster).
   */
  public void attach(SimulatedNode node) {
    synchronized (lock) {
      host(node.name());
    }
  }

  /**
   * The initiator crashed: what lived in its kernel (sessions, SCSI disks, multipath maps, mounts)
   * is gone; its node and discovery databases and directories are on disk and stay.
   */
  public void hostDown(String node) {
    synchronized (lock) {
      InitiatorHost host = host(node);
      host.sessions.clear();
      host.maps.clear();
      host.mounts.clear();
    }
  }

  /**
   * The initiator booted: when open-iscsi is installed and its open-iscsi.service enabled, every
   * record with node.startup = automatic logs in (fstab mounts are not started).
   */
  public void hostUp(SimulatedNode node) {
    boolean enabled =
        node.services()
            .get("open-iscsi.service")
            .map(u -> u.unitFileState().equals("enabled"))
            .orElse(false);
    if (enabled) {
      on(
          node,
          view -> {
            LoginCommands.loginAutomatic(view);
            return null;
          });
    }
  }

  /** The LUN's WWID, as multipath names the map and /dev/disk/by-id/dm-uuid-mpath-WWID. */
  public static String wwid(String iqn, int lun) {
    return new LunId(iqn, lun).wwid();
  }

  /** Inspection: the LUN's size on the targets. */
  public long lunSize(String iqn, int lun) {
    synchronized (lock) {
      return disk(new LunId(iqn, lun)).sizeBytes;
    }
  }

  /**
   * Test switch: the LUN grows (the LV under it was extended). Initiators see it after {@code
   * iscsiadm -m session --rescan}, their map after {@code multipathd resize map}.
   */
  public void growLun(String iqn, int lun, long bytes) {
    synchronized (lock) {
      LunDisk disk = disk(new LunId(iqn, lun));
      if (bytes < disk.sizeBytes) {
        throw new IllegalArgumentException("LUNs only grow: " + bytes + " < " + disk.sizeBytes);
      }
      disk.sizeBytes = bytes;
    }
  }

  /** Test switch: something other than OCFS2 is written on the LUN ({@link DiskSignature#ext4}). */
  public void writeSignature(String iqn, int lun, DiskSignature signature) {
    synchronized (lock) {
      disk(new LunId(iqn, lun)).write(signature);
    }
  }

  /** Test switch: an OCFS2 volume is on the LUN already (a foreign one, or one to adopt). */
  public void writeOcfs2(String iqn, int lun, Ocfs2Volume volume) {
    synchronized (lock) {
      disk(new LunId(iqn, lun)).format(volume);
    }
  }

  /** Inspection: the OCFS2 volume on the LUN. */
  public Optional<Ocfs2Volume> ocfs2(String iqn, int lun) {
    synchronized (lock) {
      return disk(new LunId(iqn, lun)).ocfs2();
    }
  }

  /** Inspection: everything blkid/wipefs find on the LUN, by offset. */
  public List<DiskSignature> signatures(String iqn, int lun) {
    synchronized (lock) {
      return disk(new LunId(iqn, lun)).signatures();
    }
  }

  /** Inspection: the initiators that have the LUN mounted. */
  public List<String> mountedOn(String iqn, int lun) {
    synchronized (lock) {
      LunId id = new LunId(iqn, lun);
      return hosts.values().stream()
          .filter(h -> h.mountOf(id).isPresent())
          .map(h -> h.name)
          .toList();
    }
  }

  /**
   * Runs a command's work on {@code node}'s view of the SAN under the lock; multipathd's maps are
   * brought up to date before and after.
   */
  <T> T on(SimulatedNode node, Function<HostView, T> action) {
    synchronized (lock) {
      HostView view = new HostView(this, host(node.name()), node);
      view.syncMaps();
      T result = action.apply(view);
      view.syncMaps();
      return result;
    }
  }

  Fabric fabric() {
    return Fabric.of(placement);
  }

  LunDisk disk(LunId lun) {
    return disks.computeIfAbsent(lun, id -> new LunDisk(DEFAULT_LUN_BYTES));
  }

  /** Initiators other than {@code host} that have the LUN mounted. */
  List<String> mountedElsewhere(InitiatorHost host, LunId lun) {
    return hosts.values().stream()
        .filter(h -> h != host && h.mountOf(lun).isPresent())
        .map(h -> h.name)
        .toList();
  }

  private InitiatorHost host(String name) {
    return hosts.computeIfAbsent(name, n -> new InitiatorHost(n, 21 + hosts.size()));
  }
}
