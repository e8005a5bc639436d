package io.hastorage.operator.plan.pacemaker;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.w3c.dom.Element;
import org.w3c.dom.NamedNodeMap;
import org.w3c.dom.Node;

/**
 * Reads {@code crm_mon --one-shot --output-as=xml} (Pacemaker 2.1 output API) into a {@link
 * ClusterState}. Pure: the probe captures the text, this only interprets it.
 */
public final class CrmMonParser {

  private CrmMonParser() {}

  /**
   * Parses crm_mon's XML result.
   *
   * @throws IllegalArgumentException if the text is not crm_mon XML, or crm_mon reported a failure
   *     such as code 102 "Not connected" (Pacemaker not running on the node); the message names the
   *     code and crm_mon's message so an observer can turn it into a condition
   */
  public static ClusterState parse(String xml) {
    Element root = CanonicalXml.parse(xml).getDocumentElement();
    if (!root.getTagName().equals("pacemaker-result")) {
      throw new IllegalArgumentException(
          "expected <pacemaker-result>, got <" + root.getTagName() + ">");
    }
    CanonicalXml.child(root, "status").ifPresent(CrmMonParser::requireSuccess);
    Element summary =
        CanonicalXml.child(root, "summary")
            .orElseThrow(() -> new IllegalArgumentException("crm_mon output has no <summary>"));
    Optional<Element> dc =
        CanonicalXml.child(summary, "current_dc").filter(e -> flag(e, "present"));
    return new ClusterState(
        dc.map(e -> flag(e, "with_quorum")).orElse(false),
        dc.map(e -> e.getAttribute("name")).filter(name -> !name.isEmpty()),
        nodes(root),
        CanonicalXml.child(summary, "cluster_options")
            .map(CrmMonParser::attributes)
            .orElse(Map.of()),
        CanonicalXml.child(summary, "resources_configured")
            .map(e -> number(e, "number"))
            .orElse(0));
  }

  private static void requireSuccess(Element status) {
    String code = status.getAttribute("code");
    if (!code.isEmpty() && !code.equals("0")) {
      throw new IllegalArgumentException(
          "crm_mon failed with status " + code + ": " + status.getAttribute("message"));
    }
  }

  private static List<ClusterState.NodeState> nodes(Element root) {
    List<ClusterState.NodeState> nodes = new ArrayList<>();
    Optional<Element> section = CanonicalXml.child(root, "nodes");
    if (section.isEmpty()) {
      return nodes;
    }
    for (Element node : CanonicalXml.childElements(section.get())) {
      if (node.getTagName().equals("node")) {
        nodes.add(
            new ClusterState.NodeState(
                node.getAttribute("name"),
                flag(node, "online"),
                flag(node, "standby"),
                flag(node, "unclean"),
                flag(node, "maintenance")));
      }
    }
    return nodes;
  }

  private static Map<String, String> attributes(Element element) {
    Map<String, String> out = new LinkedHashMap<>();
    NamedNodeMap attributes = element.getAttributes();
    for (int i = 0; i < attributes.getLength(); i++) {
      Node attr = attributes.item(i);
      out.put(attr.getNodeName(), attr.getNodeValue());
    }
    return out;
  }

  private static boolean flag(Element element, String name) {
    return "true".equals(element.getAttribute(name));
  }

  private static int number(Element element, String name) {
    try {
      return Integer.parseInt(element.getAttribute(name));
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException(
          "<" + element.getTagName() + "> " + name + " is not a number", e);
    }
  }
}
