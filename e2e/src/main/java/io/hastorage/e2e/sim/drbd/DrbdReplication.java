package io.hastorage.e2e.sim.drbd;

import io.hastorage.e2e.sim.SimulatedNode;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;

/**
 * The DRBD resources replicated between the targets, as {@link
 * io.hastorage.e2e.sim.cluster.SimulatedCluster} is their cluster: each node's side (up, role, disk
 * state), the connection (Connected when both sides are up and both machines run), a resync that
 * completes after {@link #readsToSync()} reads of /proc/drbd, and the LVM data on each device.
 * Everything is guarded by one lock, taken before any node's own lock.
 */
public final class DrbdReplication implements SimulatedNode.DrbdDevices {

  /** Default number of /proc/drbd reads (on either node) a resync takes to complete. */
  public static final int DEFAULT_READS_TO_SYNC = 2;

  private final Object lock = new Object();
  private final Map<String, DrbdResource> resources = new LinkedHashMap<>();
  private final Set<String> hostsUp = new HashSet<>();
  private int readsToSync = DEFAULT_READS_TO_SYNC;

  /**
   * Binds the nodes' /proc/drbd to this state; every node counts as running until {@link
   * #hostDown}.
   */
  public DrbdReplication(List<SimulatedNode> nodes) {
    for (SimulatedNode node : nodes) {
      hostsUp.add(node.name());
      node.attachDrbdDevices(this);
    }
  }

  public int readsToSync() {
    synchronized (lock) {
      return readsToSync;
    }
  }

  /** Test switch: how many /proc/drbd reads a resync takes (at least 1). */
  public void setReadsToSync(int reads) {
    if (reads < 1) {
      throw new IllegalArgumentException("reads must be >= 1: " + reads);
    }
    synchronized (lock) {
      readsToSync = reads;
    }
  }

  /**
   * Test switch: the resource split-brains, as when both sides were Primary while disconnected:
   * both StandAlone with UpToDate disks of their own, and so it stays (a reconnect would detect the
   * split brain again) until {@link #clearSplitBrain}.
   */
  public void splitBrain(String resource) {
    withResource(
        resource,
        r -> {
          r.splitBrain = true;
          r.sides.values().forEach(s -> s.disk = DrbdSide.UP_TO_DATE);
          return null;
        });
  }

  /** Test switch: an administrator resolved the split brain (the sides may connect again). */
  public void clearSplitBrain(String resource) {
    withResource(
        resource,
        r -> {
          r.splitBrain = false;
          return null;
        });
  }

  /** The machine crashed: its DRBD devices are gone (down, Secondary); its disk keeps its state. */
  public void hostDown(String node) {
    synchronized (lock) {
      hostsUp.remove(node);
      for (DrbdResource resource : resources.values()) {
        Optional.ofNullable(resource.sides.get(node))
            .ifPresent(
                s -> {
                  s.up = false;
                  s.role = DrbdSide.SECONDARY;
                });
        resource.settle(hostsUp);
      }
    }
  }

  /** The machine booted; DRBD stays down until {@code drbdadm up}. */
  public void hostUp(String node) {
    synchronized (lock) {
      hostsUp.add(node);
    }
  }

  /** Inspection: the node's /proc/drbd device view of a resource ({@code cs}, {@code ro}, ...). */
  public Optional<String> connectionState(String node, String resource) {
    synchronized (lock) {
      return upSide(node, resource).map(r -> r.view(node, hostsUp, readsToSync).connection());
    }
  }

  /** Inspection: the node's role for a resource that is up there. */
  public Optional<String> role(String node, String resource) {
    synchronized (lock) {
      return upSide(node, resource).map(r -> r.sides.get(node).role);
    }
  }

  /** Inspection: the node's disk state (kept in its metadata, also while down). */
  public Optional<String> diskState(String node, String resource) {
    synchronized (lock) {
      return Optional.ofNullable(resources.get(resource))
          .map(r -> r.sides.get(node))
          .map(s -> s.disk);
    }
  }

  /** Inspection: the VG and LV names (with sizes in bytes) on a resource's device. */
  public Map<String, Long> logicalVolumes(String resource) {
    synchronized (lock) {
      Map<String, Long> lvs = new LinkedHashMap<>();
      Optional.ofNullable(resources.get(resource))
          .flatMap(r -> r.lvm)
          .ifPresent(
              l ->
                  l.lvs()
                      .forEach(
                          (lv, ext) ->
                              lvs.put(l.vg().orElse("") + "/" + lv, ext * LvmData.EXTENT_BYTES)));
      return lvs;
    }
  }

  @Override
  public String procDrbdLines(SimulatedNode node) {
    synchronized (lock) {
      List<DrbdResource> up = new ArrayList<>();
      resources.values().stream()
          .filter(r -> r.sides.containsKey(node.name()) && r.sides.get(node.name()).up)
          .sorted(Comparator.comparingInt(r -> r.sides.get(node.name()).minor))
          .forEach(up::add);
      List<DeviceView> views = new ArrayList<>();
      for (DrbdResource resource : up) {
        resource.settle(hostsUp);
        views.add(resource.view(node.name(), hostsUp, readsToSync));
        resource.advance(readsToSync);
      }
      return ProcDrbdFormat.render(views);
    }
  }

  private Optional<DrbdResource> upSide(String node, String resource) {
    return Optional.ofNullable(resources.get(resource))
        .filter(r -> r.sides.containsKey(node) && r.sides.get(node).up);
  }

  <T> T withResource(String resource, Function<DrbdResource, T> action) {
    synchronized (lock) {
      DrbdResource found = resources.get(resource);
      if (found == null) {
        throw new IllegalArgumentException("no replicated resource " + resource);
      }
      T result = action.apply(found);
      found.settle(hostsUp);
      return result;
    }
  }

  /** Like {@link #withResource}, for a resource that may not exist yet. */
  <T> Optional<T> withResourceIfPresent(String resource, Function<DrbdResource, Optional<T>> f) {
    synchronized (lock) {
      return Optional.ofNullable(resources.get(resource)).flatMap(f);
    }
  }

  /** create-md wrote fresh metadata on this node's backing disk: its side is Inconsistent. */
  void metadataCreated(String node, ResFile res, long usableKiB) {
    synchronized (lock) {
      DrbdResource resource =
          resources.computeIfAbsent(res.resource(), name -> new DrbdResource(name, usableKiB));
      resource.sides.put(node, new DrbdSide(node, res.minor(), res.disk()));
    }
  }

  /** Runs {@code action} under the lock with every resource; settles them after. */
  <T> T locked(Function<Map<String, DrbdResource>, T> action) {
    synchronized (lock) {
      T result = action.apply(resources);
      resources.values().forEach(r -> r.settle(hostsUp));
      return result;
    }
  }

  Set<String> hostsUp() {
    return hostsUp;
  }
}
