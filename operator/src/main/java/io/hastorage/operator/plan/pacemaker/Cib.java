package io.hastorage.operator.plan.pacemaker;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.w3c.dom.Element;

/**
 * What the operator reads from {@code cibadmin --query}: the cluster properties and every top-level
 * element of the resources and constraints sections, keyed by id in document order.
 *
 * <p>Only top-level elements are indexed. A nested element (a group's primitive, an nvpair, a rule)
 * is part of its parent's XML and changes with it; addressing it on its own would let a diff delete
 * pieces of a parent that is still wanted.
 *
 * @param properties name to value from the {@value #BOOTSTRAP_SET} property set, in CIB order
 * @param elements top-level resources and constraints by id, in CIB order (resources first)
 */
public record Cib(Map<String, String> properties, Map<String, CibElement> elements) {

  /** The property set Pacemaker and {@code crm_attribute --type crm_config} use by default. */
  public static final String BOOTSTRAP_SET = "cib-bootstrap-options";

  public Cib {
    properties = Collections.unmodifiableMap(new LinkedHashMap<>(properties));
    elements = Collections.unmodifiableMap(new LinkedHashMap<>(elements));
  }

  /** A CIB as {@code cibadmin --empty} creates it. */
  public static Cib empty() {
    return new Cib(Map.of(), Map.of());
  }

  /**
   * Parses {@code cibadmin --query} output. Parsing is secure (no DTD, no external entities).
   *
   * @throws IllegalArgumentException if the text is not a CIB
   */
  public static Cib parse(String cibadminQueryXml) {
    Element root = CanonicalXml.parse(cibadminQueryXml).getDocumentElement();
    if (!root.getTagName().equals("cib")) {
      throw new IllegalArgumentException("expected <cib>, got <" + root.getTagName() + ">");
    }
    Optional<Element> configuration = CanonicalXml.child(root, "configuration");
    if (configuration.isEmpty()) {
      throw new IllegalArgumentException("<cib> has no <configuration>");
    }
    Map<String, String> properties = new LinkedHashMap<>();
    CanonicalXml.child(configuration.get(), "crm_config")
        .ifPresent(c -> readProperties(c, properties));
    Map<String, CibElement> elements = new LinkedHashMap<>();
    for (String scope : List.of(CibElement.RESOURCES, CibElement.CONSTRAINTS)) {
      CanonicalXml.child(configuration.get(), scope)
          .ifPresent(s -> readElements(s, scope, elements));
    }
    return new Cib(properties, elements);
  }

  public Optional<CibElement> element(String id) {
    return Optional.ofNullable(elements.get(id));
  }

  /** The elements whose id carries the operator's prefix, in CIB order. */
  public List<CibElement> owned() {
    return elements.values().stream().filter(CibElement::owned).toList();
  }

  private static void readProperties(Element crmConfig, Map<String, String> out) {
    for (Element set : CanonicalXml.childElements(crmConfig)) {
      if (set.getTagName().equals("cluster_property_set")
          && set.getAttribute("id").equals(BOOTSTRAP_SET)) {
        for (Element nvpair : CanonicalXml.childElements(set)) {
          if (nvpair.getTagName().equals("nvpair") && nvpair.hasAttribute("name")) {
            out.put(nvpair.getAttribute("name"), nvpair.getAttribute("value"));
          }
        }
      }
    }
  }

  private static void readElements(Element section, String scope, Map<String, CibElement> out) {
    for (Element element : CanonicalXml.childElements(section)) {
      String id = element.getAttribute("id");
      if (id.isEmpty()) {
        continue;
      }
      if (out.putIfAbsent(id, CibElement.of(element, scope)) != null) {
        throw new IllegalArgumentException("the CIB holds id " + id + " twice");
      }
    }
  }
}
