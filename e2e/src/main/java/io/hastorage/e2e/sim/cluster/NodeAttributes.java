package io.hastorage.e2e.sim.cluster;

import org.w3c.dom.Element;

/** Permanent node attributes ({@code standby}, {@code maintenance}) from the nodes section. */
final class NodeAttributes {

  private NodeAttributes() {}

  /** Whether node {@code id} has attribute {@code name} set to a true value. */
  static boolean isOn(Cib cib, String id, String name) {
    return CibXml.children(cib.section("nodes").orElseThrow()).stream()
        .filter(node -> node.getAttribute("id").equals(id))
        .flatMap(node -> CibXml.children(node).stream())
        .filter(set -> set.getTagName().equals("instance_attributes"))
        .flatMap(set -> CibXml.children(set).stream())
        .filter(nv -> nv.getAttribute("name").equals(name))
        .map(NodeAttributes::value)
        .anyMatch(ClusterOptions::isTrue);
  }

  private static String value(Element nvpair) {
    return nvpair.getAttribute("value");
  }
}
