package io.hastorage.e2e.sim.cluster;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.w3c.dom.Element;

/**
 * A small part of Pacemaker's pacemaker-3.9 schema, enough to reject the mistakes a generator
 * makes: which elements a configuration section may hold, the elements that need an {@code id}, the
 * attributes a primitive needs, and that ids are unique across the configuration (they are {@code
 * xsd:ID} in the schema). Everything else the real schema checks is accepted.
 */
final class CibSchema {

  private static final Map<String, Set<String>> SECTION_CHILDREN =
      Map.of(
          "resources", Set.of("primitive", "group", "clone", "master", "bundle", "template"),
          "constraints", Set.of("rsc_location", "rsc_colocation", "rsc_order", "rsc_ticket"),
          "crm_config", Set.of("cluster_property_set"),
          "nodes", Set.of("node"));

  private static final Set<String> NEED_ID =
      Set.of(
          "primitive",
          "group",
          "clone",
          "master",
          "bundle",
          "template",
          "rsc_location",
          "rsc_colocation",
          "rsc_order",
          "rsc_ticket",
          "op",
          "nvpair",
          "meta_attributes",
          "instance_attributes",
          "utilization",
          "cluster_property_set",
          "rule",
          "expression",
          "resource_set",
          "node");

  private CibSchema() {}

  /**
   * Why placing {@code element} under {@code parent} would not validate, given the ids the rest of
   * the configuration keeps ({@code otherIds}); empty when it would.
   */
  static Optional<String> check(Element parent, Element element, List<String> otherIds) {
    Set<String> allowed = SECTION_CHILDREN.get(parent.getTagName());
    boolean isSection =
        parent.getParentNode() instanceof Element grand
            && grand.getTagName().equals("configuration");
    if (isSection && allowed != null && !allowed.contains(element.getTagName())) {
      return Optional.of(
          "element " + element.getTagName() + " is not allowed in " + parent.getTagName());
    }
    Optional<String> structural = structure(element);
    if (structural.isPresent()) {
      return structural;
    }
    List<String> ids = new ArrayList<>(otherIds);
    Cib.collectIds(element, ids);
    Set<String> seen = new HashSet<>();
    return ids.stream().filter(id -> !seen.add(id)).findFirst().map(id -> "duplicate id " + id);
  }

  private static Optional<String> structure(Element element) {
    String tag = element.getTagName();
    if (NEED_ID.contains(tag) && element.getAttribute("id").isEmpty()) {
      return Optional.of("element " + tag + " has no id");
    }
    if (tag.equals("primitive") && !element.hasAttribute("template")) {
      if (element.getAttribute("class").isEmpty() || element.getAttribute("type").isEmpty()) {
        return Optional.of("primitive " + element.getAttribute("id") + " needs class and type");
      }
      if (element.getAttribute("class").equals("ocf")
          && element.getAttribute("provider").isEmpty()) {
        return Optional.of("ocf primitive " + element.getAttribute("id") + " needs a provider");
      }
    }
    for (Element child : CibXml.children(element)) {
      Optional<String> problem = structure(child);
      if (problem.isPresent()) {
        return problem;
      }
    }
    return Optional.empty();
  }
}
