package io.hastorage.e2e.sim.drbd;

import io.hastorage.e2e.sim.DiskSignature;
import io.hastorage.e2e.sim.SimulatedNode;
import io.hastorage.e2e.sim.cluster.DrbdRoles;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;

/**
 * The DRBD resources replicated between the targets, as {@link
 * io.hastorage.e2e.sim.cluster.SimulatedCluster} is their cluster: each node's side (up, role, disk
 * state), the connection (Connected when both sides are up and both machines run), a resync that
 * completes after {@link #readsToSync()} reads of /proc/drbd, and the LVM data on each device.
 * Everything is guarded by one lock, taken before any node's own lock.
 *
 * <p>The resources are configured with the operator's {@code split-brain} handler: a detected split
 * brain leaves a marker file on the nodes that detected it ({@link #SPLIT_BRAIN_MARKER_DIR}). Their
 * {@code fence-peer} and {@code after-resync-target} handlers, when the resource file names
 * drbd-utils' crm scripts, run through {@link PeerFencing}: when the replication link is cut
 * ({@link #linkDown}) and after the resync that follows its return.
 */
public final class DrbdReplication implements SimulatedNode.DrbdDevices, DrbdRoles {

  /** Default number of /proc/drbd reads (on either node) a resync takes to complete. */
  public static final int DEFAULT_READS_TO_SYNC = 2;

  /**
   * Where the operator's {@code split-brain} handler ({@code mkdir -p DIR && date -u
   * +%Y-%m-%dT%H:%M:%SZ > DIR/RES}) leaves its marker: one file per resource, holding the UTC time
   * of the detection on one line ({@code 2026-11-25T10:00:00Z}), mode 0644.
   */
  public static final String SPLIT_BRAIN_MARKER_DIR =
      io.hastorage.operator.plan.drbd.SplitBrainMarker.DIRECTORY;

  private static final DateTimeFormatter DATE_U =
      DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss'Z'").withZone(ZoneOffset.UTC);

  private final Object lock = new Object();
  private final Map<String, SimulatedNode> nodes = new LinkedHashMap<>();
  private final Map<String, DrbdResource> resources = new LinkedHashMap<>();
  private final Set<String> hostsUp = new HashSet<>();
  private int readsToSync = DEFAULT_READS_TO_SYNC;
  private Clock clock = Clock.systemUTC();
  private volatile PeerFencing peerFencing = PeerFencing.NONE;

  /**
   * Binds the nodes' /proc/drbd to this state; every node counts as running until {@link
   * #hostDown}.
   */
  public DrbdReplication(List<SimulatedNode> nodes) {
    for (SimulatedNode node : nodes) {
      this.nodes.put(node.name(), node);
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

  /** Binds the resources' fence-peer and after-resync-target handlers (the cluster's). */
  public void attachPeerFencing(PeerFencing fencing) {
    this.peerFencing = Objects.requireNonNull(fencing, "fencing");
  }

  /** The marker file the {@code split-brain} handler writes for {@code resource}. */
  public static String splitBrainMarker(String resource) {
    return SPLIT_BRAIN_MARKER_DIR + "/" + resource;
  }

  /** Test switch: the clock the {@code split-brain} handler's {@code date -u} reads (UTC now). */
  public void setClock(Clock clock) {
    synchronized (lock) {
      this.clock = Objects.requireNonNull(clock, "clock");
    }
  }

  /**
   * Test switch: the resource split-brains, as when both sides were Primary while disconnected:
   * both StandAlone with UpToDate disks of their own, and so it stays (a reconnect would detect the
   * split brain again) until {@link #clearSplitBrain}. Every node whose side is up detected it: its
   * {@code split-brain} handler writes {@link #splitBrainMarker} with the clock's time.
   */
  public void splitBrain(String resource) {
    withResource(
        resource,
        r -> {
          r.splitBrain = true;
          r.sides.values().forEach(s -> s.disk = DrbdSide.UP_TO_DATE);
          byte[] now = (DATE_U.format(clock.instant()) + "\n").getBytes(StandardCharsets.UTF_8);
          r.sides.values().stream()
              .filter(s -> s.up)
              .map(s -> nodes.get(s.node))
              .filter(Objects::nonNull)
              .forEach(n -> n.writeFile(splitBrainMarker(resource), now, "0644"));
          return null;
        });
  }

  /**
   * Test switch: an administrator resolved the split brain (the sides may connect again). The
   * markers stay: removing them is the administrator's last step, never DRBD's nor the operator's.
   */
  public void clearSplitBrain(String resource) {
    withResource(
        resource,
        r -> {
          r.splitBrain = false;
          return null;
        });
  }

  /**
   * Test switch: the replication link of {@code resource} is cut while both machines and their
   * cluster stay up. As DRBD 8.4 does: both sides go to WFConnection with the peer's role Unknown;
   * the Primary's kernel (only the Primary's) calls its {@code fence-peer} handler, and when that
   * fences the peer (crm-fence-peer.sh placed its constraint: exit code 4) it shows the peer's disk
   * as Outdated, else DUnknown. Nothing outdates the Secondary's own disk: crm-fence-peer.sh keeps
   * it from promotion through the CIB, so it still shows UpToDate/DUnknown. Not modelled: the
   * Primary's I/O freeze while the handler runs (resource-and-stonith).
   */
  public void linkDown(String resource) {
    Optional<String> fencing =
        withResource(
            resource,
            r -> {
              r.linkDown = true;
              return r.fencingSide().map(s -> s.node);
            });
    fencing
        .filter(node -> handlers(node, resource).fencesPeer())
        .ifPresent(
            node -> {
              boolean fenced = peerFencing.fencePeer(node, resource);
              withResource(
                  resource,
                  r -> {
                    DrbdSide side = r.sides.get(node);
                    if (r.linkDown && side != null && side.primary()) {
                      side.peerOutdated = fenced;
                    }
                    return null;
                  });
            });
  }

  /**
   * Test switch: the replication link is back. The sides connect; if one was Primary they resync
   * from it (see {@link DrbdResource#linkRestored}), and once the SyncTarget is UpToDate its {@code
   * after-resync-target} handler runs (crm-unfence-peer.sh removes the constraint).
   */
  public void linkUp(String resource) {
    withResource(
        resource,
        r -> {
          r.linkRestored(hostsUp);
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
  @Override
  public Optional<String> role(String node, String resource) {
    synchronized (lock) {
      return upSide(node, resource).map(r -> r.sides.get(node).role);
    }
  }

  /**
   * What the linbit agent's promote does for Pacemaker ({@code drbdadm primary RES}): the node's
   * side becomes Primary if it is up, UpToDate and no other side is Primary. The cluster's failover
   * calls it ({@link io.hastorage.e2e.sim.cluster.SimulatedCluster#failover}).
   *
   * @return whether the side is Primary now
   */
  @Override
  public boolean promote(String node, String resource) {
    synchronized (lock) {
      DrbdResource found = resources.get(resource);
      DrbdSide side = found == null ? null : found.sides.get(node);
      if (side == null || !side.up) {
        return false;
      }
      boolean otherPrimary = found.sides.values().stream().anyMatch(s -> s != side && s.primary());
      if (side.primary() || (!otherPrimary && side.disk.equals(DrbdSide.UP_TO_DATE))) {
        side.role = DrbdSide.PRIMARY;
        found.settle(hostsUp);
        return true;
      }
      return false;
    }
  }

  /**
   * What the linbit agent's start does when Pacemaker starts the clone instance on a node that
   * booted ({@code drbdadm up RES}): the node's side comes up as Secondary and connects. A Primary
   * peer lost contact with this side while it was away and started a new data generation, so this
   * side resyncs from it (SyncTarget, Inconsistent until done), as after a cut link.
   */
  @Override
  public void start(String node, String resource) {
    synchronized (lock) {
      DrbdResource found = resources.get(resource);
      DrbdSide side = found == null ? null : found.sides.get(node);
      if (side == null || side.up || !hostsUp.contains(node)) {
        return;
      }
      side.up = true;
      side.role = DrbdSide.SECONDARY;
      found.rejoined(node, hostsUp);
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

  /** Inspection: the resources that have metadata on at least one node. */
  public List<String> resourceNames() {
    synchronized (lock) {
      return List.copyOf(resources.keySet());
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
    Map<String, String> resynced = new LinkedHashMap<>();
    String text;
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
        resource.advance(readsToSync).ifPresent(target -> resynced.put(resource.name, target));
      }
      text = ProcDrbdFormat.render(views);
    }
    resynced.forEach(
        (resource, target) -> {
          if (handlers(target, resource).unfencesAfterResync()) {
            peerFencing.afterResyncTarget(target, resource);
          }
        });
    return text;
  }

  /** The handlers the node's resource file configures. */
  private ResHandlers handlers(String node, String resource) {
    return ResHandlers.of(
        Optional.ofNullable(nodes.get(node)).flatMap(n -> n.readText(ResFile.path(resource))));
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

  /** Whether the node's side of the resource is up (its minor attached: drbdmeta refuses). */
  boolean sideUp(String node, String resource) {
    synchronized (lock) {
      return upSide(node, resource).isPresent();
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

  /**
   * wipe-md zeroed this node's metadata block: the drbd signature leaves its backing disk and its
   * side leaves the resource (the resource goes once no side is left; the peer waits for a
   * connection). With internal metadata the device's data starts at offset 0 of the backing disk,
   * so the disk now shows the PV label when the device held LVM. (The simulation assumes every side
   * holds that label: a resync copies the first blocks first, and writes made while connected reach
   * both sides.)
   *
   * @return false, changing nothing, when the side is up after all (checked again under the lock)
   */
  boolean metadataWiped(SimulatedNode node, ResFile res) {
    synchronized (lock) {
      DrbdResource resource = resources.get(res.resource());
      DrbdSide side = resource == null ? null : resource.sides.get(node.name());
      if (side != null && side.up) {
        return false;
      }
      node.disks().erase(res.disk(), "drbd");
      if (side == null) {
        return true;
      }
      resource.sides.remove(node.name());
      resource.lvm.ifPresent(
          l -> node.disks().sign(res.disk(), DiskSignature.lvm2Member(l.pvUuid)));
      if (resource.sides.isEmpty()) {
        resources.remove(res.resource());
      } else {
        resource.settle(hostsUp);
      }
      return true;
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
