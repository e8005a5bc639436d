package io.hastorage.e2e.sim.cluster;

import org.w3c.dom.Document;
import org.w3c.dom.Element;

/**
 * What {@code cibadmin --query} shows beyond the stored configuration: have-quorum and dc-uuid on
 * the root, and a status section with a node_state per node that ever joined (as Pacemaker 2.1.5
 * writes them: in_ccm/crmd/join/expected, the #feature-set transient attribute, an empty lrm).
 */
final class CibStatus {

  private CibStatus() {}

  /** A detached copy of the CIB root with the live parts filled in from {@code view}. */
  static Element render(Cib cib, ClusterView view) {
    Element root = (Element) cib.root().cloneNode(true);
    root.setAttribute("have-quorum", view.quorate() ? "1" : "0");
    view.dcId().ifPresent(id -> root.setAttribute("dc-uuid", Integer.toString(id)));
    Element status = Cib.child(root, "status").orElseThrow();
    Document doc = cib.document();
    for (String[] node : cib.nodes()) {
      view.nodes().stream()
          .filter(n -> n.name().equals(node[1]) && n.expectedUp())
          .findFirst()
          .ifPresent(n -> status.appendChild(nodeState(doc, node[0], n)));
    }
    return root;
  }

  private static Element nodeState(Document doc, String id, ClusterView.NodeStatus node) {
    Element state = doc.createElement("node_state");
    state.setAttribute("id", id);
    state.setAttribute("uname", node.name());
    state.setAttribute("in_ccm", Boolean.toString(node.connected()));
    state.setAttribute("crmd", node.online() ? "online" : "offline");
    state.setAttribute(
        "crm-debug-origin", node.online() ? "do_state_transition" : "post_cache_update");
    state.setAttribute("join", node.online() ? "member" : "down");
    state.setAttribute("expected", node.online() || node.crashed() ? "member" : "down");
    if (node.online()) {
      Element transients = child(doc, state, "transient_attributes", id);
      Element attrs = child(doc, transients, "instance_attributes", "status-" + id);
      Element featureSet = child(doc, attrs, "nvpair", "status-" + id + "-.feature-set");
      featureSet.setAttribute("name", "#feature-set");
      featureSet.setAttribute("value", Cib.FEATURE_SET);
    }
    child(doc, child(doc, state, "lrm", id), "lrm_resources", null);
    return state;
  }

  private static Element child(Document doc, Element parent, String tag, String id) {
    Element child = doc.createElement(tag);
    if (id != null) {
      child.setAttribute("id", id);
    }
    parent.appendChild(child);
    return child;
  }
}
