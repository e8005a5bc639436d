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
import io.hastorage.operator.observe.Tool;
import io.hastorage.operator.observe.drbd.DrbdDeviceState;
import io.hastorage.operator.observe.drbd.DrbdKernelStatus;
import io.hastorage.operator.plan.Action;
import io.hastorage.operator.plan.ManagedFiles;
import io.hastorage.operator.plan.Step;
import io.hastorage.operator.plan.cluster.ClusterLayerPlanner;
import io.hastorage.operator.plan.drbd.pacemaker.DrbdPacemakerElements;
import io.hastorage.operator.plan.drbd.pacemaker.DrbdPacemakerPlanner;
import io.hastorage.operator.plan.drbd.pacemaker.PromotableSyntax;
import io.hastorage.operator.plan.lvm.PhysicalVolumes;
import io.hastorage.operator.plan.pacemaker.Cib;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Plans one DrbdVolume on the target pair. Per target, in order:
 *
 * <ol>
 *   <li>write /etc/drbd.d/RES.res (mode 0600: it holds the shared secret) in the syntax of the
 *       node's loaded DRBD module; nothing is planned on a node whose module is not loaded;
 *   <li>per volume, drbdadm create-md on a backing disk that holds no DRBD metadata, behind {@link
 *       MetadataGuard} (blank, or explicitly adopted; never over existing DRBD metadata). If any
 *       target's disk is refused, only the refused steps are planned, on every target;
 *   <li>drbdadm up when no volume of the resource is configured in the kernel and Pacemaker does
 *       not run it yet; drbdadm adjust when the file changed or a volume is missing (a new one);
 *   <li>on the initial primary only, while both sides are Connected, Secondary and Inconsistent:
 *       drbdadm primary --force, behind {@link ForcePrimaryGuard}. A forced side is UpToDate at
 *       once, so this step is never planned again, even after a crash during the sync;
 *   <li>on the node that is Primary: the first sync of a volume added to a live resource ({@link
 *       NewVolumeSync}), then LVM ({@link LvmOnDrbdPlanner}) on the devices that are UpToDate;
 *   <li>once all of that is done (the VG and every LV exist), the Pacemaker clone, LVM-activate and
 *       their constraints, pushed through the first target whose CIB could be read. From then on
 *       Pacemaker starts, stops and promotes DRBD; the operator never runs up or primary again.
 * </ol>
 *
 * Each phase needs what the one before did to be observed, so it is planned by a later reconcile; a
 * crash between any two commands resumes from the nodes' real state. Without a readable CIB it is
 * unknown whether Pacemaker runs the resource, so the operator then acts as if it did.
 */
public final class DrbdVolumePlanner {

  static final Duration DRBD_TIMEOUT = Duration.ofSeconds(120);

  private DrbdVolumePlanner() {}

  /** What the probe must include on a target for this planner (and for the teardown). */
  public static ProbeRequest probeRequest(DrbdVolumeSpec spec, String node) {
    ProbeRequest request =
        new ProbeRequest(
                Set.of(),
                Set.of(),
                Set.of(
                    DrbdResourceRenderer.path(spec.resourceName),
                    DrbdVolumeTeardown.retainedPath(spec.resourceName)))
            .merge(
                ProbeRequest.ofItems(
                    DrbdState.STATUS_JSON, ClusterLayerPlanner.CIB, ClusterLayerPlanner.CRM_MON))
            .merge(SplitBrainMarker.request(spec.resourceName))
            .merge(LvmReport.request())
            .merge(ProbeRequest.ofItems(PhysicalVolumes.PROBE));
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
    Optional<NodeFacts> cibNode = ClusterLayerPlanner.readableCib(cluster, facts);
    Optional<Cib> cib = cibNode.map(DrbdVolumePlanner::cib);
    boolean handedOver =
        cib.map(c -> c.element(DrbdPacemakerElements.cloneId(spec.resourceName)).isPresent())
            .orElse(true);
    List<Step> unsafe = unsafeMetadataSteps(spec, cluster, facts);
    if (!unsafe.isEmpty()) {
      return unsafe;
    }
    List<Step> steps = new ArrayList<>();
    for (ClusterNode target : cluster.nodesWithRole(NodeRole.Target)) {
      NodeFacts node = facts.get(target.name);
      Optional<DrbdSyntax> syntax = node == null ? Optional.empty() : DrbdSyntax.forNode(node);
      if (syntax.isPresent()) {
        steps.addAll(resourceSteps(spec, config, syntax.get(), node, handedOver));
      }
    }
    Optional<NodeFacts> primary = primary(facts, spec);
    primary.ifPresent(
        p -> {
          steps.addAll(NewVolumeSync.plan(spec, p));
          steps.addAll(LvmOnDrbdPlanner.plan(spec, p, upToDateDevices(spec, p)));
        });
    boolean bootstrapped =
        steps.isEmpty() && primary.map(p -> LvmOnDrbdPlanner.complete(spec, p)).orElse(false);
    Optional<PromotableSyntax> syntax =
        cibNode.flatMap(n -> n.version(Tool.PACEMAKER)).flatMap(PromotableSyntax::forVersion);
    if (cibNode.isPresent() && syntax.isPresent() && (handedOver || bootstrapped)) {
      steps.addAll(
          DrbdPacemakerPlanner.plan(
              cibNode.get().nodeName(),
              volume,
              syntax.get(),
              cluster.pacemakerOrEmpty().monitorIntervalOrDefault(),
              cib.get()));
    }
    return steps;
  }

  private static List<Step> resourceSteps(
      DrbdVolumeSpec spec,
      DrbdResourceConfig config,
      DrbdSyntax syntax,
      NodeFacts node,
      boolean handedOver) {
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
    steps.addAll(createMetadataSteps(spec, node));
    Optional<DrbdKernelStatus> state = DrbdState.of(node);
    long configured =
        minors(spec).stream().filter(m -> state.map(s -> configured(s, m)).orElse(false)).count();
    if (configured == 0 && !handedOver) {
      steps.add(
          Step.of(
              name,
              "bring DRBD resource " + resource + " up",
              new Action.RunCommand(drbdadm("up", resource))));
    } else if (configured > 0 && (fileChanged || configured < spec.volumes.size())) {
      steps.add(
          Step.of(
              name,
              "apply the changed configuration of " + resource,
              new Action.RunCommand(drbdadm("adjust", resource))));
    }
    if (!handedOver
        && name.equals(spec.initialPrimary)
        && state.map(s -> freshPair(s, spec)).orElse(false)) {
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

  /**
   * When any backing disk that would get metadata is refused by {@link MetadataGuard} (it holds a
   * file system, a PV, or could not be probed), the whole volume plans only those refused steps:
   * nothing is written on any target, not even the resource file, until the spec or the disk is
   * fixed.
   */
  private static List<Step> unsafeMetadataSteps(
      DrbdVolumeSpec spec, StorageClusterSpec cluster, Map<String, NodeFacts> facts) {
    List<Step> refused = new ArrayList<>();
    for (ClusterNode target : cluster.nodesWithRole(NodeRole.Target)) {
      NodeFacts node = facts.get(target.name);
      if (node != null && DrbdSyntax.forNode(node).isPresent()) {
        createMetadataSteps(spec, node).stream()
            .filter(step -> !step.guard().check(node).allowed())
            .forEach(refused::add);
      }
    }
    return refused;
  }

  /** create-md for each volume whose backing disk on this node holds no DRBD metadata yet. */
  private static List<Step> createMetadataSteps(DrbdVolumeSpec spec, NodeFacts node) {
    boolean adopt = Boolean.TRUE.equals(spec.adoptExistingData);
    List<Step> steps = new ArrayList<>();
    for (DrbdVolumeDisk volume : spec.volumes) {
      String disk = backingDisk(volume, node.nodeName());
      boolean hasMetadata =
          DiskProbe.signatures(node, disk).map(MetadataGuard::hasDrbdMetadata).orElse(false);
      if (!hasMetadata) {
        Command createMd = drbdadm("create-md", spec.resourceName + "/" + volume.volume);
        steps.add(
            new Step(
                node.nodeName(),
                "create DRBD metadata on " + disk + " (volume " + volume.volume + ")",
                new MetadataGuard(disk, adopt),
                new Action.RunCommand(
                    adopt ? createMd.withStdin(SensitiveBytes.plain("yes\n")) : createMd)));
      }
    }
    return steps;
  }

  private static Cib cib(NodeFacts facts) {
    return Cib.parse(facts.raw().okOutput(ClusterLayerPlanner.CIB.name()).orElseThrow());
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

  /** The target on which every volume of the resource is Primary, if one is. */
  public static Optional<NodeFacts> primary(Map<String, NodeFacts> facts, DrbdVolumeSpec spec) {
    return facts.values().stream().filter(node -> isPrimary(node, spec)).findFirst();
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

  /** The DRBD devices whose local disk is UpToDate: only those carry data LVM may write to. */
  private static List<String> upToDateDevices(DrbdVolumeSpec spec, NodeFacts primary) {
    Optional<DrbdKernelStatus> state = DrbdState.of(primary);
    return spec.volumes.stream()
        .filter(
            v ->
                state
                    .flatMap(s -> device(s, v.minor))
                    .filter(d -> "UpToDate".equals(d.localDisk()))
                    .isPresent())
        .map(DrbdVolumePlanner::device)
        .toList();
  }

  static boolean configured(DrbdKernelStatus status, int minor) {
    return device(status, minor)
        .filter(d -> !"Unconfigured".equals(d.connectionState()))
        .isPresent();
  }

  static Optional<DrbdDeviceState> device(DrbdKernelStatus status, int minor) {
    return status.devices().stream().filter(d -> d.minor() == minor).findFirst();
  }

  static List<Integer> minors(DrbdVolumeSpec spec) {
    return spec.volumes.stream().map(v -> v.minor).toList();
  }

  static String device(DrbdVolumeDisk volume) {
    return "/dev/drbd" + volume.minor;
  }

  static String backingDisk(DrbdVolumeDisk volume, String node) {
    return volume.backingDisks.stream()
        .filter(d -> d.node.equals(node))
        .findFirst()
        .map(d -> d.disk)
        .orElseThrow();
  }

  static Command drbdadm(String verb, String target) {
    return Command.of("drbdadm", verb, target).withTimeout(DRBD_TIMEOUT);
  }
}
