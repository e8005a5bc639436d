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
    return primitive(id, provider, type, params, interval, timeout, null);
  }

  /**
   * Like {@link #primitive(String, String, String, List, String, String)}, with explicit start and
   * stop timeouts (none if null) where Pacemaker's 20 s default is too short for the agent.
   */
  static String primitive(
      String id,
      String provider,
      String type,
      List<Nv> params,
      String interval,
      String timeout,
      String startStopTimeout) {
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
    if (interval != null || startStopTimeout != null) {
      xml.append("<operations>");
      if (interval != null) {
        xml.append(
            "<op id=\"%s-monitor-interval-%s\" name=\"monitor\" interval=\"%s\" timeout=\"%s\"/>"
                .formatted(id, interval, interval, timeout));
      }
      if (startStopTimeout != null) {
        for (String action : List.of("start", "stop")) {
          xml.append(
              "<op id=\"%s-%s-interval-0s\" name=\"%s\" interval=\"0s\" timeout=\"%s\"/>"
                  .formatted(id, action, action, startStopTimeout));
        }
      }
      xml.append("</operations>");
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
