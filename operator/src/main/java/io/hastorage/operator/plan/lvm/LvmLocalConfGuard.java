package io.hastorage.operator.plan.lvm;

import io.hastorage.operator.api.cluster.LvmSystemSpec;
import io.hastorage.operator.observe.NodeFacts;
import io.hastorage.operator.plan.Decision;
import io.hastorage.operator.plan.Guard;
import io.hastorage.operator.plan.ManagedFiles;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * May the operator write lvmlocal.conf? A chain of checks, each refusing with its own reason:
 *
 * <ol>
 *   <li>the file is missing, already ours, or the distribution's template (nothing but comments and
 *       an empty {@code local {}}); otherwise it is an admin's configuration: refused;
 *   <li>LVM's current physical volumes are known (the probe could run pvs);
 *   <li>every existing PV is still admitted by the new filter (DRBD or a listed system disk):
 *       hiding a PV would hide its VG, possibly the root file system's;
 *   <li>every VG on a system disk is listed for auto-activation, so no system VG stops activating
 *       at boot.
 * </ol>
 */
public final class LvmLocalConfGuard implements Guard {

  public static final String UNMANAGED = "UnmanagedLvmConfig";
  public static final String UNKNOWN = "LvmStateUnknown";
  public static final String HIDES_PV = "FilterWouldHidePhysicalVolume";
  public static final String STOPS_VG = "SystemVolumeGroupNotListed";

  private static final Pattern DRBD = Pattern.compile("^/dev/drbd[0-9]+$");

  private final LvmSystemSpec spec;

  public LvmLocalConfGuard(LvmSystemSpec spec) {
    this.spec = spec;
  }

  @Override
  public Decision check(NodeFacts facts) {
    String content = facts.fileContent(LvmLocalConf.PATH).orElse(null);
    if (content != null && !content.contains(ManagedFiles.MARKER) && !isTemplate(content)) {
      return Decision.refuse(
          UNMANAGED,
          facts.nodeName()
              + ": "
              + LvmLocalConf.PATH
              + " holds local settings not written by ha-iscsi-operator; move them to lvm.conf (or"
              + " empty the file) so the operator can manage the DRBD filter and auto-activation there");
    }
    Optional<Map<String, String>> volumes = PhysicalVolumes.of(facts);
    if (volumes.isEmpty()) {
      return Decision.refuse(
          UNKNOWN,
          facts.nodeName()
              + ": could not list LVM physical volumes"
              + " (pvs failed), so a new filter could hide one; lvmlocal.conf left unchanged");
    }
    return checkVolumes(facts.nodeName(), volumes.get());
  }

  private Decision checkVolumes(String node, Map<String, String> volumes) {
    List<String> hidden = new ArrayList<>();
    List<String> unlisted = new ArrayList<>();
    for (Map.Entry<String, String> pv : volumes.entrySet()) {
      boolean drbd = DRBD.matcher(pv.getKey()).matches();
      if (!drbd && !onSystemDevice(pv.getKey())) {
        hidden.add(pv.getKey() + (pv.getValue().isEmpty() ? "" : " (VG " + pv.getValue() + ")"));
      } else if (!drbd
          && !pv.getValue().isEmpty()
          && !spec.autoActivateVolumeGroups.contains(pv.getValue())) {
        unlisted.add(pv.getValue() + " on " + pv.getKey());
      }
    }
    if (!hidden.isEmpty()) {
      return Decision.refuse(
          HIDES_PV,
          node
              + ": the LVM filter would hide "
              + String.join(", ", hidden)
              + "; add the disk to spec.lvm.systemDevices");
    }
    if (!unlisted.isEmpty()) {
      return Decision.refuse(
          STOPS_VG,
          node
              + ": "
              + String.join(", ", unlisted)
              + " would no longer auto-activate at boot; add it to spec.lvm.autoActivateVolumeGroups");
    }
    return Decision.allow();
  }

  private boolean onSystemDevice(String pv) {
    return spec.systemDevices.stream()
        .anyMatch(device -> Pattern.matches(Pattern.quote(device) + "([0-9]+|p[0-9]+)?", pv));
  }

  /** Only comments, blank lines and an empty "local { }" block, as Debian and RHEL ship it. */
  static boolean isTemplate(String content) {
    StringBuilder significant = new StringBuilder();
    for (String line : content.split("\n")) {
      int hash = line.indexOf('#');
      significant.append(hash >= 0 ? line.substring(0, hash) : line);
    }
    String compact = significant.toString().replaceAll("\\s+", "");
    return compact.isEmpty() || compact.equals("local{}");
  }
}
