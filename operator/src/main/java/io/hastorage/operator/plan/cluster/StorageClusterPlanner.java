package io.hastorage.operator.plan.cluster;

import io.hastorage.operator.api.cluster.ClusterNode;
import io.hastorage.operator.api.cluster.NodeRole;
import io.hastorage.operator.api.cluster.PrerequisitesSpec;
import io.hastorage.operator.api.cluster.StorageClusterSpec;
import io.hastorage.operator.observe.NodeFacts;
import io.hastorage.operator.observe.ProbeRequest;
import io.hastorage.operator.plan.Plan;
import io.hastorage.operator.plan.Step;
import io.hastorage.operator.plan.lvm.LvmLocalConf;
import io.hastorage.operator.plan.lvm.LvmSystemPlanner;
import io.hastorage.operator.plan.lvm.PhysicalVolumes;
import io.hastorage.operator.plan.prereq.PrerequisiteCatalog;
import io.hastorage.operator.plan.prereq.PrerequisitePlanner;
import io.hastorage.operator.plan.prereq.PrerequisiteReport;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The StorageCluster's desired state per node, as a plan. Pure: spec, facts and the cluster's
 * secrets in, steps out. Nodes without facts (unreachable) get no steps; they are planned once they
 * answer.
 *
 * <p>Per node, in order: prerequisites (packages, kernel modules); on targets the LVM system
 * settings (only when spec.lvm is set: a filter written without knowing the system disks could hide
 * the root VG); then the cluster layer ({@link ClusterLayerPlanner}), but only on targets whose
 * packages are all present, so no configuration is written before its package exists.
 */
public final class StorageClusterPlanner {

  private StorageClusterPlanner() {}

  /** The cluster's secrets as the reconciler could read them. */
  public record Secrets(Optional<byte[]> authkey, Optional<Map<String, String>> fenceSecrets) {
    public static Secrets none() {
      return new Secrets(Optional.empty(), Optional.empty());
    }
  }

  /** What the probe must look at on {@code node} for this planner to decide. */
  public static ProbeRequest probeRequest(StorageClusterSpec spec, ClusterNode node) {
    PrerequisitesSpec prerequisites = spec.prerequisitesOrEmpty();
    ProbeRequest request =
        new ProbeRequest(
            PrerequisiteCatalog.packagesToQuery(node.role, prerequisites),
            Set.of(),
            Set.of(PrerequisitePlanner.MODULES_LOAD_FILE));
    if (node.role == NodeRole.Target) {
      request = request.merge(ClusterLayerPlanner.probeRequest());
      if (spec.lvm != null) {
        request =
            request
                .merge(new ProbeRequest(Set.of(), Set.of(), Set.of(LvmLocalConf.PATH)))
                .merge(ProbeRequest.ofContents(LvmLocalConf.PATH))
                .merge(ProbeRequest.ofItems(PhysicalVolumes.PROBE));
      }
    }
    return request;
  }

  public static ClusterPlan plan(
      StorageClusterSpec spec, Map<String, NodeFacts> factsByNode, Secrets secrets) {
    List<Step> steps = new ArrayList<>();
    Map<String, PrerequisiteReport> reports = new LinkedHashMap<>();
    Map<String, NodeFacts> readyTargets = new LinkedHashMap<>();
    PrerequisitesSpec prerequisites = spec.prerequisitesOrEmpty();
    for (ClusterNode node : spec.nodes) {
      NodeFacts facts = factsByNode.get(node.name);
      if (facts == null) {
        continue;
      }
      PrerequisiteReport report = PrerequisiteReport.of(node.role, prerequisites, facts);
      reports.put(node.name, report);
      steps.addAll(PrerequisitePlanner.plan(node.role, prerequisites, facts));
      if (node.role == NodeRole.Target && spec.lvm != null) {
        steps.addAll(LvmSystemPlanner.plan(spec.lvm, facts));
      }
      if (node.role == NodeRole.Target
          && report.supportedOs()
          && report.missingPackages().isEmpty()) {
        readyTargets.put(node.name, facts);
      }
    }
    steps.addAll(
        ClusterLayerPlanner.plan(spec, readyTargets, secrets.authkey(), secrets.fenceSecrets()));
    return new ClusterPlan(Plan.of(steps), reports, ClusterView.of(spec, factsByNode));
  }

  /** The plan, per observed node what it lacks, and the cluster layer as observed. */
  public record ClusterPlan(
      Plan plan, Map<String, PrerequisiteReport> prerequisites, ClusterView cluster) {}
}
