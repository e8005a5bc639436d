package io.hastorage.e2e.sim.drbd;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Set;

/**
 * One DRBD resource replicated between the targets: each node's side, the connection (which a cut
 * replication link breaks while both machines run), a running resync and the LVM data on the
 * device. Guarded by {@link DrbdReplication}'s lock.
 */
final class DrbdResource {

  static final String UNKNOWN_ROLE = "Unknown";
  static final String UNKNOWN_DISK = "DUnknown";

  /** A resync from {@code source}, {@code reads} /proc/drbd reads old. */
  private record Sync(String source, int reads) {}

  final String name;
  final long sizeKiB;
  final Map<String, DrbdSide> sides = new LinkedHashMap<>();
  boolean splitBrain;
  boolean linkDown;
  Optional<LvmData> lvm = Optional.empty();
  private Sync sync;

  DrbdResource(String name, long sizeKiB) {
    this.name = name;
    this.sizeKiB = sizeKiB;
  }

  Optional<DrbdSide> peer(String node) {
    return sides.values().stream().filter(s -> !s.node.equals(node)).findFirst();
  }

  boolean connected(Set<String> hostsUp) {
    return !splitBrain
        && !linkDown
        && sides.size() == 2
        && sides.values().stream().allMatch(s -> s.up && hostsUp.contains(s.node));
  }

  /**
   * Starts a resync where one side is UpToDate and the other not; aborts it when disconnected. An
   * Outdated peer disk vanishes on connection (the peer reports its real state).
   */
  void settle(Set<String> hostsUp) {
    if (!connected(hostsUp)) {
      sync = null;
      return;
    }
    sides.values().forEach(s -> s.peerOutdated = false);
    if (sync == null) {
      sides.values().stream()
          .filter(s -> s.disk.equals(DrbdSide.UP_TO_DATE))
          .filter(s -> peer(s.node).map(p -> p.disk.equals(DrbdSide.INCONSISTENT)).orElse(false))
          .findFirst()
          .ifPresent(source -> sync = new Sync(source.node, 0));
    }
  }

  /**
   * One /proc/drbd read went by: the resync moves on and completes after {@code readsToSync}.
   *
   * @return the node that was the SyncTarget, when the resync completed with this read
   */
  Optional<String> advance(int readsToSync) {
    if (sync == null) {
      return Optional.empty();
    }
    sync = new Sync(sync.source(), sync.reads() + 1);
    if (sync.reads() < readsToSync) {
      return Optional.empty();
    }
    Optional<String> target = peer(sync.source()).map(s -> s.node);
    sides.values().forEach(s -> s.disk = DrbdSide.UP_TO_DATE);
    sync = null;
    return target;
  }

  /**
   * The side whose kernel runs the fence-peer handler when the connection goes: the Primary, if its
   * data is its own (the kernel skips fencing when it is not even Consistent itself).
   */
  Optional<DrbdSide> fencingSide() {
    return sides.values().stream()
        .filter(DrbdSide::primary)
        .filter(s -> s.disk.equals(DrbdSide.UP_TO_DATE))
        .findFirst();
  }

  /**
   * The replication link is back. A Primary that lost its peer started a new data generation (DRBD
   * 8.4 drbd_state.c, "lost contact to peer's copy of the data": a new current UUID), so the
   * handshake finds the peer's data older and resyncs it from the Primary, whether or not anything
   * was written meanwhile: the peer is the SyncTarget and Inconsistent until the resync ends.
   */
  void linkRestored(Set<String> hostsUp) {
    linkDown = false;
    fencingSide()
        .flatMap(primary -> peer(primary.node))
        .filter(peer -> !peer.primary())
        .ifPresent(peer -> rejoined(peer.node, hostsUp));
  }

  /**
   * {@code node}'s side is connected again after it was away (its machine down, or the link cut):
   * facing a Primary, which started a new data generation when it lost this side, it becomes the
   * SyncTarget.
   */
  void rejoined(String node, Set<String> hostsUp) {
    if (connected(hostsUp)
        && peer(node).map(p -> p.primary() && p.disk.equals(DrbdSide.UP_TO_DATE)).orElse(false)) {
      sides.get(node).disk = DrbdSide.INCONSISTENT;
    }
    settle(hostsUp);
  }

  boolean syncing() {
    return sync != null;
  }

  DeviceView view(String node, Set<String> hostsUp, int readsToSync) {
    DrbdSide me = sides.get(node);
    boolean connected = connected(hostsUp);
    DrbdSide peer = connected ? peer(node).orElseThrow() : null;
    String connection = splitBrain ? "StandAlone" : connected ? "Connected" : "WFConnection";
    OptionalInt permille = OptionalInt.empty();
    long oos = me.disk.equals(DrbdSide.UP_TO_DATE) ? 0 : sizeKiB;
    if (sync != null) {
      connection = sync.source().equals(node) ? "SyncSource" : "SyncTarget";
      int done = (int) ((sync.reads() + 1) * 1000L / (readsToSync + 1));
      permille = OptionalInt.of(done);
      oos = (sizeKiB * (1000 - done) / 1000) & ~3L;
    }
    return new DeviceView(
        me.minor,
        connection,
        me.role,
        peer == null ? UNKNOWN_ROLE : peer.role,
        me.disk,
        peer != null ? peer.disk : me.peerOutdated ? DrbdSide.OUTDATED : UNKNOWN_DISK,
        !splitBrain,
        sizeKiB,
        oos,
        permille);
  }
}
