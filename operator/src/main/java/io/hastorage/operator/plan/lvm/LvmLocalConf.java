package io.hastorage.operator.plan.lvm;

import io.hastorage.operator.api.cluster.LvmSystemSpec;
import io.hastorage.operator.plan.ManagedFiles;
import java.util.ArrayList;
import java.util.List;

/**
 * Renders /etc/lvm/lvmlocal.conf for a target node. LVM reads this file after lvm.conf, so the
 * admin's lvm.conf stays untouched. global_filter (not filter) also binds lvmetad/udev scans.
 * system_id_source lets LVM-activate guard the cluster's VGs by system ID.
 */
public final class LvmLocalConf {

  public static final String PATH = "/etc/lvm/lvmlocal.conf";

  private LvmLocalConf() {}

  public static String render(LvmSystemSpec spec) {
    List<String> filter = new ArrayList<>();
    filter.add("\"a|^/dev/drbd[0-9]+$|\"");
    spec.systemDevices.forEach(
        device -> filter.add("\"a|^" + regex(device) + "([0-9]+|p[0-9]+)?$|\""));
    filter.add("\"r|.*|\"");
    List<String> autoActivate =
        spec.autoActivateVolumeGroups.stream().map(vg -> "\"" + vg + "\"").toList();
    return ManagedFiles.header("#")
        + "# Only DRBD devices and the listed system disks are scanned; only the listed system VGs\n"
        + "# auto-activate. The cluster's VGs are activated by Pacemaker on the DRBD primary.\n"
        + "# The system ID (this node's uname) marks which target owns a VG; LVM-activate moves it\n"
        + "# on failover (vg_access_mode=system_id).\n"
        + "global {\n"
        + "\tsystem_id_source = \"uname\"\n"
        + "}\n"
        + "devices {\n"
        + "\tglobal_filter = [ "
        + String.join(", ", filter)
        + " ]\n"
        + "\twrite_cache_state = 0\n"
        + "}\n"
        + "activation {\n"
        + "\tauto_activation_volume_list = [ "
        + String.join(", ", autoActivate)
        + " ]\n"
        + "}\n";
  }

  /** Device paths are validated to [A-Za-z0-9._+:/-]; '.' and '+' need escaping in a regex. */
  private static String regex(String devicePath) {
    return devicePath.replace(".", "\\.").replace("+", "\\+");
  }
}
