package io.hastorage.operator.plan.scst;

import static io.hastorage.operator.plan.pacemaker.CanonicalXml.escapeAttribute;

import java.util.List;

/**
 * XML building blocks for the target's primitives. Every nested id extends its owner's id: the
 * attribute set is {@code OWNER-instance_attributes}, an nvpair {@code SET-NAME}, a monitor op
 * {@code OWNER-monitor-interval-INTERVAL}, so nothing can collide with another element.
 */
final class CibXml {

  private CibXml() {}

  /** One OCF primitive with its instance attributes and a monitor op (none if interval null). */
  static String primitive(
      String id, String provider, String type, List<Nv> params, String interval, String timeout) {
    StringBuilder xml =
        new StringBuilder(
            "<primitive id=\"%s\" class=\"ocf\" provider=\"%s\" type=\"%s\">"
                .formatted(id, provider, type));
    String setId = id + "-instance_attributes";
    xml.append("<instance_attributes id=\"").append(setId).append("\">");
    for (Nv nv : params) {
      xml.append(
          "<nvpair id=\"%s-%s\" name=\"%s\" value=\"%s\"/>"
              .formatted(setId, nv.name(), nv.name(), escapeAttribute(nv.value())));
    }
    xml.append("</instance_attributes>");
    if (interval != null) {
      xml.append(
          ("<operations><op id=\"%s-monitor-interval-%s\" name=\"monitor\" interval=\"%s\""
                  + " timeout=\"%s\"/></operations>")
              .formatted(id, interval, interval, timeout));
    }
    return xml.append("</primitive>").toString();
  }

  /** A name/value pair; the value is escaped when written. */
  record Nv(String name, String value) {
    /** Tests read names; the value may be a CHAP password. */
    @Override
    public String toString() {
      return name;
    }
  }
}
