package io.hastorage.operator.plan.lvm;

import io.hastorage.operator.observe.NodeFacts;
import io.hastorage.operator.observe.ProbeItem;
import io.hastorage.operator.observe.ProbeSection;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/** The node's LVM physical volumes and their VGs, as the read-only probe lists them. */
public final class PhysicalVolumes {

  public static final ProbeItem PROBE =
      ProbeItem.of("lvm-pvs", "pvs", "--noheadings", "--separator", "|", "-o", "pv_name,vg_name");

  private PhysicalVolumes() {}

  /**
   * PV path to VG name (empty for an orphan PV). Empty Optional when LVM could not be asked (the
   * probe failed for another reason than lvm2 missing), because then nothing is known.
   */
  public static Optional<Map<String, String>> of(NodeFacts facts) {
    Optional<ProbeSection> section = facts.raw().section(PROBE.name());
    if (section.isEmpty() || !section.get().ok() && !section.get().commandMissing()) {
      return Optional.empty();
    }
    Map<String, String> volumes = new LinkedHashMap<>();
    if (section.get().ok()) {
      for (String line : section.get().output().split("\n")) {
        String[] columns = line.strip().split("\\|", -1);
        if (columns.length >= 1 && !columns[0].isEmpty()) {
          volumes.put(columns[0], columns.length > 1 ? columns[1] : "");
        }
      }
    }
    return Optional.of(volumes);
  }
}
