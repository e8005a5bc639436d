package io.hastorage.e2e.sim.cluster;

import java.util.Optional;
import org.w3c.dom.Element;

/**
 * crm_mon's {@code resources_configured}: resource instances (a clone's primitive counts clone-max
 * times, by default once per configured node) and how many of them have target-role Stopped.
 */
record ResourceCount(int instances, int disabled) {

  static ResourceCount of(Cib cib) {
    int[] counts = new int[2];
    int nodes = cib.nodes().size();
    for (Element resource : CibXml.children(cib.section("resources").orElseThrow())) {
      count(resource, 1, false, nodes, counts);
    }
    return new ResourceCount(counts[0], counts[1]);
  }

  private static void count(
      Element resource, int multiplier, boolean stoppedAbove, int nodes, int[] counts) {
    boolean stopped =
        stoppedAbove
            || meta(resource, "target-role").map("Stopped"::equalsIgnoreCase).orElse(false);
    switch (resource.getTagName()) {
      case "primitive" -> {
        counts[0] += multiplier;
        counts[1] += stopped ? multiplier : 0;
      }
      case "group", "bundle" -> {
        for (Element child : CibXml.children(resource)) {
          count(child, multiplier, stopped, nodes, counts);
        }
      }
      case "clone", "master" -> {
        int max = meta(resource, "clone-max").flatMap(ResourceCount::integer).orElse(nodes);
        for (Element child : CibXml.children(resource)) {
          count(child, multiplier * max, stopped, nodes, counts);
        }
      }
      default -> {
        // meta_attributes, operations and the like hold no resources
      }
    }
  }

  private static Optional<String> meta(Element resource, String name) {
    return CibXml.children(resource).stream()
        .filter(c -> c.getTagName().equals("meta_attributes"))
        .flatMap(set -> CibXml.children(set).stream())
        .filter(nv -> nv.getAttribute("name").equals(name))
        .map(nv -> nv.getAttribute("value"))
        .findFirst();
  }

  private static Optional<Integer> integer(String value) {
    try {
      return Optional.of(Integer.parseInt(value.strip()));
    } catch (NumberFormatException e) {
      return Optional.empty();
    }
  }
}
