package io.hastorage.operator.plan.pacemaker;

import java.io.IOException;
import java.io.StringReader;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import javax.xml.XMLConstants;
import javax.xml.parsers.DocumentBuilder;
import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.parsers.ParserConfigurationException;
import org.w3c.dom.Attr;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NamedNodeMap;
import org.w3c.dom.Node;
import org.xml.sax.ErrorHandler;
import org.xml.sax.InputSource;
import org.xml.sax.SAXException;
import org.xml.sax.SAXParseException;

/**
 * Secure parsing and one canonical text form for CIB fragments.
 *
 * <p>The operator decides "changed or not" by comparing text, so the text must not depend on how
 * the XML happened to be written: the CIB re-indents what it stores, crmsh and hand edits order
 * attributes differently. The canonical form sorts attributes by name, drops whitespace-only text,
 * comments and processing instructions, trims text, and keeps child order (Pacemaker keeps it too).
 * The canonical form is itself valid XML, so it is also what the operator sends to {@code
 * cibadmin}.
 *
 * <p>Parsing refuses DOCTYPEs and external entities: the CIB is read from a remote node and must
 * not be able to make the operator read local files or expand entity bombs.
 */
public final class CanonicalXml {

  private CanonicalXml() {}

  /** Parses a document with DTDs, external entities and XInclude disabled. */
  public static Document parse(String xml) {
    try {
      DocumentBuilder builder = BUILDER.get();
      builder.reset();
      builder.setErrorHandler(new FailOnError());
      return builder.parse(new InputSource(new StringReader(xml)));
    } catch (SAXException e) {
      throw new IllegalArgumentException("not well-formed XML: " + e.getMessage(), e);
    } catch (IOException e) {
      throw new IllegalStateException("XML parser unavailable", e);
    }
  }

  /** The canonical form of an XML fragment holding one root element. */
  public static String canonicalize(String xml) {
    return of(parse(xml).getDocumentElement());
  }

  /** The canonical form of a parsed element and everything under it. */
  public static String of(Element element) {
    StringBuilder out = new StringBuilder();
    write(element, out);
    return out.toString();
  }

  /** The element children of {@code parent}, in document order. */
  public static List<Element> childElements(Node parent) {
    List<Element> children = new ArrayList<>();
    for (Node n = parent.getFirstChild(); n != null; n = n.getNextSibling()) {
      if (n instanceof Element e) {
        children.add(e);
      }
    }
    return children;
  }

  /** The first child element of {@code parent} named {@code tag}. */
  public static Optional<Element> child(Element parent, String tag) {
    return childElements(parent).stream().filter(e -> e.getTagName().equals(tag)).findFirst();
  }

  /** Escapes text for a double-quoted attribute value, keeping tabs and newlines intact. */
  public static String escapeAttribute(String value) {
    StringBuilder out = new StringBuilder(value.length());
    for (int i = 0; i < value.length(); i++) {
      char c = value.charAt(i);
      switch (c) {
        case '&' -> out.append("&amp;");
        case '<' -> out.append("&lt;");
        case '>' -> out.append("&gt;");
        case '"' -> out.append("&quot;");
        case '\t' -> out.append("&#9;");
        case '\n' -> out.append("&#10;");
        case '\r' -> out.append("&#13;");
        default -> out.append(c);
      }
    }
    return out.toString();
  }

  private static void write(Element element, StringBuilder out) {
    out.append('<').append(element.getTagName());
    writeAttributes(element.getAttributes(), out);
    StringBuilder body = new StringBuilder();
    for (Node n = element.getFirstChild(); n != null; n = n.getNextSibling()) {
      if (n instanceof Element child) {
        write(child, body);
      } else if (n.getNodeType() == Node.TEXT_NODE || n.getNodeType() == Node.CDATA_SECTION_NODE) {
        body.append(escapeText(n.getNodeValue().strip()));
      }
    }
    if (body.isEmpty()) {
      out.append("/>");
    } else {
      out.append('>').append(body).append("</").append(element.getTagName()).append('>');
    }
  }

  private static void writeAttributes(NamedNodeMap attributes, StringBuilder out) {
    List<Attr> sorted = new ArrayList<>();
    for (int i = 0; i < attributes.getLength(); i++) {
      sorted.add((Attr) attributes.item(i));
    }
    sorted.sort(Comparator.comparing(Attr::getName));
    for (Attr attr : sorted) {
      out.append(' ')
          .append(attr.getName())
          .append("=\"")
          .append(escapeAttribute(attr.getValue()))
          .append('"');
    }
  }

  private static String escapeText(String text) {
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;");
  }

  /** Turns parse errors into exceptions instead of the JDK default of printing them to stderr. */
  private static final class FailOnError implements ErrorHandler {
    @Override
    public void warning(SAXParseException e) {}

    @Override
    public void error(SAXParseException e) throws SAXException {
      throw e;
    }

    @Override
    public void fatalError(SAXParseException e) throws SAXException {
      throw e;
    }
  }

  /**
   * One parser per thread: building a hardened factory for every parse was half the operator's CPU
   * at 1,000 resources (the scale benchmark). Parsers are not thread-safe, hence per thread.
   */
  private static final ThreadLocal<DocumentBuilder> BUILDER =
      ThreadLocal.withInitial(
          () -> {
            try {
              return secureFactory().newDocumentBuilder();
            } catch (ParserConfigurationException e) {
              throw new IllegalStateException("XML parser unavailable", e);
            }
          });

  private static DocumentBuilderFactory secureFactory() throws ParserConfigurationException {
    DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
    factory.setFeature(XMLConstants.FEATURE_SECURE_PROCESSING, true);
    factory.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
    factory.setFeature("http://xml.org/sax/features/external-general-entities", false);
    factory.setFeature("http://xml.org/sax/features/external-parameter-entities", false);
    factory.setFeature("http://apache.org/xml/features/nonvalidating/load-external-dtd", false);
    factory.setAttribute(XMLConstants.ACCESS_EXTERNAL_DTD, "");
    factory.setAttribute(XMLConstants.ACCESS_EXTERNAL_SCHEMA, "");
    factory.setXIncludeAware(false);
    factory.setExpandEntityReferences(false);
    factory.setNamespaceAware(false);
    return factory;
  }
}
