package io.hastorage.e2e.sim.cluster;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.w3c.dom.Element;

/**
 * Where Pacemaker would run the configured resources, as one node's crm_mon shows it, and its one
 * recovery the simulation models: failover of a promotable DRBD clone after a crash. No resource
 * agent runs; DRBD's own state ({@link DrbdRoles}) decides the clones, and the rest follows:
 *
 * <ul>
 *   <li>a promotable clone of ocf:linbit:drbd for DRBD resource R has one instance per eligible
 *       node where R is up: Promoted where R is Primary, Unpromoted elsewhere; the rest of
 *       clone-max are Stopped instances;
 *   <li>other clones run one Started instance (Unpromoted if promotable) per eligible node;
 *   <li>a primitive or group positively colocated ({@code rsc_colocation}) with such a DRBD clone
 *       runs where R is Primary (with the Promoted role) or up (other roles); colocated with
 *       another primitive or group, where that one runs (transitively); otherwise on the first
 *       eligible node that no {@code -INFINITY rsc_location} bans (a fence device's avoid-self
 *       constraint).
 * </ul>
 *
 * Eligible nodes are the viewer's online, non-standby members in CIB node order; nothing runs when
 * its partition lacks quorum (unless no-quorum-policy=ignore) or with stop-all-resources. A
 * resource whose target-role (or a parent's) is Stopped, or that follows one that cannot run, is
 * Stopped. Not modelled: scores other than the sign, negative colocations, utilization and load
 * balancing, stickiness, orphans, failures, fencing delays.
 */
final class PacemakerPlacement {

  private static final String PROMOTED = "Promoted";
  private static final String UNPROMOTED = "Unpromoted";
  private static final String STARTED = "Started";
  private static final String STOPPED = "Stopped";

  /** A resource instance on a node, in a role. */
  private record Instance(String node, String role) {}

  private final Cib cib;
  private final DrbdRoles drbd;
  private final List<String> eligible;
  private final Map<String, String> nodeIds = new LinkedHashMap<>();
  private final Map<String, Element> byId = new HashMap<>();
  private final List<Element> colocations = new ArrayList<>();
  private final Map<String, Set<String>> bans = new HashMap<>();
  private final Map<String, Optional<String>> located = new HashMap<>();
  private final Map<String, Integer> running = new HashMap<>();
  private final Map<String, List<String>> startedOn = new LinkedHashMap<>();
  private String xml = "";

  private PacemakerPlacement(Cib cib, DrbdRoles drbd, List<String> eligible) {
    this.cib = cib;
    this.drbd = drbd;
    this.eligible = eligible;
    cib.nodes().forEach(n -> nodeIds.put(n[1], n[0]));
    index(cib.section("resources").orElseThrow());
    for (Element constraint : CibXml.children(cib.section("constraints").orElseThrow())) {
      if (constraint.getTagName().equals("rsc_colocation") && positive(constraint)) {
        colocations.add(constraint);
      } else if (constraint.getTagName().equals("rsc_location")
          && constraint.hasAttribute("node")
          && constraint.getAttribute("score").matches("^-(INFINITY|infinity)$")) {
        bans.computeIfAbsent(constraint.getAttribute("rsc"), k -> new HashSet<>())
            .add(constraint.getAttribute("node"));
      }
    }
  }

  /** The placement as {@code view}'s node sees the cluster. */
  static PacemakerPlacement of(Cib cib, ClusterView view, DrbdRoles drbd) {
    ClusterOptions options = new ClusterOptions(cib);
    boolean canRun =
        (view.quorate() || cib.property("no-quorum-policy").orElse("").equals("ignore"))
            && !options.bool("stop-all-resources", false);
    List<String> online = view.onlineNodes();
    List<String> eligible =
        !canRun
            ? List.of()
            : cib.nodes().stream()
                .filter(n -> online.contains(n[1]))
                .filter(n -> !NodeAttributes.isOn(cib, n[0], "standby"))
                .map(n -> n[1])
                .toList();
    PacemakerPlacement placement = new PacemakerPlacement(cib, drbd, eligible);
    XmlOut out = new XmlOut(1);
    placement.render(out);
    placement.xml = out.toString();
    return placement;
  }

  /**
   * Pacemaker's reaction to a crashed member: every enabled promotable DRBD clone whose resource
   * has no Primary left is promoted on the first of {@code deciders} (nodes whose pacemaker runs
   * with quorum) where the linbit agent's promote succeeds (side up, disk UpToDate).
   */
  static void failover(Cib cib, List<String> deciders, DrbdRoles drbd) {
    PacemakerPlacement placement = new PacemakerPlacement(cib, drbd, deciders);
    for (Element clone : CibXml.children(cib.section("resources").orElseThrow())) {
      Optional<String> resource = placement.promotableDrbd(clone);
      if (resource.isEmpty() || placement.disabled(clone).isPresent()) {
        continue;
      }
      boolean hasPrimary =
          deciders.stream()
              .anyMatch(n -> drbd.role(n, resource.get()).filter("Primary"::equals).isPresent());
      for (int i = 0; !hasPrimary && i < deciders.size(); i++) {
        hasPrimary = drbd.promote(deciders.get(i), resource.get());
      }
    }
  }

  /**
   * Pacemaker starting the clone instances on a member whose pacemaker just started (it booted
   * after a crash): the linbit agent's start brings the node's side of every enabled promotable
   * DRBD clone up ({@link DrbdRoles#start}). Promotion stays where it is.
   */
  static void startClones(Cib cib, String node, List<String> deciders, DrbdRoles drbd) {
    PacemakerPlacement placement = new PacemakerPlacement(cib, drbd, deciders);
    for (Element clone : CibXml.children(cib.section("resources").orElseThrow())) {
      Optional<String> resource = placement.promotableDrbd(clone);
      if (resource.isPresent() && placement.disabled(clone).isEmpty()) {
        drbd.start(node, resource.get());
      }
    }
  }

  /**
   * crm_mon's {@code <resources>} section, indented one level; empty when no resource is configured
   * (crm_mon then prints no section at all).
   */
  String xml() {
    return xml;
  }

  private void render(XmlOut out) {
    List<Element> resources = resourceChildren(cib.section("resources").orElseThrow());
    if (resources.isEmpty()) {
      return;
    }
    out.open("resources");
    for (Element resource : resources) {
      switch (resource.getTagName()) {
        case "primitive" -> primitive(out, resource, placed(resource));
        case "group" -> group(out, resource, resource.getAttribute("id"), placed(resource));
        default -> clone(out, resource);
      }
    }
    out.close("resources");
  }

  /** Active resource instances on the node (crm_mon's resources_running). */
  int resourcesRunning(String node) {
    return running.getOrDefault(node, 0);
  }

  /** The primitives with an active instance on the node, in CIB order. */
  List<RunningPrimitive> runningOn(String node) {
    List<RunningPrimitive> primitives = new ArrayList<>();
    startedOn.forEach(
        (id, nodes) -> {
          if (nodes.contains(node)) {
            Element primitive = byId.get(id);
            Optional<String> group =
                primitive.getParentNode() instanceof Element parent
                        && parent.getTagName().equals("group")
                    ? Optional.of(parent.getAttribute("id"))
                    : Optional.empty();
            Map<String, String> parameters = new LinkedHashMap<>();
            nvpairs(primitive, "instance_attributes")
                .forEach(nv -> parameters.put(nv.getAttribute("name"), nv.getAttribute("value")));
            primitives.add(new RunningPrimitive(id, agent(primitive), group, parameters));
          }
        });
    return primitives;
  }

  private List<Instance> placed(Element resource) {
    return location(resource.getAttribute("id"), new HashSet<>())
        .map(node -> List.of(new Instance(node, STARTED)))
        .orElse(List.of());
  }

  private void primitive(XmlOut out, Element primitive, List<Instance> instances) {
    if (instances.isEmpty()) {
      out.empty("resource", attributes(primitive, STOPPED, false, 0));
      return;
    }
    for (Instance instance : instances) {
      out.open("resource", attributes(primitive, instance.role(), true, 1));
      out.empty(
          "node", "name", instance.node(), "id", nodeIds.get(instance.node()), "cached", "true");
      out.close("resource");
      running.merge(instance.node(), 1, Integer::sum);
      startedOn
          .computeIfAbsent(primitive.getAttribute("id"), k -> new ArrayList<>())
          .add(instance.node());
    }
  }

  private void group(XmlOut out, Element group, String id, List<Instance> instances) {
    List<Element> members = resourceChildren(group);
    out.open(
        "group",
        "id",
        id,
        "number_resources",
        Integer.toString(members.size()),
        "managed",
        "true",
        "disabled",
        Boolean.toString(ownTargetRoleStopped(group)));
    for (Element member : members) {
      primitive(out, member, instances);
    }
    out.close("group");
  }

  private void clone(XmlOut out, Element clone) {
    boolean promotable = promotable(clone);
    out.open(
        "clone",
        "id",
        clone.getAttribute("id"),
        "multi_state",
        Boolean.toString(promotable),
        "unique",
        Boolean.toString(meta(clone, "globally-unique").map(ClusterOptions::isTrue).orElse(false)),
        "managed",
        "true",
        "disabled",
        Boolean.toString(ownTargetRoleStopped(clone)),
        "failed",
        "false",
        "failure_ignored",
        "false");
    int max = meta(clone, "clone-max").flatMap(PacemakerPlacement::integer).orElse(nodeIds.size());
    List<Instance> instances = cloneInstances(clone, promotable);
    instances = instances.subList(0, Math.min(max, instances.size()));
    for (Element child : resourceChildren(clone)) {
      for (int i = 0; i < max; i++) {
        List<Instance> one = i < instances.size() ? List.of(instances.get(i)) : List.of();
        if (child.getTagName().equals("group")) {
          group(out, child, child.getAttribute("id") + ":" + i, one);
        } else {
          primitive(out, child, one);
        }
      }
    }
    out.close("clone");
  }

  private List<Instance> cloneInstances(Element clone, boolean promotable) {
    if (disabled(clone).isPresent()) {
      return List.of();
    }
    Optional<String> resource = promotableDrbd(clone);
    List<Instance> instances = new ArrayList<>();
    for (String node : eligible) {
      if (resource.isPresent()) {
        drbd.role(node, resource.get())
            .map(role -> role.equals("Primary") ? PROMOTED : UNPROMOTED)
            .ifPresent(role -> instances.add(new Instance(node, role)));
      } else {
        instances.add(new Instance(node, promotable ? UNPROMOTED : STARTED));
      }
    }
    return instances;
  }

  /** The node a primitive or group runs on; empty when it is Stopped. */
  private Optional<String> location(String id, Set<String> visiting) {
    Element resource = byId.get(id);
    if (resource == null) {
      return Optional.empty();
    }
    if (resource.getParentNode() instanceof Element parent && parent.getTagName().equals("group")) {
      return location(parent.getAttribute("id"), visiting);
    }
    if (located.containsKey(id)) {
      return located.get(id);
    }
    if (!visiting.add(id)) {
      return Optional.empty(); // a colocation cycle: Pacemaker would place the pair together
    }
    Optional<String> node = decide(resource, id, visiting);
    located.put(id, node);
    return node;
  }

  private Optional<String> decide(Element resource, String id, Set<String> visiting) {
    if (disabled(resource).isPresent()) {
      return Optional.empty();
    }
    Set<String> banned = bans.getOrDefault(id, Set.of());
    for (Element colocation : colocations) {
      if (!colocation.getAttribute("rsc").equals(id)) {
        continue;
      }
      Element with = byId.get(colocation.getAttribute("with-rsc"));
      if (with == null) {
        return Optional.empty(); // dangling: crm_verify refuses such a CIB anyway
      }
      boolean isClone = with.getTagName().equals("clone") || with.getTagName().equals("master");
      if (!isClone) {
        return location(with.getAttribute("id"), visiting).filter(n -> !banned.contains(n));
      }
      Optional<String> resourceName = promotableDrbd(with);
      if (resourceName.isEmpty()) {
        continue; // a clone running everywhere constrains nothing here
      }
      String role = colocation.getAttribute("with-rsc-role");
      boolean promotedOnly = role.equals(PROMOTED) || role.equals("Master");
      return cloneInstances(with, true).stream()
          .filter(i -> !promotedOnly || i.role().equals(PROMOTED))
          .map(Instance::node)
          .filter(n -> !banned.contains(n))
          .findFirst();
    }
    return eligible.stream().filter(n -> !banned.contains(n)).findFirst();
  }

  /** The DRBD resource when this is a promotable clone of ocf:linbit:drbd. */
  private Optional<String> promotableDrbd(Element clone) {
    if (!promotable(clone)) {
      return Optional.empty();
    }
    return resourceChildren(clone).stream()
        .filter(p -> p.getTagName().equals("primitive"))
        .filter(p -> agent(p).equals("ocf:linbit:drbd"))
        .flatMap(p -> nvpairs(p, "instance_attributes").stream())
        .filter(nv -> nv.getAttribute("name").equals("drbd_resource"))
        .map(nv -> nv.getAttribute("value"))
        .findFirst();
  }

  private static boolean promotable(Element clone) {
    return clone.getTagName().equals("master")
        || (clone.getTagName().equals("clone")
            && meta(clone, "promotable").map(ClusterOptions::isTrue).orElse(false));
  }

  private String[] attributes(Element primitive, String role, boolean active, int nodes) {
    List<String> attrs = new ArrayList<>();
    attrs.addAll(List.of("id", primitive.getAttribute("id"), "resource_agent", agent(primitive)));
    attrs.addAll(List.of("role", role));
    disabled(primitive).ifPresent(target -> attrs.addAll(List.of("target_role", target)));
    attrs.addAll(List.of("active", Boolean.toString(active), "orphaned", "false"));
    attrs.addAll(List.of("blocked", "false", "managed", "true", "failed", "false"));
    attrs.addAll(List.of("failure_ignored", "false", "nodes_running_on", Integer.toString(nodes)));
    return attrs.toArray(String[]::new);
  }

  /**
   * The target-role set on the resource or a parent when it is Stopped; crm_mon prints it as
   * target_role.
   */
  private Optional<String> disabled(Element resource) {
    for (Element e = resource;
        e != null && !e.getTagName().equals("resources");
        e = e.getParentNode() instanceof Element parent ? parent : null) {
      Optional<String> role = meta(e, "target-role");
      if (role.isPresent()) {
        return role.filter(STOPPED::equalsIgnoreCase);
      }
    }
    return Optional.empty();
  }

  private static boolean ownTargetRoleStopped(Element resource) {
    return meta(resource, "target-role").map(STOPPED::equalsIgnoreCase).orElse(false);
  }

  private static String agent(Element primitive) {
    String provider = primitive.getAttribute("provider");
    return primitive.getAttribute("class")
        + (provider.isEmpty() ? "" : ":" + provider)
        + ":"
        + primitive.getAttribute("type");
  }

  private void index(Element parent) {
    for (Element child : resourceChildren(parent)) {
      byId.put(child.getAttribute("id"), child);
      index(child);
    }
  }

  private static List<Element> resourceChildren(Element parent) {
    return CibXml.children(parent).stream()
        .filter(
            c ->
                switch (c.getTagName()) {
                  case "primitive", "group", "clone", "master" -> true;
                  default -> false;
                })
        .toList();
  }

  private static boolean positive(Element colocation) {
    String score = colocation.getAttribute("score").strip();
    if (score.matches("^\\+?(INFINITY|infinity)$")) {
      return true;
    }
    return integer(score).map(s -> s > 0).orElse(false);
  }

  private static Optional<String> meta(Element resource, String name) {
    return nvpairs(resource, "meta_attributes").stream()
        .filter(nv -> nv.getAttribute("name").equals(name))
        .map(nv -> nv.getAttribute("value"))
        .findFirst();
  }

  private static List<Element> nvpairs(Element resource, String setTag) {
    return CibXml.children(resource).stream()
        .filter(c -> c.getTagName().equals(setTag))
        .flatMap(set -> CibXml.children(set).stream())
        .filter(nv -> nv.getTagName().equals("nvpair"))
        .toList();
  }

  private static Optional<Integer> integer(String value) {
    try {
      return Optional.of(Integer.parseInt(value.strip()));
    } catch (NumberFormatException e) {
      return Optional.empty();
    }
  }
}
