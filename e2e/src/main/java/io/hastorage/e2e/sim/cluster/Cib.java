package io.hastorage.e2e.sim.cluster;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.w3c.dom.Document;
import org.w3c.dom.Element;

/**
 * The cluster's CIB as a DOM document, starting from what {@code cibadmin --empty} prints. Holds
 * the configuration only: the status section is rendered from the cluster's state when queried.
 * Every change goes through {@link #recordChange}, which bumps the epoch as the CIB manager does.
 * Not thread-safe: {@link SimulatedCluster} guards it.
 */
final class Cib {

  static final String FEATURE_SET = "3.16.1";
  static final String SCHEMA = "pacemaker-3.9";
  static final String BOOTSTRAP = "cib-bootstrap-options";
  static final List<String> SECTIONS = List.of("crm_config", "nodes", "resources", "constraints");

  private static final String EMPTY =
      "<cib crm_feature_set=\""
          + FEATURE_SET
          + "\" validate-with=\""
          + SCHEMA
          + "\" epoch=\"1\" num_updates=\"0\" admin_epoch=\"0\"><configuration><crm_config/>"
          + "<nodes/><resources/><constraints/></configuration><status/></cib>";

  private final Document document;

  Cib() {
    try {
      document = CibXml.parse(EMPTY);
    } catch (CibXml.InvalidXml e) {
      throw new IllegalStateException("empty CIB does not parse", e);
    }
  }

  Document document() {
    return document;
  }

  Element root() {
    return document.getDocumentElement();
  }

  Element configuration() {
    return child(root(), "configuration").orElseThrow();
  }

  /** A section of the configuration ({@code resources}) or the {@code status} section. */
  Optional<Element> section(String name) {
    return name.equals("status") ? child(root(), "status") : child(configuration(), name);
  }

  int epoch() {
    return Integer.parseInt(root().getAttribute("epoch"));
  }

  /** A configuration change: epoch + 1, num_updates 0, and who wrote it when. */
  void recordChange(String origin, String client, String user, Instant when) {
    Element root = root();
    root.setAttribute("epoch", Integer.toString(epoch() + 1));
    root.setAttribute("num_updates", "0");
    root.setAttribute("cib-last-written", ClusterTime.ctime(when));
    root.setAttribute("update-origin", origin);
    root.setAttribute("update-client", client);
    root.setAttribute("update-user", user);
  }

  /** A deep copy of a foreign element, owned by this document (not yet attached). */
  Element adopt(Element foreign) {
    return (Element) document.importNode(foreign, true);
  }

  /** Every {@code id} in the configuration, in document order (duplicates kept). */
  List<String> configurationIds() {
    List<String> ids = new ArrayList<>();
    collectIds(configuration(), ids);
    return ids;
  }

  static void collectIds(Element element, List<String> ids) {
    if (element.hasAttribute("id")) {
      ids.add(element.getAttribute("id"));
    }
    CibXml.children(element).forEach(child -> collectIds(child, ids));
  }

  /** The value of a cluster option from the cib-bootstrap-options set. */
  Optional<String> property(String name) {
    return bootstrapSet().flatMap(set -> nvpair(set, name)).map(nv -> nv.getAttribute("value"));
  }

  /** Sets a cluster option, creating the set and the nvpair as needed; true when it changed. */
  boolean setProperty(String name, String value) {
    Element set = bootstrapSet().orElseGet(this::createBootstrapSet);
    Optional<Element> existing = nvpair(set, name);
    if (existing.isPresent()) {
      if (existing.get().getAttribute("value").equals(value)) {
        return false;
      }
      existing.get().setAttribute("value", value);
      return true;
    }
    Element nvpair = document.createElement("nvpair");
    nvpair.setAttribute("id", BOOTSTRAP + "-" + name);
    nvpair.setAttribute("name", name);
    nvpair.setAttribute("value", value);
    set.appendChild(nvpair);
    return true;
  }

  /** Removes a cluster option; true when there was one. */
  boolean deleteProperty(String name) {
    Optional<Element> nvpair = bootstrapSet().flatMap(set -> nvpair(set, name));
    nvpair.ifPresent(nv -> nv.getParentNode().removeChild(nv));
    return nvpair.isPresent();
  }

  /** Adds {@code <node id uname/>} unless a node with that id is there; true when added. */
  boolean ensureNode(int id, String uname) {
    Element nodes = section("nodes").orElseThrow();
    String nodeId = Integer.toString(id);
    if (CibXml.children(nodes).stream().anyMatch(n -> n.getAttribute("id").equals(nodeId))) {
      return false;
    }
    Element node = document.createElement("node");
    node.setAttribute("id", nodeId);
    node.setAttribute("uname", uname);
    nodes.appendChild(node);
    return true;
  }

  /** The configured nodes as (id, uname), in CIB order. */
  List<String[]> nodes() {
    return CibXml.children(section("nodes").orElseThrow()).stream()
        .map(n -> new String[] {n.getAttribute("id"), n.getAttribute("uname")})
        .toList();
  }

  private Optional<Element> bootstrapSet() {
    return CibXml.children(section("crm_config").orElseThrow()).stream()
        .filter(set -> set.getAttribute("id").equals(BOOTSTRAP))
        .findFirst();
  }

  private Element createBootstrapSet() {
    Element set = document.createElement("cluster_property_set");
    set.setAttribute("id", BOOTSTRAP);
    section("crm_config").orElseThrow().appendChild(set);
    return set;
  }

  private static Optional<Element> nvpair(Element set, String name) {
    return CibXml.children(set).stream()
        .filter(nv -> nv.getTagName().equals("nvpair") && nv.getAttribute("name").equals(name))
        .findFirst();
  }

  static Optional<Element> child(Element parent, String tag) {
    return CibXml.children(parent).stream().filter(c -> c.getTagName().equals(tag)).findFirst();
  }
}
