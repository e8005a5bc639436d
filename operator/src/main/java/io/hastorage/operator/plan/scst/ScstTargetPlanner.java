package io.hastorage.operator.plan.scst;

import io.hastorage.operator.api.scst.ScstTarget;
import io.hastorage.operator.api.scst.ScstTargetSpec;
import io.hastorage.operator.observe.NodeFacts;
import io.hastorage.operator.observe.ProbeItem;
import io.hastorage.operator.observe.ProbeRequest;
import io.hastorage.operator.plan.Action;
import io.hastorage.operator.plan.ManagedFiles;
import io.hastorage.operator.plan.Step;
import io.hastorage.operator.plan.cluster.ClusterLayerPlanner;
import io.hastorage.operator.plan.pacemaker.Cib;
import io.hastorage.operator.plan.pacemaker.CibChange;
import io.hastorage.operator.plan.pacemaker.CibDiff;
import io.hastorage.operator.plan.pacemaker.CibElement;
import io.hastorage.operator.plan.pacemaker.PacemakerCommands;
import io.hastorage.operator.plan.pacemaker.PacemakerPlanner;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Plans an ScstTarget: which agent family the targets have, the probe that tells, and the CIB diff
 * of the target's own elements pushed through one target node. Pure.
 */
public final class ScstTargetPlanner {

  static final String SCST_OCF_DIR = "/usr/lib/ocf/resource.d/scst";
  static final String HEARTBEAT_DIR = "/usr/lib/ocf/resource.d/heartbeat";
  static final List<String> SCST_OCF_AGENTS =
      List.of(SCST_OCF_DIR + "/SCSTTarget", SCST_OCF_DIR + "/SCSTLun");
  static final List<String> RESOURCE_AGENTS =
      List.of(HEARTBEAT_DIR + "/iSCSITarget", HEARTBEAT_DIR + "/iSCSILogicalUnit");
  static final String RESOURCE_AGENTS_PACKAGE = "resource-agents";

  private static final Pattern VERSION = Pattern.compile("(?:\\d+:)?(\\d+)\\.(\\d+)");

  private ScstTargetPlanner() {}

  /** The agents the node has, the resource-agents version, the CIB, crm_mon and SCST sessions. */
  public static ProbeRequest probeRequest(ScstTarget target) {
    List<String> files = new ArrayList<>(SCST_OCF_AGENTS);
    files.addAll(RESOURCE_AGENTS);
    return new ProbeRequest(Set.of(RESOURCE_AGENTS_PACKAGE), Set.of(), Set.copyOf(files))
        .merge(
            ProbeRequest.ofItems(
                ClusterLayerPlanner.CIB, ClusterLayerPlanner.CRM_MON, sessions(target)));
  }

  /** SCST lists one directory per logged-in initiator session under the target. */
  static ProbeItem sessions(ScstTarget target) {
    String iqn = target.getSpec().iqn;
    return ProbeItem.of(
        "scst-sessions-" + ManagedFiles.sha256(iqn).substring(0, 12),
        "ls",
        "-1",
        "--",
        "/sys/kernel/scst_tgt/targets/iscsi/" + iqn + "/sessions");
  }

  /** Sessions on the node, when SCST answered there. */
  public static Optional<Integer> sessionCount(NodeFacts facts, ScstTarget target) {
    return facts
        .raw()
        .okOutput(sessions(target).name())
        .map(out -> (int) out.lines().filter(l -> !l.isBlank()).count());
  }

  /**
   * The agent family every observed target has for the spec's backend, or why there is none.
   *
   * @param missing per node, what it lacks, for the condition
   */
  public record AgentChoice(Optional<TargetAgents> agents, List<String> missing) {}

  public static AgentChoice agents(ScstTargetSpec spec, Map<String, NodeFacts> targets) {
    boolean scst = spec.backend == null || spec.backend == ScstTargetSpec.Backend.scst;
    boolean allScstOcf = targets.values().stream().allMatch(f -> hasAll(f, SCST_OCF_AGENTS));
    if (scst && allScstOcf && !targets.isEmpty()) {
      return new AgentChoice(Optional.of(TargetAgents.SCST_OCF), List.of());
    }
    List<String> missing = new ArrayList<>();
    for (NodeFacts node : targets.values()) {
      if (!hasAll(node, RESOURCE_AGENTS)) {
        missing.add(node.nodeName() + ": no ocf:heartbeat:iSCSITarget/iSCSILogicalUnit");
      } else if (scst && !resourceAgentsHasScst(node)) {
        missing.add(
            node.nodeName()
                + ": neither the scst-ocf agents ("
                + SCST_OCF_DIR
                + ") nor resource-agents >= 4.13 (implementation=scst); has resource-agents "
                + node.installedPackages().getOrDefault(RESOURCE_AGENTS_PACKAGE, "none"));
      }
    }
    return missing.isEmpty() && !targets.isEmpty()
        ? new AgentChoice(Optional.of(TargetAgents.RESOURCE_AGENTS), List.of())
        : new AgentChoice(Optional.empty(), missing);
  }

  private static boolean hasAll(NodeFacts facts, List<String> files) {
    return files.stream().allMatch(f -> facts.fileHash(f).isPresent());
  }

  /** iSCSITarget/iSCSILogicalUnit learnt implementation=scst in resource-agents 4.13.0. */
  static boolean resourceAgentsHasScst(NodeFacts facts) {
    String version = facts.installedPackages().get(RESOURCE_AGENTS_PACKAGE);
    if (version == null) {
      return false;
    }
    Matcher m = VERSION.matcher(version);
    if (!m.lookingAt()) {
      return false;
    }
    int major = Integer.parseInt(m.group(1));
    int minor = Integer.parseInt(m.group(2));
    return major > 4 || major == 4 && minor >= 13;
  }

  /**
   * The steps that make the CIB hold exactly the target's elements. Only ids {@link
   * ScstTargetElements#ownedBy} this target are ever deleted.
   */
  public static List<Step> plan(
      String node, ScstTarget target, TargetRenderContext context, Cib cib) {
    List<CibElement> desired = ScstTargetElements.desired(target, context);
    String name = target.getMetadata().getName();
    return steps(
        node,
        CibDiff.diff(desired, cib, id -> ScstTargetElements.ownedBy(name, id)),
        context.secretValues());
  }

  /** The steps that take the target out of the CIB (constraints first); Pacemaker stops it. */
  public static List<Step> remove(String node, ScstTarget target, Cib cib) {
    String name = target.getMetadata().getName();
    return steps(
        node, CibDiff.diff(List.of(), cib, id -> ScstTargetElements.ownedBy(name, id)), Map.of());
  }

  private static List<Step> steps(
      String node, List<CibChange> changes, Map<String, String> secretValues) {
    return changes.stream()
        .map(
            change ->
                Step.of(
                    node,
                    change.toString(),
                    new Action.RunCommand(
                        PacemakerCommands.apply(
                            change, PacemakerPlanner.holdsSecret(change.element(), secretValues)))))
        .toList();
  }
}
