package io.hastorage.e2e.sim.cluster;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * The parts of a corosync.conf that the simulated cluster acts on: the cluster name, the transport,
 * the node list (name, nodeid, one address per link) and votequorum's two_node / wait_for_all /
 * expected_votes. Parsed with corosync's syntax ({@code section {}}, {@code key: value}, {@code #}
 * comments); anything else in the file is ignored.
 */
final class CorosyncConf {

  /** Thrown for a file corosync would refuse; the message is what corosync logs. */
  static final class InvalidConf extends Exception {
    private static final long serialVersionUID = 1L;

    InvalidConf(String message) {
      super(message);
    }
  }

  /** One nodelist entry; {@code links} maps link number to {@code ringN_addr}. */
  record Node(String name, int nodeid, Map<Integer, String> links) {
    Node {
      links = Map.copyOf(links);
    }
  }

  private final String clusterName;
  private final String transport;
  private final List<Node> nodes;
  private final Map<Integer, String> knetTransports;
  private final boolean twoNode;
  private final boolean waitForAll;
  private final int expectedVotes;

  private CorosyncConf(ConfParser.Section root) throws InvalidConf {
    ConfParser.Section totem = root.child("totem");
    this.clusterName = totem.value("cluster_name").orElse("");
    this.transport = totem.value("transport").orElse("knet");
    this.knetTransports = knetTransports(totem);
    this.nodes = nodes(root.child("nodelist"), transport);
    ConfParser.Section quorum = root.child("quorum");
    this.twoNode = flag(quorum.value("two_node").orElse("0"));
    this.waitForAll = flag(quorum.value("wait_for_all").orElse(twoNode ? "1" : "0"));
    this.expectedVotes = integer(quorum, "expected_votes", nodes.size());
  }

  static CorosyncConf parse(String text) throws InvalidConf {
    return new CorosyncConf(ConfParser.parse(text));
  }

  String clusterName() {
    return clusterName;
  }

  String transport() {
    return transport;
  }

  /** Nodes in nodeid order. */
  List<Node> nodes() {
    return nodes;
  }

  /**
   * The entry for a host: its {@code name}, or else its {@code ring0_addr}, equals the hostname.
   */
  Optional<Node> node(String hostname) {
    Optional<Node> byName = nodes.stream().filter(n -> n.name().equals(hostname)).findFirst();
    return byName.or(
        () -> nodes.stream().filter(n -> hostname.equals(n.links().get(0))).findFirst());
  }

  /** The knet transport of a link ({@code udp} unless totem.interface says otherwise). */
  String linkTransport(int link) {
    return knetTransports.getOrDefault(link, "udp");
  }

  boolean twoNode() {
    return twoNode;
  }

  boolean waitForAll() {
    return waitForAll;
  }

  int expectedVotes() {
    return expectedVotes;
  }

  private static Map<Integer, String> knetTransports(ConfParser.Section totem) throws InvalidConf {
    Map<Integer, String> transports = new TreeMap<>();
    for (ConfParser.Section iface : totem.children("interface")) {
      int link = integer(iface, "linknumber", 0);
      iface.value("knet_transport").ifPresent(t -> transports.put(link, t));
    }
    return transports;
  }

  private static List<Node> nodes(ConfParser.Section nodelist, String transport)
      throws InvalidConf {
    List<Node> nodes = new ArrayList<>();
    int index = 0;
    for (ConfParser.Section entry : nodelist.children("node")) {
      Map<Integer, String> links = new TreeMap<>();
      for (Map.Entry<String, String> kv : entry.values().entrySet()) {
        if (kv.getKey().matches("ring[0-7]_addr")) {
          links.put(kv.getKey().charAt(4) - '0', kv.getValue());
        }
      }
      if (entry.value("nodeid").isEmpty() && transport.equals("knet")) {
        throw new InvalidConf("nodelist.node." + index + ".nodeid is required for transport knet");
      }
      int nodeid = integer(entry, "nodeid", index + 1);
      String name = entry.value("name").orElse(links.getOrDefault(0, ""));
      nodes.add(new Node(name, nodeid, links));
      index++;
    }
    if (nodes.isEmpty()) {
      throw new InvalidConf("No nodelist defined or nodelist is empty");
    }
    nodes.sort(Comparator.comparingInt(Node::nodeid));
    return List.copyOf(nodes);
  }

  private static boolean flag(String value) {
    return value.equals("1") || value.equalsIgnoreCase("yes") || value.equalsIgnoreCase("on");
  }

  private static int integer(ConfParser.Section section, String key, int fallback)
      throws InvalidConf {
    Optional<String> value = section.value(key);
    if (value.isEmpty()) {
      return fallback;
    }
    try {
      return Integer.parseInt(value.get());
    } catch (NumberFormatException e) {
      throw new InvalidConf("Value of " + key + " must be integer, not '" + value.get() + "'");
    }
  }
}
