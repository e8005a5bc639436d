package io.hastorage.e2e.reliability;

import io.hastorage.operator.plan.pacemaker.CanonicalXml;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

/** Elements of a CIB by id, in canonical form, so "untouched" can be checked byte for byte. */
final class CibElements {

  private CibElements() {}

  static Optional<String> byId(String cibXml, String id) {
    NodeList all = CanonicalXml.parse(cibXml).getElementsByTagName("*");
    for (int i = 0; i < all.getLength(); i++) {
      Element element = (Element) all.item(i);
      if (id.equals(element.getAttribute("id"))) {
        return Optional.of(CanonicalXml.of(element));
      }
    }
    return Optional.empty();
  }

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
