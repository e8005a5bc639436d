package io.hastorage.operator.plan.pacemaker;

import static org.assertj.core.api.Assertions.assertThat;

import io.hastorage.operator.node.Command;
import io.hastorage.operator.node.ExecResult;
import io.hastorage.operator.node.SensitiveBytes;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Configuration an administrator or a DRBD handler made by hand, which the operator must never
 * change: the seed's DRBD master/slave resource, a Dummy primitive, and the location constraint
 * crm-fence-peer.sh adds while the peer is outdated (it names ms_drbd_vg1, which must exist or the
 * CIB schema rejects it).
 */
final class HandMade {

  static final String MASTER_SLAVE =
      "<master id=\"ms_drbd_vg1\"><meta_attributes id=\"ms_drbd_vg1-meta_attributes\">"
          + "<nvpair id=\"ms_drbd_vg1-meta_attributes-master-max\" name=\"master-max\" value=\"1\"/>"
          + "<nvpair id=\"ms_drbd_vg1-meta_attributes-notify\" name=\"notify\" value=\"true\"/>"
          + "</meta_attributes><primitive id=\"p_drbd_vg1\" class=\"ocf\" provider=\"linbit\""
          + " type=\"drbd\"><instance_attributes id=\"p_drbd_vg1-instance_attributes\">"
          + "<nvpair id=\"p_drbd_vg1-instance_attributes-drbd_resource\" name=\"drbd_resource\""
          + " value=\"vg1\"/></instance_attributes></primitive></master>";
  static final String DUMMY =
      "<primitive id=\"my-dummy\" class=\"ocf\" provider=\"heartbeat\" type=\"Dummy\"/>";
  static final String FENCE_PEER =
      "<rsc_location id=\"drbd-fence-by-handler-vg1-ms_drbd_vg1\" rsc=\"ms_drbd_vg1\""
          + " role=\"Master\"><rule id=\"drbd-fence-by-handler-vg1-rule-ms_drbd_vg1\""
          + " score=\"-INFINITY\"><expression attribute=\"#uname\" operation=\"ne\""
          + " value=\"centos01\" id=\"drbd-fence-by-handler-vg1-expr-ms_drbd_vg1\"/></rule>"
          + "</rsc_location>";
  private static final Map<String, String> TAGS =
      Map.of(
          "ms_drbd_vg1", "master",
          "my-dummy", "primitive",
          "drbd-fence-by-handler-vg1-ms_drbd_vg1", "rsc_location");

  private HandMade() {}

  /** Creates the three elements with cibadmin, as an administrator would. */
  static void install(FileCib cib) {
    create(cib, "resources", MASTER_SLAVE);
    create(cib, "resources", DUMMY);
    create(cib, "constraints", FENCE_PEER);
  }

  /**
   * The exact text cibadmin prints for each hand-made element, from its opening tag to its end, so
   * a change of one attribute, one child or its indentation shows.
   */
  static Map<String, String> text(String query) {
    Map<String, String> text = new LinkedHashMap<>();
    TAGS.forEach(
        (id, tag) -> {
          int start = query.indexOf("<" + tag + " id=\"" + id + "\"");
          assertThat(start).as(id + " is in the CIB").isNotNegative();
          int selfClosing = query.indexOf("/>", start);
          int openEnd = query.indexOf('>', start);
          int end =
              selfClosing == openEnd - 1
                  ? openEnd + 1
                  : query.indexOf("</" + tag + ">", start) + tag.length() + 3;
          text.put(id, query.substring(start, end));
        });
    return text;
  }

  private static void create(FileCib cib, String scope, String xml) {
    ExecResult result =
        cib.run(
            Command.of("cibadmin", "--create", "--scope", scope, "--xml-pipe")
                .withStdin(SensitiveBytes.plain(xml)));
    assertThat(result.exitCode()).as(result.summary()).isZero();
  }
}
