package io.hastorage.operator.plan.corosync;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Parses {@code corosync-cfgtool -s} of Corosync 3 (knet), e.g.
 *
 * <pre>
 * Local node ID 1, transport knet
 * LINK ID 0 udp
 * \taddr\t= 10.99.0.11
 * \tstatus:
 * \t\tnodeid:          1:\tlocalhost
 * \t\tnodeid:          2:\tconnected
 * </pre>
 *
 * Lines it does not know (a tool error, the brief {@code -b} form, Corosync 2's RING ID output) are
 * skipped, so such input parses to no links, which {@link LinkStatus#allPeersConnected(List)}
 * reports as unhealthy. Whitespace is matched loosely: the tool pads node ids to a fixed width and
 * mixes tabs and spaces, and prints the transport after "LINK ID n" only for some transports.
 */
public final class CorosyncLinkStatusParser {

  private static final Pattern LOCAL_NODE =
      Pattern.compile("^Local node ID (\\d+), transport (\\S+)\\s*$");
  private static final Pattern LINK = Pattern.compile("^LINK ID (\\d+)(?:\\s+\\S+)?\\s*$");
  private static final Pattern ADDR = Pattern.compile("^\\s*addr\\s*=\\s*(\\S+)\\s*$");
  private static final Pattern NODE = Pattern.compile("^\\s*nodeid:\\s*(\\d+):\\s*(\\S+)\\s*$");

  /** The first line of the output: who "localhost" is, and the transport. */
  public record LocalNode(int nodeId, String transport) {}

  private CorosyncLinkStatusParser() {}

  /**
   * The links in the order the tool printed them.
   *
   * @throws NumberFormatException for a node id beyond 32 bits, which corosync never prints
   */
  public static List<LinkStatus> parse(String output) {
    List<LinkStatus> links = new ArrayList<>();
    Integer linkId = null;
    String address = "";
    Map<Integer, String> peers = new LinkedHashMap<>();
    for (String line : output.split("\\R")) {
      Matcher link = LINK.matcher(line);
      Matcher addr = ADDR.matcher(line);
      Matcher node = NODE.matcher(line);
      if (link.matches()) {
        if (linkId != null) {
          links.add(new LinkStatus(linkId, address, peers));
        }
        linkId = Integer.parseInt(link.group(1));
        address = "";
        peers = new LinkedHashMap<>();
      } else if (linkId != null && addr.matches()) {
        address = addr.group(1);
      } else if (linkId != null && node.matches()) {
        peers.put(nodeId(node.group(1)), node.group(2));
      }
    }
    if (linkId != null) {
      links.add(new LinkStatus(linkId, address, peers));
    }
    return links;
  }

  /** The "Local node ID n, transport t" line, if the output has one. */
  public static Optional<LocalNode> localNode(String output) {
    for (String line : output.split("\\R")) {
      Matcher m = LOCAL_NODE.matcher(line);
      if (m.matches()) {
        return Optional.of(new LocalNode(nodeId(m.group(1)), m.group(2)));
      }
    }
    return Optional.empty();
  }

  /** Corosync node ids are unsigned 32-bit; ids above 2^31 - 1 come out negative, never lost. */
  private static int nodeId(String digits) {
    return Integer.parseUnsignedInt(digits);
  }
}
