package io.hastorage.e2e.sim.drbd;

import io.hastorage.e2e.sim.ExecOutcome;
import io.hastorage.e2e.sim.SimulatedTool;
import java.util.List;
import java.util.Map;

/**
 * {@code lvcreate --name LV (-l 100%VG | -L SIZE) VG} and {@code lvextend (-L [+]SIZE | -l
 * +100%FREE) VG/LV} on a VG this node can see (see {@link LvmVisibility}).
 */
final class LvCommands {

  private final DrbdReplication replication;

  LvCommands(DrbdReplication replication) {
    this.replication = replication;
  }

  SimulatedTool lvcreate() {
    return (given, context) -> {
      List<String> argv = LvmCommands.operands(given);
      LvmCommands.expect(
          argv,
          argv.size() == 6
              && argv.get(1).equals("--name")
              && (argv.get(3).equals("-L")
                  || argv.get(3).equals("-l") && argv.get(4).equals("100%VG")));
      String lv = argv.get(2);
      String vg = argv.get(5);
      return replication.locked(
          all ->
              withVg(
                  all,
                  context.node().name(),
                  vg,
                  lvm -> {
                    if (lvm.lvs().containsKey(lv)) {
                      return LvmCommands.failure(
                          "Logical Volume \""
                              + lv
                              + "\" already exists in volume group \""
                              + vg
                              + "\"");
                    }
                    boolean all100 = argv.get(3).equals("-l");
                    long wanted =
                        all100
                            ? lvm.totalExtents()
                            : LvmVisibility.extentsFor(LvmVisibility.parseSize(argv.get(4)));
                    if (wanted > lvm.freeExtents()) {
                      return LvmCommands.failure(
                          "Volume group \""
                              + vg
                              + "\" has insufficient free space ("
                              + lvm.freeExtents()
                              + " extents): "
                              + wanted
                              + " required.");
                    }
                    lvm.lvs().put(lv, wanted);
                    return ExecOutcome.ok("  Logical volume \"" + lv + "\" created.\n");
                  }));
    };
  }

  SimulatedTool lvextend() {
    return (given, context) -> {
      List<String> argv = LvmCommands.operands(given);
      LvmCommands.expect(
          argv,
          argv.size() == 4
              && argv.get(3).contains("/")
              && (argv.get(1).equals("-L")
                  || argv.get(1).equals("-l") && argv.get(2).equals("+100%FREE")));
      String[] vgLv = argv.get(3).split("/", 2);
      return replication.locked(
          all ->
              withVg(
                  all,
                  context.node().name(),
                  vgLv[0],
                  lvm -> {
                    Long current = lvm.lvs().get(vgLv[1]);
                    if (current == null) {
                      return LvmCommands.failure(
                          "Failed to find logical volume \"" + argv.get(3) + "\"");
                    }
                    long wanted = target(argv, lvm, current);
                    return resize(lvm, argv.get(3), vgLv[1], current, wanted);
                  }));
    };
  }

  private static long target(List<String> argv, LvmData lvm, long current) {
    if (argv.get(1).equals("-l")) {
      return current + lvm.freeExtents();
    }
    String size = argv.get(2);
    long bytes = LvmVisibility.parseSize(size.startsWith("+") ? size.substring(1) : size);
    long extents = LvmVisibility.extentsFor(bytes);
    return size.startsWith("+") ? current + extents : extents;
  }

  private static ExecOutcome resize(
      LvmData lvm, String name, String lv, long current, long wanted) {
    if (wanted == current) {
      return LvmCommands.failure(
          "New size (" + wanted + " extents) matches existing size (" + current + " extents).");
    }
    if (wanted < current) {
      return LvmCommands.failure(
          "New size given ("
              + wanted
              + " extents) not larger than"
              + " existing size ("
              + current
              + " extents)");
    }
    if (wanted - current > lvm.freeExtents()) {
      return LvmCommands.failure(
          "Insufficient free space: "
              + (wanted - current)
              + " extents needed, but only "
              + lvm.freeExtents()
              + " available");
    }
    lvm.lvs().put(lv, wanted);
    return ExecOutcome.ok(
        "  Size of logical volume "
            + name
            + " changed from "
            + LvmVisibility.human(current * LvmData.EXTENT_BYTES)
            + " ("
            + current
            + " extents) to "
            + LvmVisibility.human(wanted * LvmData.EXTENT_BYTES)
            + " ("
            + wanted
            + " extents).\n"
            + "  Logical volume "
            + name
            + " successfully resized.\n");
  }

  private interface VgAction {
    ExecOutcome apply(LvmData lvm);
  }

  private static ExecOutcome withVg(
      Map<String, DrbdResource> all, String node, String vg, VgAction action) {
    return LvmVisibility.vg(all, node, vg)
        .map(pv -> action.apply(pv.lvm()))
        .orElseGet(
            () ->
                LvmCommands.failure(
                    "Volume group \""
                        + vg
                        + "\" not found\n"
                        + "  Cannot process volume group "
                        + vg));
  }
}
