package io.hastorage.operator.plan.corosync;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * One knet link as {@code corosync-cfgtool -s} shows it from the local node.
 *
 * @param linkId the knet link number
 * @param localAddress this node's address on the link
 * @param peers every node's state on this link by nodeid, in the tool's order: {@link #LOCALHOST}
 *     for the local node itself, {@link #CONNECTED} or {@link #DISCONNECTED} for the others
 */
public record LinkStatus(int linkId, String localAddress, Map<Integer, String> peers) {

  public static final String LOCALHOST = "localhost";
  public static final String CONNECTED = "connected";
  public static final String DISCONNECTED = "disconnected";

  public LinkStatus {
    Objects.requireNonNull(localAddress, "localAddress");
    peers = Collections.unmodifiableMap(new LinkedHashMap<>(peers));
  }

  /** Whether every node on this link is connected (the local node counts as connected). */
  public boolean allPeersConnected() {
    return !peers.isEmpty()
        && peers.values().stream().allMatch(s -> LOCALHOST.equals(s) || CONNECTED.equals(s));
  }

  /**
   * Whether every peer on every link is connected. No links at all is not healthy: it is what an
   * error message or a stopped corosync parses to.
   */
  public static boolean allPeersConnected(List<LinkStatus> links) {
    return !links.isEmpty() && links.stream().allMatch(LinkStatus::allPeersConnected);
  }
}
