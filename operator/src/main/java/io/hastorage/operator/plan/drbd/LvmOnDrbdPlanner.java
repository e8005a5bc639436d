package io.hastorage.operator.plan.drbd;

import io.hastorage.operator.api.drbd.DrbdVolumeSpec;
import io.hastorage.operator.api.drbd.LvmLayout;
import io.hastorage.operator.node.Command;
import io.hastorage.operator.observe.NodeFacts;
import io.hastorage.operator.plan.Action;
import io.hastorage.operator.plan.Decision;
import io.hastorage.operator.plan.Guard;
import io.hastorage.operator.plan.Step;
import io.hastorage.operator.plan.lvm.PhysicalVolumes;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * LVM on the DRBD devices, planned only on the Primary (a Secondary cannot open them): a PV on each
 * blank device, the VG (created, or extended by a new volume's PV), then each LV created or grown
 * online. Shrinking is refused: that loses data at the end of the LV.
 */
final class LvmOnDrbdPlanner {

  /** LVM rounds sizes to whole extents (4 MiB by default): differences below that are equal. */
  private static final long EXTENT_SLACK = 4L * 1024 * 1024;

  private LvmOnDrbdPlanner() {}

  /**
   * @param devices the resource's DRBD devices that are UpToDate on {@code primary}; the others (a
   *     volume still Inconsistent) get their PV once they are
   */
  static List<Step> plan(DrbdVolumeSpec spec, NodeFacts primary, List<String> devices) {
    Optional<LvmReport> report = LvmReport.of(primary);
    Optional<Map<String, String>> pvs = PhysicalVolumes.of(primary);
    if (report.isEmpty() || pvs.isEmpty() || devices.isEmpty()) {
      return List.of();
    }
    String node = primary.nodeName();
    String vg = spec.lvm.volumeGroup;
    List<Step> steps = new ArrayList<>();
    for (String device : devices) {
      if (!pvs.get().containsKey(device)) {
        steps.add(
            new Step(
                node,
                "create an LVM physical volume on " + device,
                new BlankDeviceGuard(device),
                new Action.RunCommand(Command.of("pvcreate", "--", device))));
      }
    }
    if (!report.get().volumeGroups().containsKey(vg)) {
      List<String> argv = new ArrayList<>(List.of("vgcreate", "--", vg));
      argv.addAll(devices);
      steps.add(
          Step.of(node, "create volume group " + vg, new Action.RunCommand(Command.of(argv))));
    } else {
      for (String device : devices) {
        if (!vg.equals(pvs.get().get(device))) {
          steps.add(
              Step.of(
                  node,
                  "add " + device + " to volume group " + vg,
                  new Action.RunCommand(Command.of("vgextend", "--", vg, device))));
        }
      }
    }
    for (LvmLayout.LogicalVolume lv : spec.lvm.logicalVolumes) {
      steps.addAll(logicalVolume(node, vg, lv, report.get()));
    }
    return steps;
  }

  /** Whether the primary's LVM report shows the VG on every device and every LV. */
  static boolean complete(DrbdVolumeSpec spec, NodeFacts primary) {
    Optional<LvmReport> report = LvmReport.of(primary);
    Optional<Map<String, String>> pvs = PhysicalVolumes.of(primary);
    String vg = spec.lvm.volumeGroup;
    return report.isPresent()
        && pvs.isPresent()
        && spec.volumes.stream()
            .allMatch(v -> vg.equals(pvs.get().get(DrbdVolumePlanner.device(v))))
        && spec.lvm.logicalVolumes.stream()
            .allMatch(lv -> report.get().logicalVolume(vg, lv.name).isPresent());
  }

  private static List<Step> logicalVolume(
      String node, String vg, LvmLayout.LogicalVolume lv, LvmReport report) {
    LvSize size = new LvSize(lv.size);
    Optional<Long> current = report.logicalVolume(vg, lv.name);
    if (current.isEmpty()) {
      List<String> argv = new ArrayList<>(List.of("lvcreate", "--name", lv.name));
      argv.addAll(size.createArgs());
      argv.add(vg);
      return List.of(
          Step.of(
              node,
              "create logical volume " + vg + "/" + lv.name + " (" + lv.size + ")",
              new Action.RunCommand(Command.of(argv))));
    }
    LvmReport.VolumeGroup group = report.volumeGroups().get(vg);
    Optional<Long> target = size.targetBytes(group == null ? 0 : group.sizeBytes());
    if (target.isEmpty() || Math.abs(target.get() - current.get()) < EXTENT_SLACK) {
      return List.of();
    }
    String name = vg + "/" + lv.name;
    if (target.get() < current.get()) {
      Guard refuse =
          facts ->
              Decision.refuse(
                  "LvShrinkRefused",
                  node
                      + ": "
                      + name
                      + " is "
                      + current.get()
                      + " bytes, the spec asks for "
                      + lv.size
                      + "; LVs are never shrunk (data loss)");
      return List.of(
          new Step(
              node,
              "shrink " + name + " (refused)",
              refuse,
              new Action.RunCommand(Command.of("lvs", "--", name))));
    }
    List<String> argv = new ArrayList<>(List.of("lvextend"));
    argv.addAll(size.createArgs());
    argv.add(name);
    return List.of(
        Step.of(
            node,
            "grow " + name + " online to " + lv.size,
            new Action.RunCommand(Command.of(argv))));
  }

  /** pvcreate only on a DRBD device that was probed and holds no signature at all. */
  private record BlankDeviceGuard(String device) implements Guard {
    @Override
    public Decision check(NodeFacts facts) {
      return DiskProbe.signatures(facts, device)
          .map(
              found ->
                  found.blank()
                      ? Decision.allow()
                      : Decision.refuse(
                          MetadataGuard.IN_USE,
                          facts.nodeName()
                              + ": "
                              + device
                              + " holds "
                              + MetadataGuard.describe(found)
                              + "; refusing pvcreate"))
          .orElseGet(
              () ->
                  Decision.refuse(
                      MetadataGuard.UNKNOWN,
                      facts.nodeName()
                          + ": "
                          + device
                          + " could not be probed; no pvcreate on a device whose content is unknown"));
    }
  }
}
