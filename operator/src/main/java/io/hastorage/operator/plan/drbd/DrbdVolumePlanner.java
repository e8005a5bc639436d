package io.hastorage.operator.plan.drbd;

import io.hastorage.operator.api.cluster.ClusterNode;
import io.hastorage.operator.api.cluster.NodeRole;
import io.hastorage.operator.api.cluster.StorageClusterSpec;
import io.hastorage.operator.api.drbd.DrbdVolume;
import io.hastorage.operator.api.drbd.DrbdVolumeDisk;
import io.hastorage.operator.api.drbd.DrbdVolumeSpec;
import io.hastorage.operator.node.Command;
import io.hastorage.operator.node.FileWrite;
import io.hastorage.operator.node.SensitiveBytes;
import io.hastorage.operator.observe.NodeFacts;
import io.hastorage.operator.observe.ProbeRequest;
import io.hastorage.operator.observe.drbd.DrbdDeviceState;
import io.hastorage.operator.observe.drbd.DrbdKernelStatus;
import io.hastorage.operator.plan.Action;
import io.hastorage.operator.plan.ManagedFiles;
import io.hastorage.operator.plan.Step;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Plans one DrbdVolume on the target pair (not yet wired to a reconciler). Per target, in order:
 *
 * <ol>
 *   <li>write /etc/drbd.d/RES.res (mode 0600: it holds the shared secret) in the syntax of the
 *       node's loaded DRBD module; nothing is planned on a node whose module is not loaded;
 *   <li>per volume, drbdadm create-md on a backing disk that holds no DRBD metadata, behind {@link
 *       MetadataGuard} (blank, or explicitly adopted; never over existing DRBD metadata);
 *   <li>drbdadm up when the resource is not configured in the kernel, else drbdadm adjust when the
 *       file changed;
 *   <li>on the initial primary only, while both sides are Connected, Secondary and Inconsistent:
 *       drbdadm primary --force, behind {@link ForcePrimaryGuard}. A forced side is UpToDate at
 *       once, so this step is never planned again, even after a crash during the sync;
 *   <li>on the node that is Primary: PV on each DRBD device (blank, behind a guard), the VG, the
 *       LVs; an LV smaller than its spec grows online (lvextend), an LV is never shrunk.
 * </ol>
 *
 * Each phase needs what the one before did to be observed, so it is planned by a later reconcile; a
 * crash between any two commands resumes from the nodes' real state.
 */
public final class DrbdVolumePlanner {

  private static final Duration DRBD_TIMEOUT = Duration.ofSeconds(120);

  private DrbdVolumePlanner() {}

  /** What the probe must include on a target for this planner. */
  public static ProbeRequest probeRequest(DrbdVolumeSpec spec, String node) {
    ProbeRequest request =
        new ProbeRequest(Set.of(), Set.of(), Set.of(DrbdResourceRenderer.path(spec.resourceName)))
            .merge(ProbeRequest.ofItems(DrbdState.STATUS_JSON))
            .merge(LvmReport.request())
            .merge(ProbeRequest.ofItems(io.hastorage.operator.plan.lvm.PhysicalVolumes.PROBE));
    for (DrbdVolumeDisk volume : spec.volumes) {
      request =
          request
              .merge(DiskProbe.request(backingDisk(volume, node)))
              .merge(DiskProbe.request(device(volume)));
    }
    return request;
  }

  public static List<Step> plan(
      DrbdVolume volume,
      StorageClusterSpec cluster,
      String sharedSecret,
      Map<String, NodeFacts> facts) {
    DrbdVolumeSpec spec = volume.getSpec();
    DrbdResourceConfig config = DrbdResourceConfig.from(spec, cluster, sharedSecret);
    List<Step> steps = new ArrayList<>();
    for (ClusterNode target : cluster.nodesWithRole(NodeRole.Target)) {
      NodeFacts node = facts.get(target.name);
      Optional<DrbdSyntax> syntax = node == null ? Optional.empty() : DrbdSyntax.forNode(node);
      if (syntax.isPresent()) {
        steps.addAll(resourceSteps(spec, config, syntax.get(), node));
      }
    }
    facts.values().stream()
        .filter(node -> isPrimary(node, spec))
        .findFirst()
        .ifPresent(primary -> steps.addAll(LvmOnDrbdPlanner.plan(spec, primary)));
    return steps;
  }

  private static List<Step> resourceSteps(
      DrbdVolumeSpec spec, DrbdResourceConfig config, DrbdSyntax syntax, NodeFacts node) {
    List<Step> steps = new ArrayList<>();
    String name = node.nodeName();
    String resource = spec.resourceName;
    FileWrite file = DrbdResourceRenderer.fileWrite(config, syntax);
    boolean fileChanged =
        node.fileHash(file.path())
            .filter(ManagedFiles.sha256(file.content().bytes())::equals)
            .isEmpty();
    if (fileChanged) {
      steps.add(
          Step.of(
              name,
              "write " + file.path() + " (DRBD " + syntax + " syntax)",
              new Action.WriteFile(file)));
    }
    boolean adopt = Boolean.TRUE.equals(spec.adoptExistingData);
    for (DrbdVolumeDisk volume : spec.volumes) {
      String disk = backingDisk(volume, name);
      boolean hasMetadata =
          DiskProbe.signatures(node, disk).map(MetadataGuard::hasDrbdMetadata).orElse(false);
      if (!hasMetadata) {
        Command createMd = drbdadm("create-md", resource + "/" + volume.volume);
        steps.add(
            new Step(
                name,
                "create DRBD metadata on " + disk + " (volume " + volume.volume + ")",
                new MetadataGuard(disk, adopt),
                new Action.RunCommand(
                    adopt ? createMd.withStdin(SensitiveBytes.plain("yes\n")) : createMd)));
      }
    }
    Optional<DrbdKernelStatus> state = DrbdState.of(node);
    boolean configured =
        state.map(s -> minors(spec).stream().allMatch(m -> configured(s, m))).orElse(false);
    if (!configured) {
      steps.add(
          Step.of(
              name,
              "bring DRBD resource " + resource + " up",
              new Action.RunCommand(drbdadm("up", resource))));
    } else if (fileChanged) {
      steps.add(
          Step.of(
              name,
              "apply the changed configuration of " + resource,
              new Action.RunCommand(drbdadm("adjust", resource))));
    }
    if (name.equals(spec.initialPrimary) && state.map(s -> freshPair(s, spec)).orElse(false)) {
      steps.add(
          new Step(
              name,
              "start the first sync of " + resource + " from " + name + " (primary --force, once)",
              new ForcePrimaryGuard(spec.initialPrimary, minors(spec), DrbdState::of),
              new Action.RunCommand(
                  Command.of("drbdadm", "primary", "--force", resource)
                      .withTimeout(DRBD_TIMEOUT))));
    }
    return steps;
  }

  private static boolean freshPair(DrbdKernelStatus status, DrbdVolumeSpec spec) {
    return minors(spec).stream()
        .allMatch(
            minor ->
                device(status, minor)
                    .filter(d -> "Connected".equals(d.connectionState()))
                    .filter(
                        d ->
                            "Inconsistent".equals(d.localDisk())
                                && "Inconsistent".equals(d.peerDisk()))
                    .isPresent());
  }

  static boolean isPrimary(NodeFacts node, DrbdVolumeSpec spec) {
    return DrbdState.of(node)
        .map(
            s ->
                minors(spec).stream()
                    .allMatch(
                        m -> device(s, m).filter(d -> "Primary".equals(d.localRole())).isPresent()))
        .orElse(false);
  }

  private static boolean configured(DrbdKernelStatus status, int minor) {
    return device(status, minor)
        .filter(d -> !"Unconfigured".equals(d.connectionState()))
        .isPresent();
  }

  private static Optional<DrbdDeviceState> device(DrbdKernelStatus status, int minor) {
    return status.devices().stream().filter(d -> d.minor() == minor).findFirst();
  }

  static List<Integer> minors(DrbdVolumeSpec spec) {
    return spec.volumes.stream().map(v -> v.minor).toList();
  }

  static String device(DrbdVolumeDisk volume) {
    return "/dev/drbd" + volume.minor;
  }

  private static String backingDisk(DrbdVolumeDisk volume, String node) {
    return volume.backingDisks.stream()
        .filter(d -> d.node.equals(node))
        .findFirst()
        .map(d -> d.disk)
        .orElseThrow();
  }

  private static Command drbdadm(String verb, String target) {
    return Command.of("drbdadm", verb, target).withTimeout(DRBD_TIMEOUT);
  }
}
