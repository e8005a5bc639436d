package io.hastorage.operator.plan.scst;

import io.hastorage.operator.api.scst.Lun;
import io.hastorage.operator.api.scst.ScstTarget;
import io.hastorage.operator.api.scst.ScstTargetSpec;
import io.hastorage.operator.node.Command;
import io.hastorage.operator.observe.NodeFacts;
import io.hastorage.operator.observe.ProbeItem;
import io.hastorage.operator.observe.ProbeRequest;
import io.hastorage.operator.plan.Action;
import io.hastorage.operator.plan.Guard;
import io.hastorage.operator.plan.ManagedFiles;
import io.hastorage.operator.plan.Step;
import io.hastorage.operator.plan.cluster.ClusterLayerPlanner;
import io.hastorage.operator.plan.pacemaker.Cib;
import io.hastorage.operator.plan.pacemaker.CibChange;
import io.hastorage.operator.plan.pacemaker.CibDiff;
import io.hastorage.operator.plan.pacemaker.CibElement;
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

  static final ProbeItem IPTABLES_VERSION = ProbeItem.of("iptables-version", "iptables", "-V");
  static final ProbeItem IPTABLES_INPUT =
      ProbeItem.of("iptables-input", "iptables", "-n", "-L", "INPUT");
  static final ProbeItem IPTABLES_RULES = ProbeItem.of("iptables-rules", "iptables", "-S", "INPUT");

  private ScstTargetPlanner() {}

  /** The agents the node has, the resource-agents version, the CIB, crm_mon and SCST sessions. */
  public static ProbeRequest probeRequest(ScstTarget target) {
    List<String> files = new ArrayList<>(SCST_OCF_AGENTS);
    files.addAll(RESOURCE_AGENTS);
    files.add(PortblockWrapperAgent.PATH); // so the wrapper is written only when it differs
    return new ProbeRequest(Set.of(RESOURCE_AGENTS_PACKAGE), Set.of(), Set.copyOf(files))
        .merge(
            ProbeRequest.ofItems(
                ClusterLayerPlanner.CIB,
                ClusterLayerPlanner.CRM_MON,
                sessions(target),
                IPTABLES_VERSION,
                IPTABLES_INPUT,
                IPTABLES_RULES));
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
   * Portals ("ip:port") whose portblock DROP rule is still in the node's INPUT chain. On the node
   * running the target, after the unblock resource started, that means clients cannot connect.
   */
  public static List<String> blockedPortals(ScstTarget target, NodeFacts node) {
    Optional<String> rules = node.raw().okOutput(IPTABLES_RULES.name());
    if (rules.isEmpty() || Boolean.FALSE.equals(target.getSpec().portblock)) {
      return List.of();
    }
    return target.getSpec().portals.stream()
        .filter(
            p ->
                !PortblockCompatibility.dropRules(rules.get(), p.ip, p.port == null ? 3260 : p.port)
                    .isEmpty())
        .map(p -> p.ip + ":" + (p.port == null ? 3260 : p.port))
        .toList();
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
   * Which portblock agent the group's primitives name, the steps that put the wrapper agent on the
   * targets when it is needed (on every target: the group may run on either), and per node what
   * keeps portblock from working at all.
   */
  public record PortblockPlan(String provider, List<Step> steps, List<String> problems) {}

  public static PortblockPlan portblock(ScstTargetSpec spec, Map<String, NodeFacts> targets) {
    if (Boolean.FALSE.equals(spec.portblock)) {
      return new PortblockPlan("heartbeat", List.of(), List.of());
    }
    List<PortblockCompatibility.Assessment> assessments =
        targets.values().stream()
            .map(
                f ->
                    PortblockCompatibility.assess(
                        f.nodeName(),
                        Optional.ofNullable(f.installedPackages().get(RESOURCE_AGENTS_PACKAGE)),
                        f.raw().okOutput(IPTABLES_VERSION.name()),
                        f.raw().okOutput(IPTABLES_INPUT.name())))
            .toList();
    List<String> problems =
        assessments.stream()
            .filter(a -> !a.usable())
            .map(PortblockCompatibility.Assessment::message)
            .toList();
    boolean wrapper =
        assessments.stream().anyMatch(PortblockCompatibility.Assessment::wrapperNeeded);
    if (!wrapper) {
      return new PortblockPlan("heartbeat", List.of(), problems);
    }
    PortblockCompatibility.Assessment needed =
        new PortblockCompatibility.Assessment(
            true, "hastorage", true, PortblockCompatibility.WORKAROUND, "");
    List<Step> steps = new ArrayList<>();
    targets
        .values()
        .forEach(f -> PortblockCompatibility.wrapperStep(needed, f).ifPresent(steps::add));
    return new PortblockPlan("hastorage", steps, problems);
  }

  /**
   * The steps that make the CIB hold exactly the target's elements. Only ids {@link
   * ScstTargetElements#ownedBy} this target are ever deleted.
   *
   * <p>A change of LUN device attributes alone is not pushed as a new group (Pacemaker would
   * restart the LU and everything after it): it goes through {@link DeviceAttributeChange}, live on
   * the node running the LU and then into the CIB without a restart. A live change that stopped
   * half-way (its marker meta set is still on the LU) is finished first.
   *
   * @param placement where crm_mon shows each resource active; empty when crm_mon was not read
   */
  public static List<Step> plan(
      String node,
      ScstTarget target,
      TargetRenderContext context,
      Cib cib,
      Map<String, List<String>> placement) {
    List<CibElement> desired = ScstTargetElements.desired(target, context);
    String name = target.getMetadata().getName();
    Optional<CibElement> currentGroup = cib.element(ScstTargetElements.groupId(name));
    if (currentGroup.isPresent()) {
      Optional<List<Step>> live = liveChange(target, desired.get(0), currentGroup.get(), placement);
      if (live.isPresent()) {
        return live.get();
      }
    }
    return steps(
        node,
        CibDiff.diff(desired, cib, id -> ScstTargetElements.ownedBy(name, id)),
        context.secretValues());
  }

  /**
   * The live path, when it applies: an unfinished live change to finish, or a group that differs
   * from the desired one in LU device attributes only, on LUs that run somewhere.
   */
  private static Optional<List<Step>> liveChange(
      ScstTarget target,
      CibElement desiredGroup,
      CibElement currentGroup,
      Map<String, List<String>> placement) {
    String name = target.getMetadata().getName();
    List<Step> finish = new ArrayList<>();
    for (Lun lun : target.getSpec().luns) {
      String lu = ScstTargetElements.luId(name, lun.number);
      Optional<String> runsOn = placement.getOrDefault(lu, List.of()).stream().findFirst();
      if (currentGroup.xml().contains("id=\"" + DeviceAttributeChange.liveChangeSetId(lu) + "\"")
          && runsOn.isPresent()) {
        finish.addAll(DeviceAttributeChange.finish(lu, runsOn.get()));
      }
    }
    if (!finish.isEmpty()) {
      return Optional.of(finish);
    }
    if (currentGroup.xml().equals(desiredGroup.xml())) {
      return Optional.empty();
    }
    String aligned = currentGroup.xml();
    List<Step> steps = new ArrayList<>();
    for (Lun lun : target.getSpec().luns) {
      String lu = ScstTargetElements.luId(name, lun.number);
      Optional<String> want = attributes(desiredGroup.xml(), lu);
      Optional<String> have = attributes(currentGroup.xml(), lu);
      Optional<String> runsOn = placement.getOrDefault(lu, List.of()).stream().findFirst();
      if (want.isEmpty() || have.isEmpty() || want.equals(have)) {
        continue;
      }
      if (runsOn.isEmpty()) {
        return Optional.empty(); // not running: a plain replace restarts nothing
      }
      aligned = aligned.replace(attributeNvpair(lu, have.get()), attributeNvpair(lu, want.get()));
      DeviceAttributeChange.Result change =
          DeviceAttributeChange.plan(
              lu,
              runsOn.get(),
              lun.deviceName,
              DeviceAttributeChange.applied(have.get()),
              DeviceAttributeChange.parse(want.get()));
      if (!change.decision().allowed()) {
        Guard refuse = facts -> change.decision();
        steps.add(
            new Step(
                runsOn.get(),
                "change device attributes of " + lun.deviceName + " (refused)",
                refuse,
                new Action.RunCommand(Command.of("true"))));
        return Optional.of(steps);
      }
      steps.addAll(change.steps());
    }
    return aligned.equals(desiredGroup.xml()) && !steps.isEmpty()
        ? Optional.of(steps)
        : Optional.empty();
  }

  private static Optional<String> attributes(String groupXml, String lu) {
    Matcher m =
        Pattern.compile(Pattern.quote(attributeNvpairPrefix(lu)) + "([^\"]*)\"").matcher(groupXml);
    return m.find() ? Optional.of(m.group(1)) : Optional.empty();
  }

  private static String attributeNvpairPrefix(String lu) {
    String id = lu + "-instance_attributes-" + DeviceAttributeChange.PARAMETER;
    return "<nvpair id=\"" + id + "\" name=\"" + DeviceAttributeChange.PARAMETER + "\" value=\"";
  }

  private static String attributeNvpair(String lu, String value) {
    return attributeNvpairPrefix(lu) + value + "\"";
  }

  /** The steps that take the target out of the CIB (constraints first); Pacemaker stops it. */
  public static List<Step> remove(String node, ScstTarget target, Cib cib) {
    String name = target.getMetadata().getName();
    return steps(
        node, CibDiff.diff(List.of(), cib, id -> ScstTargetElements.ownedBy(name, id)), Map.of());
  }

  private static List<Step> steps(
      String node, List<CibChange> changes, Map<String, String> secretValues) {
    return PacemakerPlanner.steps(node, changes, secretValues);
  }
}
