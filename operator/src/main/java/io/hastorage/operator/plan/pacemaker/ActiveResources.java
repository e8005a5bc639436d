package io.hastorage.operator.plan.pacemaker;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.w3c.dom.Element;

/**
 * The resources {@code crm_mon --output-as=xml} reports active on some node, by id (a clone's
 * instances and a group's members count under their own primitive id). A resource deleted from the
 * configuration stays listed, as an orphan, until Pacemaker has stopped it.
 */
public final class ActiveResources {

  private ActiveResources() {}

  /**
   * @throws IllegalArgumentException if the text is not crm_mon XML
   */
  public static Set<String> parse(String crmMonXml) {
    return new LinkedHashSet<>(placement(crmMonXml).keySet());
  }

  /**
   * Where each active resource runs: primitive id to the names of the nodes crm_mon lists under it
   * (several for clone instances), in crm_mon's order.
   *
   * @throws IllegalArgumentException if the text is not crm_mon XML
   */
  public static Map<String, List<String>> placement(String crmMonXml) {
    Element root = CanonicalXml.parse(crmMonXml).getDocumentElement();
    if (!root.getTagName().equals("pacemaker-result") && !root.getTagName().equals("crm_mon")) {
      throw new IllegalArgumentException("not crm_mon XML: <" + root.getTagName() + ">");
    }
    Map<String, List<String>> placement = new LinkedHashMap<>();
    CanonicalXml.child(root, "resources").ifPresent(r -> place(r, placement));
    return placement;
  }

  private static void place(Element parent, Map<String, List<String>> placement) {
    for (Element child : CanonicalXml.childElements(parent)) {
      if (child.getTagName().equals("resource")) {
        if ("true".equals(child.getAttribute("active"))) {
          List<String> nodes =
              placement.computeIfAbsent(
                  child.getAttribute("id").replaceFirst(":\\d+$", ""), k -> new ArrayList<>());
          for (Element node : CanonicalXml.childElements(child)) {
            if (node.getTagName().equals("node") && !nodes.contains(node.getAttribute("name"))) {
              nodes.add(node.getAttribute("name"));
            }
          }
        }
      } else {
        place(child, placement);
      }
    }
  }
}
