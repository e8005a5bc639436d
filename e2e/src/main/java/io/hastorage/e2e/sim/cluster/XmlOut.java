package io.hastorage.e2e.sim.cluster;

/** Writes Pacemaker-style indented XML with attributes in the order given (name, value, ...). */
final class XmlOut {

  private final StringBuilder out = new StringBuilder();
  private int depth;

  XmlOut() {
    this(0);
  }

  /** Output that starts {@code depth} levels in, to be nested with {@link #raw}. */
  XmlOut(int depth) {
    this.depth = depth;
  }

  /** Appends lines already formatted at this depth. */
  XmlOut raw(String formatted) {
    out.append(formatted);
    return this;
  }

  XmlOut open(String tag, String... attributes) {
    start(tag, attributes).append(">\n");
    depth++;
    return this;
  }

  XmlOut empty(String tag, String... attributes) {
    start(tag, attributes).append("/>\n");
    return this;
  }

  XmlOut text(String tag, String text) {
    start(tag).append('>').append(CibXml.escape(text)).append("</").append(tag).append(">\n");
    return this;
  }

  XmlOut close(String tag) {
    depth--;
    out.append("  ".repeat(depth)).append("</").append(tag).append(">\n");
    return this;
  }

  @Override
  public String toString() {
    return out.toString();
  }

  private StringBuilder start(String tag, String... attributes) {
    if (attributes.length % 2 != 0) {
      throw new IllegalArgumentException("attributes come in name/value pairs: " + tag);
    }
    out.append("  ".repeat(depth)).append('<').append(tag);
    for (int i = 0; i < attributes.length; i += 2) {
      out.append(' ').append(attributes[i]).append("=\"");
      out.append(CibXml.escape(attributes[i + 1])).append('"');
    }
    return out;
  }
}
