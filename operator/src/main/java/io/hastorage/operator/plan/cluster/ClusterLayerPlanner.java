package io.hastorage.operator.plan.cluster;

import io.hastorage.operator.api.cluster.ClusterNode;
import io.hastorage.operator.api.cluster.NodeRole;
import io.hastorage.operator.api.cluster.StorageClusterSpec;
import io.hastorage.operator.node.Command;
import io.hastorage.operator.observe.NodeFacts;
import io.hastorage.operator.observe.ProbeItem;
import io.hastorage.operator.observe.ProbeRequest;
import io.hastorage.operator.plan.Action;
import io.hastorage.operator.plan.ManagedFiles;
import io.hastorage.operator.plan.Step;
import io.hastorage.operator.plan.corosync.CorosyncConfig;
import io.hastorage.operator.plan.corosync.CorosyncFacts;
import io.hastorage.operator.plan.corosync.CorosyncPlanner;
import io.hastorage.operator.plan.pacemaker.ActiveResources;
import io.hastorage.operator.plan.pacemaker.Cib;
import io.hastorage.operator.plan.pacemaker.PacemakerCommands;
import io.hastorage.operator.plan.pacemaker.PacemakerPlanner;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The cluster layer on the target pair, in dependency phases (a later phase waits for a later
 * reconcile that observes the earlier one done):
 *
 * <ol>
 *   <li>per target: the authkey and corosync.conf (a changed conf on a running Corosync is reloaded
 *       with corosync-cfgtool -R, never restarted);
 *   <li>per target: Corosync and Pacemaker started (and enabled with systemd) when not running;
 *   <li>once one target answers cibadmin --query: cluster properties and the operator's own CIB
 *       elements (fencing), pushed through that node as a diff. Elements the operator does not own
 *       are never touched.
 * </ol>
 */
public final class ClusterLayerPlanner {

  public static final ProbeItem CRM_MON =
      new ProbeItem("crm-mon", PacemakerCommands.clusterStatus().argv());
  public static final ProbeItem CIB = new ProbeItem("cib", PacemakerCommands.queryCib().argv());
  public static final String CONF_BACKUP = CorosyncPlanner.CONF_PATH + ".before-ha-iscsi-operator";
  public static final ProbeItem LINKS = ProbeItem.of("corosync-links", "corosync-cfgtool", "-s");

  private ClusterLayerPlanner() {}

  /** What a target's probe must include for this planner and the cluster status. */
  public static ProbeRequest probeRequest() {
    return CorosyncPlanner.probeRequest()
        .merge(ClusterServices.probeRequest())
        .merge(ProbeRequest.ofItems(CRM_MON, CIB, LINKS))
        .merge(ProbeRequest.ofContents(CorosyncPlanner.CONF_PATH))
        .merge(
            new ProbeRequest(
                java.util.Set.of(), java.util.Set.of(), java.util.Set.of(CONF_BACKUP)));
  }

  /**
   * @param authkey the cluster's Corosync key; empty when it could not be had (nothing planned)
   * @param secretValues fence device secrets, keyed "DEVICE/PARAM"; empty when some are missing
   *     (then the CIB is not changed, and the status says which Secret is missing)
   */
  public static List<Step> plan(
      StorageClusterSpec spec,
      Map<String, NodeFacts> factsByNode,
      Optional<byte[]> authkey,
      Optional<Map<String, String>> secretValues) {
    List<Step> steps = new ArrayList<>();
    if (authkey.isEmpty()) {
      return steps;
    }
    CorosyncConfig config = CorosyncConfig.from(spec);
    for (ClusterNode target : spec.nodesWithRole(NodeRole.Target)) {
      NodeFacts facts = factsByNode.get(target.name);
      if (facts != null) {
        CorosyncFacts corosync =
            new CorosyncFacts(
                facts.fileHash(CorosyncPlanner.CONF_PATH),
                facts.fileHash(CorosyncPlanner.AUTHKEY_PATH),
                ClusterServices.corosyncRunning(facts));
        backupOfForeignConf(facts).ifPresent(steps::add);
        steps.addAll(CorosyncPlanner.plan(target.name, config, authkey.get(), corosync));
        steps.addAll(ClusterServices.plan(facts));
      }
    }
    Optional<NodeFacts> cibNode = readableCib(spec, factsByNode);
    if (cibNode.isPresent() && secretValues.isPresent()) {
      Cib cib = Cib.parse(cibNode.get().raw().okOutput(CIB.name()).orElseThrow());
      steps.addAll(PacemakerPlanner.plan(cibNode.get().nodeName(), spec, secretValues.get(), cib));
    }
    return steps;
  }

  /**
   * Before the operator first overwrites a corosync.conf it did not write (a hand-built cluster
   * being adopted), a copy is kept beside it, once: no copy is planned when one exists already.
   */
  static Optional<Step> backupOfForeignConf(NodeFacts facts) {
    Optional<String> current = facts.fileContent(CorosyncPlanner.CONF_PATH);
    if (current.isEmpty()
        || current.get().contains(ManagedFiles.MARKER)
        || facts.fileHash(CONF_BACKUP).isPresent()) {
      return Optional.empty();
    }
    return Optional.of(
        Step.of(
            facts.nodeName(),
            "keep a copy of the existing " + CorosyncPlanner.CONF_PATH + " as " + CONF_BACKUP,
            new Action.RunCommand(
                Command.of("cp", "-p", "--", CorosyncPlanner.CONF_PATH, CONF_BACKUP))));
  }

  /** The first target (spec order) whose CIB could be read in this probe. */
  public static Optional<NodeFacts> readableCib(
      StorageClusterSpec spec, Map<String, NodeFacts> factsByNode) {
    return spec.nodesWithRole(NodeRole.Target).stream()
        .map(n -> factsByNode.get(n.name))
        .filter(f -> f != null && f.raw().okOutput(CIB.name()).isPresent())
        .findFirst();
  }

  /**
   * Where crm_mon on this node shows each resource active (see {@link ActiveResources}); empty when
   * crm_mon did not answer or answered something that is not its XML.
   */
  public static Optional<Map<String, List<String>>> placement(NodeFacts facts) {
    try {
      return facts.raw().okOutput(CRM_MON.name()).map(ActiveResources::placement);
    } catch (IllegalArgumentException e) {
      return Optional.empty();
    }
  }
}
