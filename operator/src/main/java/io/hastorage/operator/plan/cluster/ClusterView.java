package io.hastorage.operator.plan.cluster;

import io.hastorage.operator.api.cluster.ClusterNode;
import io.hastorage.operator.api.cluster.NodeRole;
import io.hastorage.operator.api.cluster.StorageClusterSpec;
import io.hastorage.operator.observe.NodeFacts;
import io.hastorage.operator.plan.corosync.CorosyncLinkStatusParser;
import io.hastorage.operator.plan.corosync.LinkStatus;
import io.hastorage.operator.plan.pacemaker.Cib;
import io.hastorage.operator.plan.pacemaker.ClusterState;
import io.hastorage.operator.plan.pacemaker.CrmMonParser;
import io.hastorage.operator.plan.pacemaker.PacemakerElements;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * What the targets' probes say about the cluster layer: Pacemaker's view (from the first target
 * whose crm_mon answered), each target's Corosync links, and whether fencing is in the CIB.
 */
public record ClusterView(
    Optional<ClusterState> pacemaker, Map<String, List<LinkStatus>> links, Optional<Cib> cib) {

  public static ClusterView of(StorageClusterSpec spec, Map<String, NodeFacts> factsByNode) {
    Optional<ClusterState> state = Optional.empty();
    Map<String, List<LinkStatus>> links = new LinkedHashMap<>();
    for (ClusterNode target : spec.nodesWithRole(NodeRole.Target)) {
      NodeFacts facts = factsByNode.get(target.name);
      if (facts == null) {
        continue;
      }
      if (state.isEmpty()) {
        state =
            facts.raw().okOutput(ClusterLayerPlanner.CRM_MON.name()).flatMap(ClusterView::crmMon);
      }
      facts
          .raw()
          .okOutput(ClusterLayerPlanner.LINKS.name())
          .map(CorosyncLinkStatusParser::parse)
          .ifPresent(parsed -> links.put(target.name, parsed));
    }
    Optional<Cib> cib =
        ClusterLayerPlanner.readableCib(spec, factsByNode)
            .flatMap(f -> f.raw().okOutput(ClusterLayerPlanner.CIB.name()))
            .map(Cib::parse);
    return new ClusterView(state, links, cib);
  }

  /** stonith-enabled is true in the CIB and every device the spec declares is there. */
  public boolean fencingInCib(StorageClusterSpec spec) {
    return cib.map(
            c ->
                "true".equals(c.properties().get("stonith-enabled"))
                    && !spec.pacemakerOrEmpty().stonith.isEmpty()
                    && spec.pacemakerOrEmpty().stonith.stream()
                        .allMatch(d -> c.element(PacemakerElements.stonithId(d)).isPresent()))
        .orElse(false);
  }

  private static Optional<ClusterState> crmMon(String xml) {
    try {
      return Optional.of(CrmMonParser.parse(xml));
    } catch (IllegalArgumentException e) {
      return Optional.empty(); // crm_mon answered but not with a usable status: not observable
    }
  }
}
