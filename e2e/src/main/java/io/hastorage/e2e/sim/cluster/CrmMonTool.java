package io.hastorage.e2e.sim.cluster;

import io.hastorage.e2e.sim.ExecOutcome;
import io.hastorage.e2e.sim.SimulatedNode;
import io.hastorage.e2e.sim.SimulatedTool;
import io.hastorage.e2e.sim.ToolContext;
import io.hastorage.e2e.sim.UnsupportedFeatureException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * {@code crm_mon --one-shot --output-as=xml} (also {@code -1}, {@code --output-as xml}): the
 * structure Pacemaker 2.1.5 prints (api-version 2.25), from the viewing node's membership and the
 * CIB. The {@code <resources>} section shows where Pacemaker would run them ({@link
 * PacemakerPlacement}): no resource agent runs, DRBD's state places the ocf:linbit:drbd clones and
 * the rest follows their colocations. Without a running pacemaker on the node it prints the XML
 * error crm_mon prints and exits 102 (CRM_EX_DISCONNECT, "Not connected"). pacemakerd's
 * last_updated is the time of the query, as pacemakerd answers crm_mon's ping then.
 */
final class CrmMonTool implements SimulatedTool {

  static final int NOT_CONNECTED = 102;

  private final SimulatedCluster cluster;

  CrmMonTool(SimulatedCluster cluster) {
    this.cluster = cluster;
  }

  @Override
  public boolean mutates(List<String> argv) {
    return false;
  }

  @Override
  public ExecOutcome run(List<String> argv, ToolContext context) {
    checkArguments(argv);
    String request = "crm_mon " + String.join(" ", argv.subList(1, argv.size()));
    SimulatedNode node = context.node();
    Optional<String> xml =
        cluster.readCib(node.name(), (cib, view) -> render(request, cib, view, node));
    return xml.map(ExecOutcome::ok).orElseGet(() -> notConnected(request));
  }

  private static void checkArguments(List<String> argv) {
    boolean oneShot = false;
    boolean xml = false;
    for (int i = 1; i < argv.size(); i++) {
      String arg = argv.get(i);
      if (arg.equals("--one-shot") || arg.equals("-1")) {
        oneShot = true;
      } else if (arg.equals("--output-as=xml")) {
        xml = true;
      } else if (arg.equals("--output-as")
          && i + 1 < argv.size()
          && argv.get(i + 1).equals("xml")) {
        xml = true;
        i++;
      } else {
        throw new UnsupportedFeatureException("crm_mon option '" + arg + "'");
      }
    }
    if (!oneShot || !xml) {
      throw new UnsupportedFeatureException("crm_mon other than --one-shot --output-as=xml");
    }
  }

  private String render(String request, Cib cib, ClusterView view, SimulatedNode node) {
    Instant now = cluster.now();
    ClusterOptions options = new ClusterOptions(cib);
    XmlOut out = new XmlOut();
    out.open("pacemaker-result", "api-version", "2.25", "request", request);
    out.empty(
        "pacemakerd",
        "sys_from",
        "pacemakerd",
        "state",
        "running",
        "last_updated",
        ClusterTime.iso(now));
    out.open("summary").empty("stack", "type", "corosync");
    currentDc(out, view, SimulatedCluster.pacemakerVersion(node));
    out.empty("last_update", "time", ClusterTime.ctime(now));
    lastChange(out, cib);
    out.empty("nodes_configured", "number", Integer.toString(cib.nodes().size()));
    ResourceCount resources = ResourceCount.of(cib);
    out.empty(
        "resources_configured",
        "number",
        Integer.toString(resources.instances()),
        "disabled",
        Integer.toString(resources.disabled()),
        "blocked",
        "0");
    out.empty("cluster_options", options.crmMonAttributes()).close("summary");
    PacemakerPlacement placement = PacemakerPlacement.of(cib, view, cluster.drbd());
    out.open("nodes");
    for (String[] configured : cib.nodes()) {
      out.empty("node", nodeAttributes(configured, view, cib, options, placement));
    }
    out.close("nodes").raw(placement.xml()).empty("node_history");
    out.empty("status", "code", "0", "message", "OK");
    return out.close("pacemaker-result").toString();
  }

  private static void currentDc(XmlOut out, ClusterView view, String version) {
    if (view.dc().isEmpty()) {
      out.empty("current_dc", "present", "false");
      return;
    }
    out.empty(
        "current_dc",
        "present",
        "true",
        "version",
        version,
        "name",
        view.dc().get(),
        "id",
        Integer.toString(view.dcId().orElseThrow()),
        "with_quorum",
        Boolean.toString(view.quorate()),
        "mixed_version",
        "false");
  }

  private static void lastChange(XmlOut out, Cib cib) {
    if (!cib.root().hasAttribute("cib-last-written")) {
      return;
    }
    out.empty(
        "last_change",
        "time",
        cib.root().getAttribute("cib-last-written"),
        "user",
        cib.root().getAttribute("update-user"),
        "client",
        cib.root().getAttribute("update-client"),
        "origin",
        cib.root().getAttribute("update-origin"));
  }

  private static String[] nodeAttributes(
      String[] configured,
      ClusterView view,
      Cib cib,
      ClusterOptions options,
      PacemakerPlacement placement) {
    String id = configured[0];
    String name = configured[1];
    Optional<ClusterView.NodeStatus> status =
        view.nodes().stream().filter(n -> n.name().equals(name)).findFirst();
    boolean online = status.map(ClusterView.NodeStatus::online).orElse(false);
    boolean unclean =
        !online
            && status.map(ClusterView.NodeStatus::crashed).orElse(false)
            && options.stonithEnabled();
    List<String> attrs = new ArrayList<>(List.of("name", name, "id", id));
    attrs.addAll(List.of("online", Boolean.toString(online)));
    attrs.addAll(List.of("standby", Boolean.toString(NodeAttributes.isOn(cib, id, "standby"))));
    attrs.addAll(List.of("standby_onfail", "false"));
    attrs.addAll(
        List.of("maintenance", Boolean.toString(NodeAttributes.isOn(cib, id, "maintenance"))));
    attrs.addAll(List.of("pending", "false", "unclean", Boolean.toString(unclean)));
    attrs.addAll(List.of("health", "green"));
    if (online) {
      attrs.addAll(List.of("feature_set", Cib.FEATURE_SET));
    }
    attrs.addAll(List.of("shutdown", "false"));
    attrs.addAll(
        List.of(
            "expected_up",
            Boolean.toString(status.map(ClusterView.NodeStatus::expectedUp).orElse(false))));
    attrs.addAll(List.of("is_dc", Boolean.toString(view.dc().equals(Optional.of(name)))));
    int running = online ? placement.resourcesRunning(name) : 0;
    attrs.addAll(List.of("resources_running", Integer.toString(running), "type", "member"));
    return attrs.toArray(String[]::new);
  }

  private static ExecOutcome notConnected(String request) {
    String xml =
        new XmlOut()
            .open("pacemaker-result", "api-version", "2.25", "request", request)
            .open("status", "code", Integer.toString(NOT_CONNECTED), "message", "Not connected")
            .open("errors")
            .text("error", "crm_mon: Error: cluster is not available on this node")
            .close("errors")
            .close("status")
            .close("pacemaker-result")
            .toString();
    return ExecOutcome.of(NOT_CONNECTED, xml, "");
  }
}
