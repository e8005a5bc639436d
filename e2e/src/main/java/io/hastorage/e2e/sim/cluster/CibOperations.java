package io.hastorage.e2e.sim.cluster;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import javax.xml.xpath.XPathConstants;
import javax.xml.xpath.XPathExpressionException;
import javax.xml.xpath.XPathFactory;
import org.w3c.dom.Element;
import org.w3c.dom.Node;
import org.w3c.dom.NodeList;

/**
 * The CIB manager's create, replace-by-XPath and delete, as Pacemaker 2.1's {@code cib_ops.c} does
 * them: create adds to a section and fails with EEXIST when the section already holds an element of
 * that tag and id; replace removes the first XPath match and appends the new element to the match's
 * parent (so it moves to the end); delete removes the first element anywhere whose tag and every
 * given attribute match, and succeeds when there is none. A failed operation changes nothing.
 */
final class CibOperations {

  /** How an operation failed: Pacemaker's error text and the exit code cibadmin maps it to. */
  enum Failure {
    EXISTS("File exists", 108),
    NO_SUCH("No such device or address", 105),
    INVALID("Invalid argument", 70),
    SCHEMA("Update does not conform to the configured schema", 78);

    final String text;
    final int exitCode;

    Failure(String text, int exitCode) {
      this.text = text;
      this.exitCode = exitCode;
    }
  }

  /** What an operation did; {@code stdout} is what cibadmin prints (the failed update, if any). */
  record Result(Optional<Failure> failure, String stdout, String detail) {
    static Result ok() {
      return new Result(Optional.empty(), "", "");
    }

    static Result failed(Failure failure, String stdout, String detail) {
      return new Result(Optional.of(failure), stdout, detail);
    }
  }

  private final Cib cib;

  CibOperations(Cib cib) {
    this.cib = cib;
  }

  /** {@code cibadmin --create --scope SCOPE}: input is one element or the section itself. */
  Result create(String scope, Element input) {
    Optional<Element> section = cib.section(scope);
    List<Element> items =
        input.getTagName().equals(scope) ? CibXml.children(input) : List.of(input);
    if (items.isEmpty()) {
      return Result.ok();
    }
    if (section.isEmpty()) {
      return Result.failed(Failure.INVALID, failed(items.get(0), Failure.INVALID), "");
    }
    List<String> ids = cib.configurationIds();
    for (Element item : items) {
      if (equivalent(section.get(), item).isPresent()) {
        return Result.failed(Failure.EXISTS, failed(item, Failure.EXISTS), "");
      }
      Optional<String> problem = CibSchema.check(section.get(), item, ids);
      if (problem.isPresent()) {
        return Result.failed(Failure.SCHEMA, "", problem.get());
      }
      Cib.collectIds(item, ids);
    }
    items.forEach(item -> section.get().appendChild(cib.adopt(item)));
    return Result.ok();
  }

  /** {@code cibadmin --replace --xpath XPATH}: the first match gives way to the input. */
  Result replace(String xpath, Element input) {
    Optional<Element> match = firstMatch(xpath);
    if (match.isEmpty()) {
      return Result.failed(Failure.NO_SUCH, "", "");
    }
    if (match.get() == cib.root() || !(match.get().getParentNode() instanceof Element parent)) {
      return Result.failed(Failure.INVALID, "", "the XPath addresses the whole CIB");
    }
    List<String> ids = cib.configurationIds();
    List<String> replaced = new ArrayList<>();
    Cib.collectIds(match.get(), replaced);
    replaced.forEach(ids::remove);
    Optional<String> problem = CibSchema.check(parent, input, ids);
    if (problem.isPresent()) {
      return Result.failed(Failure.SCHEMA, "", problem.get());
    }
    parent.removeChild(match.get());
    parent.appendChild(cib.adopt(input));
    return Result.ok();
  }

  /** {@code cibadmin --delete}: removes the first matching element, if there is one. */
  Result delete(Element input) {
    findForDelete(cib.root(), input).ifPresent(m -> m.getParentNode().removeChild(m));
    return Result.ok();
  }

  private Optional<Element> firstMatch(String xpath) {
    try {
      NodeList nodes =
          (NodeList)
              XPathFactory.newInstance()
                  .newXPath()
                  .evaluate(xpath, cib.document(), XPathConstants.NODESET);
      for (int i = 0; i < nodes.getLength(); i++) {
        if (nodes.item(i) instanceof Element element) {
          return Optional.of(element);
        }
      }
      return Optional.empty();
    } catch (XPathExpressionException e) {
      return Optional.empty(); // libxml reports the error and finds nothing: ENXIO
    }
  }

  /** A direct child of the section with the same tag and id (any, when the input has none). */
  private static Optional<Element> equivalent(Element section, Element item) {
    String id = item.getAttribute("id");
    return CibXml.children(section).stream()
        .filter(c -> c.getTagName().equals(item.getTagName()))
        .filter(c -> id.isEmpty() || c.getAttribute("id").equals(id))
        .findFirst();
  }

  /**
   * replace_xml_child(delete_only): depth first, never the search root itself; ids compare exactly,
   * other attribute values ignoring case.
   */
  private static Optional<Element> findForDelete(Element root, Element input) {
    for (Element child : CibXml.children(root)) {
      if (matchesAllAttributes(child, input)) {
        return Optional.of(child);
      }
      Optional<Element> nested = findForDelete(child, input);
      if (nested.isPresent()) {
        return nested;
      }
    }
    return Optional.empty();
  }

  private static boolean matchesAllAttributes(Element candidate, Element input) {
    if (!candidate.getTagName().equalsIgnoreCase(input.getTagName())) {
      return false;
    }
    for (int i = 0; i < input.getAttributes().getLength(); i++) {
      Node attr = input.getAttributes().item(i);
      String name = attr.getNodeName();
      String actual = candidate.getAttribute(name);
      boolean same =
          name.equals("id")
              ? actual.equals(attr.getNodeValue())
              : actual.equalsIgnoreCase(attr.getNodeValue());
      if (!candidate.hasAttribute(name) || !same) {
        return false;
      }
    }
    return true;
  }

  /** The {@code <failed>} document cibadmin prints for a failed create. */
  private String failed(Element item, Failure failure) {
    Element failed = cib.document().createElement("failed");
    Element update = cib.document().createElement("failed_update");
    update.setAttribute("id", item.getAttribute("id"));
    update.setAttribute("object_type", item.getTagName());
    update.setAttribute("operation", "cib_create");
    update.setAttribute("reason", failure.text);
    update.appendChild(cib.adopt(item));
    failed.appendChild(update);
    return CibXml.format(failed);
  }
}
