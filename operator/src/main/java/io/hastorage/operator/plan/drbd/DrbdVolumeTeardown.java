package io.hastorage.operator.plan.drbd;

import io.hastorage.operator.api.cluster.ClusterNode;
import io.hastorage.operator.api.cluster.NodeRole;
import io.hastorage.operator.api.cluster.StorageClusterSpec;
import io.hastorage.operator.api.drbd.DrbdVolume;
import io.hastorage.operator.api.drbd.DrbdVolumeDisk;
import io.hastorage.operator.api.drbd.DrbdVolumeSpec;
import io.hastorage.operator.node.Command;
import io.hastorage.operator.node.SensitiveBytes;
import io.hastorage.operator.observe.NodeFacts;
import io.hastorage.operator.observe.drbd.DiskSignatures;
import io.hastorage.operator.observe.drbd.DrbdKernelStatus;
import io.hastorage.operator.plan.Action;
import io.hastorage.operator.plan.Decision;
import io.hastorage.operator.plan.Guard;
import io.hastorage.operator.plan.Step;
import io.hastorage.operator.plan.cluster.ClusterLayerPlanner;
import io.hastorage.operator.plan.drbd.pacemaker.DrbdPacemakerPlanner;
import io.hastorage.operator.plan.pacemaker.ActiveResources;
import io.hastorage.operator.plan.pacemaker.Cib;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * What deleting a DrbdVolume does, one phase per reconcile until nothing is left to do:
 *
 * <ol>
 *   <li>remove the volume's Pacemaker elements: the constraints and LVM-activate first, the clone
 *       once crm_mon shows the VG's resource stopped (Pacemaker deactivates the VG, then demotes
 *       and stops DRBD itself, never the other way round);
 *   <li>once the CIB holds none of them: {@code drbdadm down} on every target where the resource is
 *       still configured (the kernel refuses while the device is held open, and the step fails
 *       visibly);
 *   <li>Retain (the default): the resource file is renamed to {@code RES.res.retained}, outside
 *       drbdadm's {@code *.res} include, so its minor and port are free again while the metadata,
 *       the data and the configuration needed to bring it back by hand are all kept;
 *   <li>Destroy, only with the confirmation string: {@code drbdadm wipe-md} per volume on a node
 *       where the resource is down, then the file is removed. The data area is not overwritten: the
 *       disks then show the PV that was on the DRBD device, so a new DrbdVolume refuses them unless
 *       it adopts them.
 * </ol>
 *
 * Nothing is done while no target's CIB can be read (Pacemaker might still run the resource), and
 * the deletion is finished only when every target was observed clean.
 */
public final class DrbdVolumeTeardown {

  public static final String STILL_UP = "DrbdStillConfigured";

  /** The planned steps; {@code done} when nothing remains; otherwise what it waits for. */
  public record Result(List<Step> steps, boolean done, String waitingFor) {}

  private DrbdVolumeTeardown() {}

  public static String retainedPath(String resource) {
    return DrbdResourceRenderer.path(resource) + ".retained";
  }

  public static Result plan(
      DrbdVolume volume, StorageClusterSpec cluster, Map<String, NodeFacts> facts) {
    DrbdVolumeSpec spec = volume.getSpec();
    Optional<NodeFacts> cibNode = ClusterLayerPlanner.readableCib(cluster, facts);
    if (cibNode.isEmpty()) {
      return new Result(
          List.of(), false, "no target's CIB could be read; Pacemaker may still run the resource");
    }
    Cib cib = Cib.parse(cibNode.get().raw().okOutput(ClusterLayerPlanner.CIB.name()).orElseThrow());
    if (DrbdPacemakerPlanner.present(volume, cib)) {
      Optional<Set<String>> active =
          cibNode
              .get()
              .raw()
              .okOutput(ClusterLayerPlanner.CRM_MON.name())
              .flatMap(DrbdVolumeTeardown::activeResources);
      List<Step> remove =
          DrbdPacemakerPlanner.remove(cibNode.get().nodeName(), volume, cib, active);
      return new Result(
          remove,
          false,
          remove.isEmpty()
              ? "waiting for Pacemaker to stop the volume group"
              : "removing the Pacemaker resources");
    }
    boolean destroy = spec.deletionPolicy != null && spec.deletionPolicy.destroyConfirmed();
    List<Step> steps = new ArrayList<>();
    List<String> unobserved = new ArrayList<>();
    for (ClusterNode target : cluster.nodesWithRole(NodeRole.Target)) {
      NodeFacts node = facts.get(target.name);
      Optional<List<Step>> nodeSteps =
          node == null ? Optional.empty() : nodeSteps(spec, node, destroy);
      if (nodeSteps.isEmpty()) {
        unobserved.add(target.name);
      } else {
        steps.addAll(nodeSteps.get());
      }
    }
    boolean done = steps.isEmpty() && unobserved.isEmpty();
    String waiting =
        done ? "" : unobserved.isEmpty() ? "tearing DRBD down" : "waiting for " + unobserved;
    return new Result(steps, done, waiting);
  }

  /** The node's steps; empty when what it holds could not be read, so nothing can be decided. */
  private static Optional<List<Step>> nodeSteps(
      DrbdVolumeSpec spec, NodeFacts node, boolean destroy) {
    String name = node.nodeName();
    String resource = spec.resourceName;
    if (DrbdSyntax.forNode(node).isPresent() && DrbdState.of(node).isEmpty()) {
      return Optional.empty(); // module loaded, state unreadable: the resource may still be up
    }
    if (configuredHere(spec, node)) {
      return Optional.of(
          List.of(
              Step.of(
                  name,
                  "bring DRBD resource " + resource + " down",
                  new Action.RunCommand(DrbdVolumePlanner.drbdadm("down", resource)))));
    }
    String file = DrbdResourceRenderer.path(resource);
    if (node.fileHash(file).isEmpty()) {
      return Optional.of(List.of());
    }
    if (!destroy) {
      return Optional.of(
          List.of(
              Step.of(
                  name,
                  "keep " + file + " as " + retainedPath(resource) + " (data retained)",
                  new Action.RunCommand(
                      Command.of("mv", "-f", "--", file, retainedPath(resource))))));
    }
    List<Step> steps = new ArrayList<>();
    for (DrbdVolumeDisk volume : spec.volumes) {
      String disk = DrbdVolumePlanner.backingDisk(volume, name);
      Optional<DiskSignatures> signatures = DiskProbe.signatures(node, disk);
      if (signatures.isEmpty()) {
        return Optional.empty(); // unknown is not "no metadata": the file stays until it is known
      }
      if (MetadataGuard.hasDrbdMetadata(signatures.get())) {
        steps.add(
            new Step(
                name,
                "wipe the DRBD metadata on " + disk + " (deletionPolicy Destroy, confirmed)",
                new DownGuard(spec),
                new Action.RunCommand(
                    DrbdVolumePlanner.drbdadm("wipe-md", resource + "/" + volume.volume)
                        .withStdin(SensitiveBytes.plain("yes\n")))));
      }
    }
    steps.add(
        Step.of(
            name,
            "remove " + file + " (deletionPolicy Destroy, confirmed)",
            new Action.RunCommand(Command.of("rm", "-f", "--", file))));
    return Optional.of(steps);
  }

  private static Optional<Set<String>> activeResources(String crmMonXml) {
    try {
      return Optional.of(ActiveResources.parse(crmMonXml));
    } catch (IllegalArgumentException e) {
      return Optional.empty(); // unreadable: the VG may still be active, so wait
    }
  }

  private static boolean configuredHere(DrbdVolumeSpec spec, NodeFacts node) {
    Optional<DrbdKernelStatus> state = DrbdState.of(node);
    return state.isPresent()
        && DrbdVolumePlanner.minors(spec).stream()
            .anyMatch(m -> DrbdVolumePlanner.configured(state.get(), m));
  }

  /** wipe-md only where the resource is down: metadata of a running device is never touched. */
  private record DownGuard(DrbdVolumeSpec spec) implements Guard {
    @Override
    public Decision check(NodeFacts facts) {
      if (DrbdSyntax.forNode(facts).isEmpty()) {
        return Decision.allow(); // no DRBD module loaded: nothing can be up (drbdmeta needs none)
      }
      if (DrbdState.of(facts).isEmpty()) {
        return Decision.refuse(
            STILL_UP, facts.nodeName() + ": DRBD state unknown; metadata is not wiped");
      }
      return configuredHere(spec, facts)
          ? Decision.refuse(
              STILL_UP,
              facts.nodeName() + ": " + spec.resourceName + " is still up; metadata is not wiped")
          : Decision.allow();
    }
  }
}
