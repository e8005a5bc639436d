package io.hastorage.operator.api.validation;

import io.hastorage.operator.api.cluster.ClusterNode;
import io.hastorage.operator.api.cluster.Network;
import io.hastorage.operator.api.cluster.NodeAddress;
import io.hastorage.operator.api.cluster.NodeRole;
import io.hastorage.operator.api.cluster.StonithDevice;
import io.hastorage.operator.api.cluster.StorageClusterSpec;
import io.hastorage.operator.api.common.DeletionPolicy;
import io.hastorage.operator.api.drbd.DrbdVolumeDisk;
import io.hastorage.operator.api.drbd.DrbdVolumeSpec;
import io.hastorage.operator.api.ocfs2.Ocfs2MountSpec;
import io.hastorage.operator.api.scst.Lun;
import io.hastorage.operator.api.scst.ScstTargetSpec;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * The code-side validation of each spec: first every schema annotation, then the rules a schema
 * cannot express well (cross-field references, uniqueness, addresses inside their networks). A spec
 * with any violation is never planned, so nothing from it reaches a node.
 */
public final class SpecValidator {

  private SpecValidator() {}

  /** Validates any of the four kinds, including a missing spec. Other kinds have no rules. */
  /** The path of the violation "deletionPolicy Destroy without its confirmation". */
  public static final String DELETION_CONFIRMATION = "spec.deletionPolicy.confirmation";

  public static List<Violation> validateResource(
      io.fabric8.kubernetes.api.model.HasMetadata resource) {
    Object spec =
        resource instanceof io.fabric8.kubernetes.client.CustomResource<?, ?> custom
            ? custom.getSpec()
            : null;
    if (spec == null) {
      return new ArrayList<>(List.of(new Violation("spec", "is required")));
    }
    if (spec instanceof StorageClusterSpec s) {
      return validate(s);
    } else if (spec instanceof DrbdVolumeSpec s) {
      return validate(s);
    } else if (spec instanceof ScstTargetSpec s) {
      return validate(s);
    } else if (spec instanceof Ocfs2MountSpec s) {
      return validate(s);
    }
    return new ArrayList<>();
  }

  public static List<Violation> validate(StorageClusterSpec spec) {
    List<Violation> out = AnnotationValidator.validate(spec, "spec");
    if (!out.isEmpty()) {
      return out;
    }
    long targets = spec.nodes.stream().filter(n -> n.role == NodeRole.Target).count();
    if (targets != 2) {
      out.add(new Violation("spec.nodes", "needs exactly 2 Target nodes, has " + targets));
    }
    requireUnique(spec.nodes, n -> n.name, "spec.nodes", "node name", out);
    requireUnique(spec.networks, n -> n.name, "spec.networks", "network name", out);
    Map<String, Network> networks =
        spec.networks.stream().collect(Collectors.toMap(n -> n.name, n -> n, (a, b) -> a));
    for (int i = 0; i < spec.nodes.size(); i++) {
      checkNodeAddresses(spec.nodes.get(i), "spec.nodes[" + i + "]", networks, out);
    }
    checkCorosync(spec, networks, out);
    checkStonith(spec, out);
    return out;
  }

  public static List<Violation> validate(DrbdVolumeSpec spec) {
    List<Violation> out = AnnotationValidator.validate(spec, "spec");
    if (!out.isEmpty()) {
      return out;
    }
    requireUnique(spec.volumes, v -> v.volume, "spec.volumes", "volume number", out);
    requireUnique(spec.volumes, v -> v.minor, "spec.volumes", "minor", out);
    Set<String> diskNodes = new HashSet<>();
    for (int i = 0; i < spec.volumes.size(); i++) {
      List<DrbdVolumeDisk.BackingDisk> disks = spec.volumes.get(i).backingDisks;
      requireUnique(disks, d -> d.node, "spec.volumes[" + i + "].backingDisks", "node", out);
      disks.forEach(d -> diskNodes.add(d.node));
    }
    if (!diskNodes.contains(spec.initialPrimary)) {
      out.add(
          new Violation(
              "spec.initialPrimary",
              Violation.show(spec.initialPrimary) + " has no backing disk in spec.volumes"));
    }
    requireUnique(
        spec.lvm.logicalVolumes, lv -> lv.name, "spec.lvm.logicalVolumes", "LV name", out);
    checkDeletionPolicy(spec.deletionPolicy, out);
    return out;
  }

  /**
   * A DrbdVolume checked against the StorageCluster it names: the replication network exists and
   * every target has an address on it, each volume has one disk per target and no other, and the
   * cluster configures LVM (its filter hides the backing disks; its system ID is what LVM-activate
   * guards the VG with).
   */
  public static List<Violation> validateAgainst(DrbdVolumeSpec spec, StorageClusterSpec cluster) {
    List<Violation> out = new ArrayList<>();
    List<String> targets =
        cluster.nodesWithRole(NodeRole.Target).stream().map(n -> n.name).sorted().toList();
    if (cluster.networks.stream().noneMatch(n -> n.name.equals(spec.network))) {
      out.add(
          new Violation(
              "spec.network",
              Violation.show(spec.network) + " is not a network of the StorageCluster"));
    }
    for (ClusterNode target : cluster.nodesWithRole(NodeRole.Target)) {
      if (target.addressOn(spec.network).isEmpty()) {
        out.add(
            new Violation(
                "spec.network",
                "target " + target.name + " has no address on " + Violation.show(spec.network)));
      }
    }
    for (int i = 0; i < spec.volumes.size(); i++) {
      List<String> nodes =
          spec.volumes.get(i).backingDisks.stream().map(d -> d.node).sorted().toList();
      if (!nodes.equals(targets)) {
        out.add(
            new Violation(
                "spec.volumes[" + i + "].backingDisks",
                "needs one disk on each target " + targets + ", names " + nodes));
      }
    }
    if (!targets.contains(spec.initialPrimary)) {
      out.add(
          new Violation(
              "spec.initialPrimary",
              Violation.show(spec.initialPrimary) + " is not a target of the StorageCluster"));
    }
    if (cluster.lvm == null) {
      out.add(
          new Violation(
              "spec.clusterRef",
              "the StorageCluster has no spec.lvm: LVM on DRBD needs its filter (so the backing"
                  + " disks are not scanned) and its system ID (LVM-activate)"));
    }
    return out;
  }

  private static void checkDeletionPolicy(DeletionPolicy policy, List<Violation> out) {
    if (policy != null
        && policy.mode == DeletionPolicy.Mode.Destroy
        && !DeletionPolicy.CONFIRMATION.equals(policy.confirmation)) {
      out.add(
          new Violation(
              DELETION_CONFIRMATION,
              "mode Destroy needs confirmation \""
                  + DeletionPolicy.CONFIRMATION
                  + "\"; until then deleting keeps the data"));
    }
  }

  public static List<Violation> validate(ScstTargetSpec spec) {
    List<Violation> out = AnnotationValidator.validate(spec, "spec");
    if (!out.isEmpty()) {
      return out;
    }
    requireUnique(spec.luns, l -> l.number, "spec.luns", "LUN number", out);
    requireUnique(spec.luns, l -> l.deviceName, "spec.luns", "device name", out);
    requireUnique(spec.portals, p -> p.ip, "spec.portals", "portal IP", out);
    checkIscsiParameters(spec.iscsiParameters, out);
    if (spec.backend == ScstTargetSpec.Backend.tgt && spec.tid == null) {
      out.add(new Violation("spec.tid", "is required for backend tgt (tgtd's target id)"));
    }
    for (int i = 0; i < spec.luns.size(); i++) {
      Lun lun = spec.luns.get(i);
      if (lun.attributes != null
          && Boolean.TRUE.equals(lun.attributes.nvCache)
          && Boolean.TRUE.equals(lun.attributes.writeThrough)) {
        out.add(
            new Violation(
                "spec.luns[" + i + "].attributes", "nvCache and writeThrough exclude each other"));
      }
      if (lun.attributes != null && lun.attributes.threadsNum != null) {
        out.add(
            new Violation(
                "spec.luns[" + i + "].attributes.threadsNum",
                "SCST's add_device takes no threads_num (the vdisk handlers refuse it and the LUN"
                    + " would not start; the seed's threads_num=4 was never applied); leave it out"));
      }
      if ((lun.handler == null || lun.handler == Lun.Handler.vdisk_fileio)
          && lun.attributes != null) {
        // vdisk_fileio writes through the active target's page cache: acknowledged writes DRBD has
        // not seen die with that node (the kernel lab lost acknowledged OCFS2 writes this way)
        if (Boolean.TRUE.equals(lun.attributes.nvCache)) {
          out.add(
              new Violation(
                  "spec.luns[" + i + "].attributes.nvCache",
                  "nv_cache on vdisk_fileio ignores the initiators' cache flushes: writes"
                      + " acknowledged from the active target's page cache are lost when that node"
                      + " crashes; leave it false"));
        }
        if (Boolean.FALSE.equals(lun.attributes.writeThrough)) {
          out.add(
              new Violation(
                  "spec.luns[" + i + "].attributes.writeThrough",
                  "write_through=0 on vdisk_fileio acknowledges writes from the active target's"
                      + " page cache before DRBD has them; a crash of that node loses them; leave it"
                      + " true (the default)"));
        }
      }
    }
    return out;
  }

  /**
   * The agents join the parameters into one blank-separated additional_parameters list, so a value
   * with a blank would smuggle in another parameter, and an empty one or a repeated name would
   * leave the target's settings to the order the agent reads them in.
   */
  private static void checkIscsiParameters(
      List<StonithDevice.Parameter> parameters, List<Violation> out) {
    requireUnique(parameters, p -> p.name, "spec.iscsiParameters", "parameter", out);
    for (int i = 0; i < parameters.size(); i++) {
      String value = parameters.get(i).value;
      if (value.isEmpty() || value.contains(" ")) {
        out.add(
            new Violation(
                "spec.iscsiParameters[" + i + "].value",
                Violation.show(value)
                    + " is empty or has a blank (additional_parameters is a blank-separated"
                    + " list)"));
      }
    }
  }

  /**
   * An ScstTarget checked against its StorageCluster: each portal on one of the cluster's networks
   * and inside its CIDR, since the VIP must be reachable where the clients are.
   */
  public static List<Violation> validateAgainst(ScstTargetSpec spec, StorageClusterSpec cluster) {
    List<Violation> out = new ArrayList<>();
    Map<String, Network> networks =
        cluster.networks.stream().collect(Collectors.toMap(n -> n.name, n -> n, (a, b) -> a));
    for (int i = 0; i < spec.portals.size(); i++) {
      var portal = spec.portals.get(i);
      Network network = networks.get(portal.network);
      String path = "spec.portals[" + i + "]";
      if (network == null) {
        out.add(
            new Violation(
                path + ".network",
                Violation.show(portal.network) + " is not a network of the StorageCluster"));
      } else if (!Ipv4.contains(network.cidr, portal.ip)) {
        out.add(new Violation(path + ".ip", portal.ip + " is outside " + network.cidr));
      }
    }
    return out;
  }

  public static List<Violation> validate(Ocfs2MountSpec spec) {
    List<Violation> out = AnnotationValidator.validate(spec, "spec");
    if (!out.isEmpty()) {
      return out;
    }
    requireUnique(spec.nodes, n -> n, "spec.nodes", "node", out);
    if (spec.deletionPolicy != null && spec.deletionPolicy.mode == DeletionPolicy.Mode.Destroy) {
      out.add(
          new Violation(
              "spec.deletionPolicy.mode",
              "Destroy is not supported for an Ocfs2Mount: deleting it never touches the file"
                  + " system (destroy the DrbdVolume to destroy data)"));
    }
    Integer slots = spec.filesystem.slots;
    if (slots != null && !spec.nodes.isEmpty() && slots < spec.nodes.size()) {
      out.add(
          new Violation(
              "spec.filesystem.slots",
              slots + " slots for " + spec.nodes.size() + " nodes: every node needs a slot"));
    }
    return out;
  }

  /**
   * An Ocfs2Mount checked against its StorageCluster: its nodes are Initiator nodes of the cluster,
   * each with an address on the o2cb network, and there is a slot for every one of them.
   */
  public static List<Violation> validateAgainst(Ocfs2MountSpec spec, StorageClusterSpec cluster) {
    List<Violation> out = new ArrayList<>();
    Map<String, ClusterNode> initiators =
        cluster.nodesWithRole(NodeRole.Initiator).stream()
            .collect(
                Collectors.toMap(n -> n.name, n -> n, (a, b) -> a, java.util.LinkedHashMap::new));
    for (int i = 0; i < spec.nodes.size(); i++) {
      if (!initiators.containsKey(spec.nodes.get(i))) {
        out.add(
            new Violation(
                "spec.nodes[" + i + "]",
                Violation.show(spec.nodes.get(i))
                    + " is not an Initiator node of the StorageCluster"));
      }
    }
    List<String> nodes = spec.nodes.isEmpty() ? List.copyOf(initiators.keySet()) : spec.nodes;
    if (nodes.isEmpty()) {
      out.add(new Violation("spec.nodes", "the StorageCluster has no Initiator node"));
    }
    String network = spec.filesystem.network;
    if (cluster.networks.stream().noneMatch(n -> n.name.equals(network))) {
      out.add(
          new Violation(
              "spec.filesystem.network",
              Violation.show(network) + " is not a network of the StorageCluster"));
    } else {
      for (String node : nodes) {
        ClusterNode found = initiators.get(node);
        if (found != null && found.addressOn(network).isEmpty()) {
          out.add(
              new Violation(
                  "spec.filesystem.network",
                  "initiator " + node + " has no address on network " + network + " for o2cb"));
        }
      }
    }
    Integer slots = spec.filesystem.slots;
    if (slots != null && slots < nodes.size()) {
      out.add(
          new Violation(
              "spec.filesystem.slots",
              slots + " slots for " + nodes.size() + " nodes: every node needs a slot"));
    }
    return out;
  }

  private static void checkNodeAddresses(
      ClusterNode node, String path, Map<String, Network> networks, List<Violation> out) {
    for (int j = 0; j < node.addresses.size(); j++) {
      NodeAddress address = node.addresses.get(j);
      Network network = networks.get(address.network);
      String at = path + ".addresses[" + j + "]";
      if (network == null) {
        out.add(new Violation(at, "unknown network " + Violation.show(address.network)));
      } else if (!Ipv4.contains(network.cidr, address.address)) {
        out.add(new Violation(at, address.address + " is outside " + network.cidr));
      }
    }
  }

  private static void checkCorosync(
      StorageClusterSpec spec, Map<String, Network> networks, List<Violation> out) {
    List<String> links = spec.corosync.links;
    requireUnique(links, l -> l, "spec.corosync.links", "link network", out);
    for (int i = 0; i < links.size(); i++) {
      String link = links.get(i);
      if (!networks.containsKey(link)) {
        out.add(
            new Violation(
                "spec.corosync.links[" + i + "]", "unknown network " + Violation.show(link)));
        continue;
      }
      for (ClusterNode target : spec.nodesWithRole(NodeRole.Target)) {
        if (target.addressOn(link).isEmpty()) {
          out.add(
              new Violation(
                  "spec.corosync.links[" + i + "]",
                  "target " + target.name + " has no address on network " + link));
        }
      }
    }
    int token = spec.corosync.tokenMs == null ? 3000 : spec.corosync.tokenMs;
    int consensus = spec.corosync.consensusMs == null ? 3600 : spec.corosync.consensusMs;
    if (consensus * 10L < token * 12L) {
      out.add(
          new Violation(
              "spec.corosync.consensusMs",
              consensus + " ms is less than 1.2 x token (" + token + " ms)"));
    }
  }

  private static void checkStonith(StorageClusterSpec spec, List<Violation> out) {
    Set<String> targets =
        spec.nodesWithRole(NodeRole.Target).stream().map(n -> n.name).collect(Collectors.toSet());
    List<StonithDevice> devices = spec.pacemakerOrEmpty().stonith;
    requireUnique(devices, d -> d.name, "spec.pacemaker.stonith", "device name", out);
    for (int i = 0; i < devices.size(); i++) {
      StonithDevice device = devices.get(i);
      String at = "spec.pacemaker.stonith[" + i + "]";
      if (!targets.contains(device.fencesNode)) {
        out.add(
            new Violation(
                at + ".fencesNode", Violation.show(device.fencesNode) + " is not a Target node"));
      }
      List<String> parameters =
          new ArrayList<>(device.parameters.stream().map(p -> p.name).toList());
      device.secretParameters.forEach(p -> parameters.add(p.name));
      requireUnique(parameters, p -> p, at, "parameter", out);
      if (parameters.contains("pcmk_host_list")) {
        out.add(
            new Violation(
                at, "pcmk_host_list is set from fencesNode; remove it from the parameters"));
      }
    }
    checkProperties(spec, out);
  }

  /** stonith-enabled follows the fencing settings, so the spec may not set it by hand. */
  private static void checkProperties(StorageClusterSpec spec, List<Violation> out) {
    List<StonithDevice.Parameter> properties = spec.pacemakerOrEmpty().properties;
    requireUnique(properties, p -> p.name, "spec.pacemaker.properties", "property", out);
    if (properties.stream().anyMatch(p -> "stonith-enabled".equals(p.name))) {
      out.add(
          new Violation(
              "spec.pacemaker.properties",
              "stonith-enabled is derived from spec.pacemaker.stonith and unfencedLab; do not set it"));
    }
  }

  private static <T, K> void requireUnique(
      Collection<T> items, Function<T, K> key, String path, String what, List<Violation> out) {
    Set<K> seen = new HashSet<>();
    List<K> duplicates = new ArrayList<>();
    for (T item : items) {
      K k = key.apply(item);
      if (!seen.add(k) && !duplicates.contains(k)) {
        duplicates.add(k);
      }
    }
    for (K duplicate : duplicates) {
      out.add(new Violation(path, "duplicate " + what + " " + Violation.show(duplicate)));
    }
  }
}
