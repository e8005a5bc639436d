package io.hastorage.operator.plan.pacemaker;

import java.util.LinkedHashSet;
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
    Element root = CanonicalXml.parse(crmMonXml).getDocumentElement();
    if (!root.getTagName().equals("pacemaker-result") && !root.getTagName().equals("crm_mon")) {
      throw new IllegalArgumentException("not crm_mon XML: <" + root.getTagName() + ">");
    }
    Set<String> active = new LinkedHashSet<>();
    CanonicalXml.child(root, "resources").ifPresent(r -> collect(r, active));
    return active;
  }

  private static void collect(Element parent, Set<String> active) {
    for (Element child : CanonicalXml.childElements(parent)) {
      if (child.getTagName().equals("resource")) {
        if ("true".equals(child.getAttribute("active"))) {
          active.add(child.getAttribute("id").replaceFirst(":\\d+$", ""));
        }
      } else {
        collect(child, active); // clone, group, bundle
      }
    }
  }
}
