package io.hastorage.e2e.sim.cluster;

import java.io.IOException;
import java.io.StringReader;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import javax.xml.XMLConstants;
import javax.xml.parsers.DocumentBuilder;
import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.parsers.ParserConfigurationException;
import org.w3c.dom.Attr;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NamedNodeMap;
import org.w3c.dom.Node;
import org.xml.sax.InputSource;
import org.xml.sax.SAXException;

/**
 * XML in and out the way Pacemaker handles it: parsing without DTDs, comments or whitespace, and
 * printing like {@code dump_xml_formatted} (two-space indent, empty elements self-closed). The DOM
 * forgets attribute order, so printing puts {@code id} first and the rest alphabetically, except
 * for the few elements whose real order is known from captured output.
 */
final class CibXml {

  /** Input that is not well-formed XML, or that has text content the CIB never holds. */
  static final class InvalidXml extends Exception {
    private static final long serialVersionUID = 1L;

    InvalidXml(String message, Throwable cause) {
      super(message, cause);
    }
  }

  private static final Map<String, List<String>> ORDER =
      Map.of(
          "cib",
          List.of(
              "crm_feature_set",
              "validate-with",
              "epoch",
              "num_updates",
              "admin_epoch",
              "cib-last-written",
              "update-origin",
              "update-client",
              "update-user",
              "have-quorum",
              "dc-uuid"),
          "node_state",
          List.of("id", "uname", "in_ccm", "crmd", "crm-debug-origin", "join", "expected"),
          "node",
          List.of("id", "uname"));

  private CibXml() {}

  /** A new document whose root is the parsed element. */
  static Document parse(String xml) throws InvalidXml {
    try {
      DocumentBuilder builder = factory().newDocumentBuilder();
      Document document = builder.parse(new InputSource(new StringReader(xml)));
      strip(document.getDocumentElement());
      return document;
    } catch (ParserConfigurationException | SAXException | IOException e) {
      throw new InvalidXml("not well-formed XML: " + e.getMessage(), e);
    }
  }

  /** The element, formatted, ending in a newline. */
  static String format(Element element) {
    StringBuilder out = new StringBuilder();
    write(element, 0, out);
    return out.toString();
  }

  /** Element children only (the documents here hold no other content). */
  static List<Element> children(Element parent) {
    List<Element> children = new ArrayList<>();
    for (Node child = parent.getFirstChild(); child != null; child = child.getNextSibling()) {
      if (child instanceof Element element) {
        children.add(element);
      }
    }
    return children;
  }

  static String escape(String value) {
    StringBuilder out = new StringBuilder(value.length());
    for (char c : value.toCharArray()) {
      switch (c) {
        case '&' -> out.append("&amp;");
        case '<' -> out.append("&lt;");
        case '>' -> out.append("&gt;");
        case '"' -> out.append("&quot;");
        case '\'' -> out.append("&apos;");
        case '\n' -> out.append("&#10;");
        case '\r' -> out.append("&#13;");
        case '\t' -> out.append("&#9;");
        default -> out.append(c);
      }
    }
    return out.toString();
  }

  private static void write(Element element, int depth, StringBuilder out) {
    out.append("  ".repeat(depth)).append('<').append(element.getTagName());
    for (Attr attr : attributes(element)) {
      out.append(' ').append(attr.getName()).append("=\"").append(escape(attr.getValue()));
      out.append('"');
    }
    List<Element> children = children(element);
    if (children.isEmpty()) {
      out.append("/>\n");
      return;
    }
    out.append(">\n");
    children.forEach(child -> write(child, depth + 1, out));
    out.append("  ".repeat(depth)).append("</").append(element.getTagName()).append(">\n");
  }

  private static List<Attr> attributes(Element element) {
    List<String> known = ORDER.getOrDefault(element.getTagName(), List.of("id"));
    NamedNodeMap map = element.getAttributes();
    List<Attr> attrs = new ArrayList<>();
    for (int i = 0; i < map.getLength(); i++) {
      attrs.add((Attr) map.item(i));
    }
    attrs.sort(
        Comparator.comparingInt((Attr a) -> rank(known, a.getName())).thenComparing(Attr::getName));
    return attrs;
  }

  private static int rank(List<String> known, String name) {
    int index = known.indexOf(name);
    return index < 0 ? known.size() : index;
  }

  /** Drops comments and whitespace; any other text is not CIB content. */
  private static void strip(Element element) throws SAXException {
    Node child = element.getFirstChild();
    while (child != null) {
      Node next = child.getNextSibling();
      if (child instanceof Element nested) {
        strip(nested);
      } else if (child.getNodeType() == Node.TEXT_NODE && !child.getNodeValue().isBlank()) {
        throw new SAXException("text content in <" + element.getTagName() + ">");
      } else {
        element.removeChild(child);
      }
      child = next;
    }
  }

  private static DocumentBuilderFactory factory() throws ParserConfigurationException {
    DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
    factory.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
    factory.setFeature(XMLConstants.FEATURE_SECURE_PROCESSING, true);
    factory.setExpandEntityReferences(false);
    factory.setIgnoringComments(true);
    return factory;
  }
}
