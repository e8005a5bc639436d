package io.hastorage.e2e.sim.drbd;

import io.hastorage.e2e.sim.ExecOutcome;
import io.hastorage.e2e.sim.SimulatedTool;
import io.hastorage.e2e.sim.UnsupportedFeatureException;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The LVM commands that write, on DRBD devices only: {@code pvcreate DEV}, {@code vgcreate VG DEV},
 * {@code lvcreate --name LV (-l 100%VG | -L SIZE) VG}, {@code lvextend (-L [+]SIZE | -l +100%FREE)
 * VG/LV}, {@code pvresize DEV}. Messages and exit code 5 as lvm2 2.03 prints them.
 */
final class LvmCommands {

  private final DrbdReplication replication;

  LvmCommands(DrbdReplication replication) {
    this.replication = replication;
  }

  SimulatedTool pvcreate() {
    return (given, context) -> {
      List<String> argv = LvmCommands.operands(given);
      expect(argv, argv.size() == 2);
      String device = argv.get(1);
      return onDevice(
          context.node().name(),
          device,
          (resource, out) -> {
            if (resource.lvm.flatMap(LvmData::vg).isPresent()) {
              return failure(
                  "Can't initialize physical volume \""
                      + device
                      + "\" of volume group \""
                      + resource.lvm.get().vg().get()
                      + "\" without -ff\n  "
                      + device
                      + ": physical volume not initialized.");
            }
            resource.lvm = Optional.of(new LvmData(uuid(resource.name), resource.sizeKiB * 1024));
            return ExecOutcome.ok(
                out + "  Physical volume \"" + device + "\" successfully created.\n");
          });
    };
  }

  SimulatedTool vgcreate() {
    return (given, context) -> {
      List<String> argv = LvmCommands.operands(given);
      expect(argv, argv.size() == 3);
      String vg = argv.get(1);
      String device = argv.get(2);
      String node = context.node().name();
      return onDevice(
          node,
          device,
          (resource, out) -> {
            if (resource.lvm.flatMap(LvmData::vg).isPresent()) {
              return failure(
                  "Physical volume '"
                      + device
                      + "' is already in volume group '"
                      + resource.lvm.get().vg().get()
                      + "'");
            }
            String created = "";
            if (resource.lvm.isEmpty()) {
              resource.lvm = Optional.of(new LvmData(uuid(resource.name), resource.sizeKiB * 1024));
              created = "  Physical volume \"" + device + "\" successfully created.\n";
            }
            resource.lvm.get().createVg(vg);
            return ExecOutcome.ok(created + "  Volume group \"" + vg + "\" successfully created\n");
          });
    };
  }

  SimulatedTool pvresize() {
    return (given, context) -> {
      List<String> argv = LvmCommands.operands(given);
      expect(argv, argv.size() == 2);
      String device = argv.get(1);
      return onDevice(
          context.node().name(),
          device,
          (resource, out) -> {
            if (resource.lvm.isEmpty()) {
              return failure(
                  "No physical volume label read from "
                      + device
                      + "\n  Failed to read"
                      + " physical volume \""
                      + device
                      + "\"");
            }
            resource.lvm.get().resize(resource.sizeKiB * 1024);
            return ExecOutcome.ok(
                "  Physical volume \""
                    + device
                    + "\" changed\n  1 physical"
                    + " volume(s) resized or updated / 0 physical volume(s) not resized\n");
          });
    };
  }

  private interface DeviceAction {
    ExecOutcome apply(DrbdResource resource, String stdoutPrefix);
  }

  private ExecOutcome onDevice(String node, String device, DeviceAction action) {
    if (!DrbdDevices.isDrbd(device)) {
      throw new UnsupportedFeatureException("LVM on a device other than /dev/drbdN: " + device);
    }
    return replication.locked(all -> run(all, node, device, action));
  }

  private static ExecOutcome run(
      Map<String, DrbdResource> all, String node, String device, DeviceAction action) {
    DrbdDevices.Opened opened = DrbdDevices.open(all, node, device);
    if (!opened.ok()) {
      String open =
          opened.error().equals(DrbdDevices.WRONG_MEDIUM)
              ? device + ": open failed: " + DrbdDevices.WRONG_MEDIUM + "\n  "
              : "";
      return failure(open + "Device " + device + " not found.");
    }
    return action.apply(opened.resource().get(), "");
  }

  static ExecOutcome failure(String message) {
    return ExecOutcome.failure(5, "  " + message + "\n");
  }

  /** The argv without the first "--" (end of options), which the LVM tools accept anywhere. */
  static List<String> operands(List<String> argv) {
    List<String> out = new java.util.ArrayList<>(argv);
    out.remove("--");
    return out;
  }

  static void expect(List<String> argv, boolean supported) {
    if (!supported) {
      throw new UnsupportedFeatureException(String.join(" ", argv));
    }
  }

  /** A PV UUID in LVM's 6-4-4-4-4-4-6 form, derived from the resource name. */
  static String uuid(String resource) {
    String hex =
        String.format("%032x", (long) resource.hashCode() & 0xffffffffL) + "0123456789abcdef";
    return hex.substring(0, 6)
        + "-"
        + hex.substring(6, 10)
        + "-"
        + hex.substring(10, 14)
        + "-"
        + hex.substring(14, 18)
        + "-"
        + hex.substring(18, 22)
        + "-"
        + hex.substring(22, 26)
        + "-"
        + hex.substring(26, 32);
  }
}
