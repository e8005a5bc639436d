package io.hastorage.operator.plan.ocfs2;

import io.hastorage.operator.node.Command;
import io.hastorage.operator.node.FileWrite;
import io.hastorage.operator.node.SensitiveBytes;
import io.hastorage.operator.observe.NodeFacts;
import io.hastorage.operator.observe.OsInfo;
import io.hastorage.operator.observe.initiator.MountEntry;
import io.hastorage.operator.observe.initiator.Ocfs2Superblock;
import io.hastorage.operator.plan.Action;
import io.hastorage.operator.plan.Decision;
import io.hastorage.operator.plan.ManagedFiles;
import io.hastorage.operator.plan.ServiceStart;
import io.hastorage.operator.plan.Step;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Plans an Ocfs2Mount on its initiators, each node on its own, in dependency order:
 *
 * <ol>
 *   <li>configuration: the multipath drop-in, cluster.conf and the o2cb settings, and the services
 *       (iscsid, open-iscsi, multipathd, o2cb) enabled and running;
 *   <li>iSCSI: records, settings and a session on every portal ({@link IscsiPlanner});
 *   <li>the device, once an earlier probe learnt its WWID (kept in status): the fstab entry; on the
 *       format node only, mkfs.ocfs2 when {@link FormatGuard} finds the device blank; the mount
 *       once the node sees this mount's OCFS2 (a reconcile after the format); growth.
 * </ol>
 *
 * Pure: facts in, steps out. A converged node gets no step.
 */
public final class Ocfs2MountPlanner {

  public static final String MOUNT_POINT_TAKEN = "MountPointTaken";
  static final Duration MKFS_TIMEOUT = Duration.ofMinutes(30);

  private Ocfs2MountPlanner() {}

  /**
   * What earlier reconciles learnt, from status.
   *
   * @param wwid the LUN's WWID: the probe reads the device only once it is known
   * @param filesystemUuid the UUID of the file system this mount formatted or adopted
   * @param rescanDue the exported volume changed since the last rescan (it may have grown)
   */
  public record Known(Optional<String> wwid, Optional<String> filesystemUuid, boolean rescanDue) {
    public static Known nothing() {
      return new Known(Optional.empty(), Optional.empty(), false);
    }
  }

  public static List<Step> plan(MountDesign design, Map<String, NodeFacts> nodes, Known known) {
    List<Step> steps = new ArrayList<>();
    for (String node : design.nodes()) {
      NodeFacts facts = nodes.get(node);
      if (facts != null) {
        steps.addAll(planNode(design, facts, known));
      }
    }
    return steps;
  }

  static List<Step> planNode(MountDesign design, NodeFacts facts, Known known) {
    List<Step> steps = new ArrayList<>(configuration(design, facts));
    steps.addAll(IscsiPlanner.plan(design, facts));
    steps.addAll(multipathPaths(design, facts));
    LunPaths paths = LunPaths.of(design, facts);
    if (known.wwid().isPresent() && paths.wwid().equals(known.wwid())) {
      steps.addAll(device(design, facts, known));
    }
    return steps;
  }

  /**
   * Hands the LUN's unmapped paths to multipath: {@code multipath -a} records the disk's WWID in
   * /etc/multipath/wwids (what {@code find_multipaths "strict"} requires; a no-op for a WWID
   * already there), then {@code multipath DEV} builds the map, which multipathd then watches. Only
   * the disks the sessions to this target attached for this LUN, and only while multipathd runs.
   */
  static List<Step> multipathPaths(MountDesign design, NodeFacts facts) {
    if (!InitiatorProbe.serviceActive(facts, InitiatorProbe.MULTIPATHD)) {
      return List.of();
    }
    List<Step> steps = new ArrayList<>();
    for (String disk : LunPaths.unmappedDisks(design, facts)) {
      String node = facts.nodeName();
      steps.add(
          IscsiPlanner.run(
              node, "record the WWID of LUN path " + disk, "multipath", "-a", "/dev/" + disk));
      steps.add(
          IscsiPlanner.run(
              node, "build the multipath map of " + disk, "multipath", "/dev/" + disk));
    }
    return steps;
  }

  /** The files and services every initiator needs before it can log in and mount. */
  static List<Step> configuration(MountDesign design, NodeFacts facts) {
    String node = facts.nodeName();
    List<Step> steps = new ArrayList<>();
    ManagedFiles.writeIfChanged(
            facts,
            InitiatorFiles.multipathDropInPath(design),
            InitiatorFiles.multipathDropIn(design),
            "0644",
            "multipath drop-in for the target's LUNs")
        .ifPresent(
            write -> {
              steps.add(write);
              if (InitiatorProbe.serviceActive(facts, InitiatorProbe.MULTIPATHD)) {
                steps.add(
                    IscsiPlanner.run(
                        node, "make multipathd read the drop-in", "multipathd", "reconfigure"));
              }
            });
    Optional<Step> clusterConf =
        ManagedFiles.writeIfChanged(
            facts,
            InitiatorFiles.CLUSTER_CONF,
            InitiatorFiles.clusterConf(design.o2cb()),
            "0644",
            "o2cb cluster.conf");
    Optional<Step> o2cbDefaults =
        ManagedFiles.writeIfChanged(
            facts,
            InitiatorFiles.o2cbDefaultsPath(facts.os()),
            InitiatorFiles.o2cbDefaults(design.o2cb()),
            "0644",
            "o2cb settings (heartbeat threshold, timeouts)");
    clusterConf.ifPresent(steps::add);
    o2cbDefaults.ifPresent(steps::add);
    // enable and start apart: o2cb is a SysV script on Debian, which enable --now does not start
    List<String> disabled = new ArrayList<>();
    List<String> stopped = new ArrayList<>();
    for (String unit : units(facts.os())) {
      if (!facts.service(unit).map(s -> s.enabled()).orElse(false)) {
        disabled.add(unit);
      }
      if (!facts.service(unit).map(s -> s.active()).orElse(false)) {
        stopped.add(unit);
      }
    }
    if (!disabled.isEmpty()) {
      steps.add(
          Step.of(
              node,
              "enable " + String.join(" ", disabled) + " at boot",
              new Action.RunCommand(ServiceStart.enable(disabled))));
    }
    if (!stopped.isEmpty()) {
      steps.add(
          Step.of(
              node,
              "start " + String.join(" ", stopped),
              new Action.RunCommand(ServiceStart.start(stopped))));
    }
    boolean o2cbChanged = clusterConf.isPresent() || o2cbDefaults.isPresent();
    // o2cb cannot be restarted under any mounted OCFS2 volume, this mount's or another's
    boolean mounted =
        InitiatorProbe.mounts(facts)
            .map(all -> all.stream().anyMatch(m -> "ocfs2".equals(m.type())))
            .orElse(true);
    if (o2cbChanged
        && InitiatorProbe.serviceActive(facts, InitiatorProbe.O2CB)
        && !stopped.contains(InitiatorProbe.O2CB)
        && !mounted) {
      // o2cb reads its configuration when it brings the cluster online; nothing is mounted here
      steps.add(
          IscsiPlanner.run(
              node,
              "restart o2cb to load the changed configuration (no OCFS2 mounted on this node)",
              "systemctl",
              "restart",
              InitiatorProbe.O2CB));
    }
    return steps;
  }

  static List<String> units(OsInfo os) {
    String iscsi =
        os.family() == OsInfo.Family.RHEL ? InitiatorProbe.ISCSI_RHEL : InitiatorProbe.OPEN_ISCSI;
    return List.of(InitiatorProbe.ISCSID, iscsi, InitiatorProbe.MULTIPATHD, InitiatorProbe.O2CB);
  }

  private static List<Step> device(MountDesign design, NodeFacts facts, Known known) {
    String node = facts.nodeName();
    String wwid = known.wwid().orElseThrow();
    String device = InitiatorFiles.device(wwid);
    List<Step> steps = new ArrayList<>();
    if (known.rescanDue()) {
      steps.add(
          IscsiPlanner.run(
              node,
              "rescan the LUNs (the volume changed)",
              "iscsiadm",
              "-m",
              "session",
              "--rescan"));
      steps.add(
          IscsiPlanner.run(
              node, "resize the multipath map to the LUN", "multipathd", "resize", "map", wwid));
    }
    Optional<Step> fstab = fstab(design, facts, wwid);
    FilesystemCheck fs =
        FilesystemCheck.of(
            facts, device, design.mkfs().label(), design.adoptExisting(), known.filesystemUuid());
    boolean o2cbUp = InitiatorProbe.serviceActive(facts, InitiatorProbe.O2CB);
    if (node.equals(design.formatNode()) && !fs.mountable() && o2cbUp) {
      steps.add(mkfs(design, node, device, known));
    }
    fstab.ifPresent(steps::add);
    Optional<MountEntry> mounted = InitiatorProbe.mountAt(facts, design.mountPoint());
    if (mounted.isPresent() && !"ocfs2".equals(mounted.get().type())) {
      steps.add(
          refused(
              node,
              "mount " + design.mountPoint(),
              MOUNT_POINT_TAKEN,
              node
                  + ": "
                  + design.mountPoint()
                  + " already has "
                  + mounted.get().device()
                  + " ("
                  + mounted.get().type()
                  + ") mounted",
              Command.of("mount", design.mountPoint())));
    } else if (mounted.isEmpty() && fs.mountable() && o2cbUp) {
      steps.add(
          IscsiPlanner.run(node, "create the mount point", "mkdir", "-p", design.mountPoint()));
      steps.add(
          new Step(
              node,
              "mount " + device + " on " + design.mountPoint(),
              new MountGuard(
                  device, design.mkfs().label(), design.adoptExisting(), known.filesystemUuid()),
              new Action.RunCommand(Command.of("mount", design.mountPoint()))));
    } else if (mounted.isPresent() && design.growFilesystem() && node.equals(design.formatNode())) {
      grow(facts, device).ifPresent(steps::add);
    }
    return steps;
  }

  private static Step mkfs(MountDesign design, String node, String device, Known known) {
    MountDesign.Mkfs m = design.mkfs();
    Command command =
        Command.of(
                "mkfs.ocfs2",
                "-L",
                m.label(),
                "-N",
                "" + m.slots(),
                "-b",
                "" + m.blockSize(),
                "-C",
                "" + m.clusterSize(),
                "--cluster-stack=o2cb",
                "--cluster-name=" + design.o2cb().name(),
                device)
            .withTimeout(MKFS_TIMEOUT);
    return new Step(
        node,
        "format " + device + " as OCFS2 " + m.label() + " (" + m.slots() + " slots), once",
        new FormatGuard(device, m.label(), design.adoptExisting(), known.filesystemUuid()),
        new Action.RunCommand(command));
  }

  /**
   * The entry in /etc/fstab; refused when the admin has a line of their own for the mount point.
   */
  private static Optional<Step> fstab(MountDesign design, NodeFacts facts, String wwid) {
    String current = facts.fileContent(InitiatorFiles.FSTAB).orElse("");
    String marker = InitiatorFiles.fstabMarker(design);
    String foreign = InitiatorFiles.foreignEntryFor(current, marker, design.mountPoint());
    String wanted =
        InitiatorFiles.fstabWith(current, marker, InitiatorFiles.fstabEntry(design, wwid));
    FileWrite write = new FileWrite(InitiatorFiles.FSTAB, SensitiveBytes.plain(wanted), "0644");
    if (foreign != null) {
      return Optional.of(
          new Step(
              facts.nodeName(),
              "add the fstab entry for " + design.mountPoint(),
              f ->
                  Decision.refuse(
                      MOUNT_POINT_TAKEN,
                      f.nodeName()
                          + ": /etc/fstab already has a line for "
                          + design.mountPoint()
                          + " that the operator did not write: "
                          + foreign.strip()),
              new Action.WriteFile(write)));
    }
    if (wanted.equals(current)) {
      return Optional.empty();
    }
    return Optional.of(
        Step.of(
            facts.nodeName(),
            "fstab entry for " + design.mountPoint() + " (_netdev)",
            new Action.WriteFile(write)));
  }

  /** tunefs.ocfs2 -S when the device is larger than the file system by more than a cluster. */
  private static Optional<Step> grow(NodeFacts facts, String device) {
    Optional<Long> size = InitiatorProbe.deviceSize(facts, device);
    Optional<Ocfs2Superblock> sb = InitiatorProbe.superblock(facts, device);
    if (size.isEmpty() || sb.isEmpty()) {
      return Optional.empty();
    }
    long slack = size.get() - sb.get().sizeBytes();
    if (slack < (1L << sb.get().clusterSizeBits())) {
      return Optional.empty();
    }
    return Optional.of(
        IscsiPlanner.run(
            facts.nodeName(),
            "grow the file system by " + slack + " bytes to fill the LUN",
            "tunefs.ocfs2",
            "-S",
            device));
  }

  static Step refused(
      String node, String description, String reason, String message, Command command) {
    return new Step(
        node, description, f -> Decision.refuse(reason, message), new Action.RunCommand(command));
  }
}
