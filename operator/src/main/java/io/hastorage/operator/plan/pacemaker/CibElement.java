package io.hastorage.operator.plan.pacemaker;

import java.util.Objects;
import java.util.Set;
import org.w3c.dom.Element;

/**
 * One top-level element of the CIB's resources or constraints section: a primitive, group, clone,
 * rsc_location, rsc_order... with everything under it, as canonical XML ({@link CanonicalXml}).
 *
 * <p>The XML is canonicalized and checked against the id and tag on construction, so two elements
 * with equal {@code xml} are the same configuration no matter who wrote them. {@link #toString}
 * never shows the XML: a fence device's password lives in it.
 *
 * @param id the element's id attribute
 * @param tag the element name, e.g. primitive or rsc_location
 * @param scope the CIB section it lives in: {@value #RESOURCES} or {@value #CONSTRAINTS}
 * @param xml the element in canonical form
 */
public record CibElement(String id, String tag, String scope, String xml) {

  /** Every element the operator owns has an id with this prefix; it touches no other element. */
  public static final String OWNED_PREFIX = "hastorage-";

  public static final String RESOURCES = "resources";
  public static final String CONSTRAINTS = "constraints";
  private static final Set<String> SCOPES = Set.of(RESOURCES, CONSTRAINTS);

  public CibElement {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(tag, "tag");
    Objects.requireNonNull(scope, "scope");
    Objects.requireNonNull(xml, "xml");
    if (!SCOPES.contains(scope)) {
      throw new IllegalArgumentException("scope must be resources or constraints: " + scope);
    }
    Element root = CanonicalXml.parse(xml).getDocumentElement();
    if (!root.getTagName().equals(tag) || !root.getAttribute("id").equals(id)) {
      throw new IllegalArgumentException(
          "XML root is <"
              + root.getTagName()
              + " id="
              + root.getAttribute("id")
              + ">, not "
              + this);
    }
    xml = CanonicalXml.of(root);
  }

  /** An element read from a parsed CIB section. */
  static CibElement of(Element element, String scope) {
    return new CibElement(
        element.getAttribute("id"), element.getTagName(), scope, CanonicalXml.of(element));
  }

  /** Whether the operator owns this element (its id carries {@link #OWNED_PREFIX}). */
  public boolean owned() {
    return isOwned(id);
  }

  public static boolean isOwned(String id) {
    return id.startsWith(OWNED_PREFIX);
  }

  /** Tag, id and scope only: the XML may hold secrets. */
  @Override
  public String toString() {
    return tag + " " + id + " (" + scope + ")";
  }
}
