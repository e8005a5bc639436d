package io.hastorage.e2e.reliability;

import io.hastorage.operator.plan.pacemaker.CanonicalXml;
import java.util.ArrayList;
import java.util.List;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

/** The ids in a CIB's configuration sections, to pick the elements a scenario works on. */
final class CibElements {

  private CibElements() {}

  /** The ids of the top-level elements under {@code configuration/<section>}. */
  static List<String> ids(String cibXml, String section) {
    List<String> ids = new ArrayList<>();
    NodeList sections = CanonicalXml.parse(cibXml).getElementsByTagName(section);
    for (int i = 0; i < sections.getLength(); i++) {
      for (Element child : CanonicalXml.childElements(sections.item(i))) {
        ids.add(child.getAttribute("id"));
      }
    }
    return ids;
  }
}
