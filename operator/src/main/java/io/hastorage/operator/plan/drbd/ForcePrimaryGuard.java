package io.hastorage.operator.plan.drbd;

import io.hastorage.operator.observe.NodeFacts;
import io.hastorage.operator.observe.drbd.DrbdDeviceState;
import io.hastorage.operator.observe.drbd.DrbdKernelStatus;
import io.hastorage.operator.plan.Decision;
import io.hastorage.operator.plan.Guard;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;

/**
 * May {@code drbdadm primary --force} run? Only for the very first sync of a brand-new resource, on
 * the spec's named initial primary, when both sides are Inconsistent:
 *
 * <ol>
 *   <li>this node is the spec's initialPrimary;
 *   <li>the node's DRBD state could be read and lists every minor of the resource;
 *   <li>every minor is Connected (so the peer's disk state is known, not guessed), both roles are
 *       Secondary, and both disks are Inconsistent.
 * </ol>
 *
 * After a forced promotion the forced side is UpToDate at once, so a crash during the first sync
 * leaves a state this guard refuses: the sync resumes by itself and the force is never repeated.
 */
public final class ForcePrimaryGuard implements Guard {

  public static final String NOT_INITIAL = "NotInitialPrimary";
  public static final String UNKNOWN = "DrbdStateUnknown";
  public static final String PEER_UNKNOWN = "PeerNotConnected";
  public static final String DATA_PRESENT = "ResourceHasData";

  private static final String INCONSISTENT = "Inconsistent";

  /** Connection states in which the peer is connected and its disk state is known. */
  private static final java.util.Set<String> CONNECTED_STATES =
      java.util.Set.of(
          "Connected",
          "Established",
          "SyncSource",
          "SyncTarget",
          "PausedSyncS",
          "PausedSyncT",
          "VerifyS",
          "VerifyT",
          "WFBitMapS",
          "WFBitMapT",
          "WFSyncUUID",
          "StartingSyncS",
          "StartingSyncT");

  private final String initialPrimary;
  private final List<Integer> minors;
  private final Function<NodeFacts, Optional<DrbdKernelStatus>> state;

  public ForcePrimaryGuard(
      String initialPrimary,
      List<Integer> minors,
      Function<NodeFacts, Optional<DrbdKernelStatus>> state) {
    this.initialPrimary = initialPrimary;
    this.minors = List.copyOf(minors);
    this.state = state;
  }

  @Override
  public Decision check(NodeFacts facts) {
    if (!facts.nodeName().equals(initialPrimary)) {
      return Decision.refuse(
          NOT_INITIAL,
          facts.nodeName()
              + " is not the initial primary ("
              + initialPrimary
              + "); only that node may start the first sync");
    }
    Optional<DrbdKernelStatus> status = state.apply(facts);
    if (status.isEmpty()) {
      return Decision.refuse(
          UNKNOWN, facts.nodeName() + ": DRBD state could not be read; no forced promotion");
    }
    for (int minor : minors) {
      Optional<DrbdDeviceState> device =
          status.get().devices().stream().filter(d -> d.minor() == minor).findFirst();
      Decision decision =
          device
              .map(d -> checkDevice(facts.nodeName(), d))
              .orElseGet(
                  () ->
                      Decision.refuse(
                          UNKNOWN,
                          facts.nodeName() + ": /dev/drbd" + minor + " is not configured"));
      if (!decision.allowed()) {
        return decision;
      }
    }
    return Decision.allow();
  }

  private static Decision checkDevice(String node, DrbdDeviceState device) {
    String where = node + ": /dev/drbd" + device.minor();
    if (!CONNECTED_STATES.contains(device.connectionState())) {
      return Decision.refuse(
          PEER_UNKNOWN,
          where
              + " is "
              + device.connectionState()
              + "; the peer's data must be known Inconsistent before forcing a primary");
    }
    boolean fresh =
        INCONSISTENT.equals(device.localDisk())
            && INCONSISTENT.equals(device.peerDisk())
            && "Secondary".equals(device.localRole())
            && "Secondary".equals(device.peerRole());
    if (!fresh) {
      return Decision.refuse(
          DATA_PRESENT,
          where
              + " is "
              + device.localRole()
              + "/"
              + device.peerRole()
              + " "
              + device.localDisk()
              + "/"
              + device.peerDisk()
              + ": the first sync already happened, so primary --force is never run again");
    }
    return Decision.allow();
  }
}
