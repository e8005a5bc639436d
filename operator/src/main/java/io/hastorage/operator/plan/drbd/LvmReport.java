package io.hastorage.operator.plan.drbd;

import io.hastorage.operator.observe.NodeFacts;
import io.hastorage.operator.observe.ProbeItem;
import io.hastorage.operator.observe.ProbeRequest;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * The VGs and LVs a node sees, from two read-only probe items in byte units, so sizes compare
 * exactly. Empty when the tools did not answer: then nothing about LVM is planned.
 */
public record LvmReport(
    Map<String, VolumeGroup> volumeGroups, Map<String, Long> logicalVolumeBytes) {

  public static final ProbeItem VGS =
      ProbeItem.of(
          "lvm-vgs",
          "vgs",
          "--noheadings",
          "--separator",
          "|",
          "--units",
          "b",
          "--nosuffix",
          "-o",
          "vg_name,vg_size,vg_free");
  public static final ProbeItem LVS =
      ProbeItem.of(
          "lvm-lvs",
          "lvs",
          "--noheadings",
          "--separator",
          "|",
          "--units",
          "b",
          "--nosuffix",
          "-o",
          "vg_name,lv_name,lv_size");

  /** Size and free space of one VG, in bytes. */
  public record VolumeGroup(String name, long sizeBytes, long freeBytes) {}

  public static ProbeRequest request() {
    return ProbeRequest.ofItems(VGS, LVS);
  }

  public static Optional<LvmReport> of(NodeFacts facts) {
    Optional<String> vgs = facts.raw().okOutput(VGS.name());
    Optional<String> lvs = facts.raw().okOutput(LVS.name());
    if (vgs.isEmpty() || lvs.isEmpty()) {
      return Optional.empty();
    }
    Map<String, VolumeGroup> groups = new LinkedHashMap<>();
    for (String[] row : rows(vgs.get(), 3)) {
      groups.put(row[0], new VolumeGroup(row[0], Long.parseLong(row[1]), Long.parseLong(row[2])));
    }
    Map<String, Long> volumes = new LinkedHashMap<>();
    for (String[] row : rows(lvs.get(), 3)) {
      volumes.put(row[0] + "/" + row[1], Long.parseLong(row[2]));
    }
    return Optional.of(new LvmReport(groups, volumes));
  }

  public Optional<Long> logicalVolume(String vg, String lv) {
    return Optional.ofNullable(logicalVolumeBytes.get(vg + "/" + lv));
  }

  private static java.util.List<String[]> rows(String text, int columns) {
    java.util.List<String[]> rows = new java.util.ArrayList<>();
    for (String line : text.split("\n")) {
      String[] cells = line.strip().split("\\|", -1);
      if (cells.length == columns && cells[columns - 1].strip().matches("[0-9]+")) {
        for (int i = 0; i < cells.length; i++) {
          cells[i] = cells[i].strip();
        }
        rows.add(cells);
      }
    }
    return rows;
  }
}
