package io.hastorage.e2e.sim.drbd;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * What LVM sees on one node: the PVs on DRBD devices this node is Primary for (a Secondary's device
 * cannot be opened, so its PV, VG and LVs are invisible there). Call with the replication lock
 * held.
 */
final class LvmVisibility {

  /** A PV a node can see, on {@code device}. */
  record VisiblePv(String device, DrbdResource resource, LvmData lvm) {}

  private LvmVisibility() {}

  static List<VisiblePv> pvs(Map<String, DrbdResource> resources, String node) {
    List<VisiblePv> visible = new ArrayList<>();
    for (DrbdResource resource : resources.values()) {
      DrbdSide side = resource.sides.get(node);
      if (side != null && side.primary() && resource.lvm.isPresent()) {
        visible.add(new VisiblePv(side.device(), resource, resource.lvm.get()));
      }
    }
    visible.sort(Comparator.comparing(VisiblePv::device));
    return visible;
  }

  static Optional<VisiblePv> vg(Map<String, DrbdResource> resources, String node, String vg) {
    return pvs(resources, node).stream()
        .filter(pv -> pv.lvm().vg().filter(vg::equals).isPresent())
        .findFirst();
  }

  /** LVM's human size in its default units ("20.00 GiB"). */
  static String human(long bytes) {
    String[] units = {"MiB", "GiB", "TiB"};
    double value = bytes / (double) (1L << 20);
    int unit = 0;
    while (value >= 1024 && unit < units.length - 1) {
      value /= 1024;
      unit++;
    }
    return String.format(Locale.ROOT, "%.2f %s", value, units[unit]);
  }

  /** An -L size: a number with an optional binary unit suffix, MiB when none. */
  static long parseSize(String text) {
    String lower = text.toLowerCase(Locale.ROOT);
    char last = lower.charAt(lower.length() - 1);
    int shift =
        switch (last) {
          case 'b' -> 0;
          case 'k' -> 10;
          case 'm' -> 20;
          case 'g' -> 30;
          case 't' -> 40;
          default -> -1;
        };
    String number = shift < 0 ? lower : lower.substring(0, lower.length() - 1);
    return (long) (Double.parseDouble(number) * (1L << (shift < 0 ? 20 : shift)));
  }

  static long extentsFor(long bytes) {
    return (bytes + LvmData.EXTENT_BYTES - 1) / LvmData.EXTENT_BYTES;
  }
}
