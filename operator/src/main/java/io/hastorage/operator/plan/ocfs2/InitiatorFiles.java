package io.hastorage.operator.plan.ocfs2;

import io.hastorage.operator.observe.OsInfo;
import io.hastorage.operator.plan.ManagedFiles;
import java.util.ArrayList;
import java.util.List;

/**
 * The files the operator writes on an initiator: the multipath drop-in (never multipath.conf
 * itself), the o2cb cluster.conf and o2cb defaults, and its one entry in /etc/fstab. Pure text.
 */
public final class InitiatorFiles {

  public static final String MULTIPATH_DIR = "/etc/multipath/conf.d";
  public static final String CLUSTER_CONF = "/etc/ocfs2/cluster.conf";
  public static final String O2CB_DEFAULTS_DEBIAN = "/etc/default/o2cb";
  public static final String O2CB_DEFAULTS_RHEL = "/etc/sysconfig/o2cb";
  public static final String FSTAB = "/etc/fstab";
  public static final String INITIATOR_NAME = "/etc/iscsi/initiatorname.iscsi";

  private InitiatorFiles() {}

  public static String multipathDropInPath(MountDesign design) {
    return MULTIPATH_DIR + "/" + design.fileStem() + ".conf";
  }

  /**
   * SCST reports ALUA port groups: group paths by priority, take the ALUA priority, fail back at
   * once, and queue I/O for a bounded time when no path is left (no_path_retry x polling_interval:
   * the failover budget) instead of forever, which would hang OCFS2 on a dead target. A path fails
   * after fast_io_fail_tmo, which multipathd also makes the iSCSI session's replacement timeout.
   */
  public static String multipathDropIn(MountDesign design) {
    MountDesign.MultipathTuning t = design.multipath();
    return ManagedFiles.header("#")
        + "# Ocfs2Mount "
        + design.owner()
        + ": the target's LUNs, by SCSI vendor.\n"
        + "defaults {\n"
        + "\tpolling_interval "
        + t.pollingInterval()
        + "\n}\n"
        + "devices {\n"
        + "\tdevice {\n"
        + "\t\tvendor \""
        + design.vendors()
        + "\"\n"
        + "\t\tproduct \".*\"\n"
        + "\t\tpath_grouping_policy group_by_prio\n"
        + "\t\tprio alua\n"
        + "\t\thardware_handler \"1 alua\"\n"
        + "\t\tpath_checker tur\n"
        + "\t\tfailback immediate\n"
        + "\t\tno_path_retry "
        + t.noPathRetry()
        + "\n"
        // multipathd writes fast_io_fail_tmo into each iSCSI session's recovery_tmo (default 5 s),
        // overriding iscsid's replacement_timeout: keep the two equal, as the failover budget says
        + "\t\tfast_io_fail_tmo "
        + design.iscsi().replacementTimeout()
        + "\n"
        + "\t}\n"
        + "}\n";
  }

  /**
   * /etc/ocfs2/cluster.conf, identical on every initiator. o2cb's parser wants stanzas at column 0
   * and tab-indented attributes; a node's name must be its hostname.
   */
  public static String clusterConf(MountDesign.O2cbCluster cluster) {
    StringBuilder text = new StringBuilder(ManagedFiles.header("#"));
    text.append("cluster:\n")
        .append("\tnode_count = ")
        .append(cluster.nodes().size())
        .append('\n')
        .append("\tname = ")
        .append(cluster.name())
        .append("\n\n");
    for (MountDesign.O2cbNode node : cluster.nodes()) {
      text.append("node:\n")
          .append("\tip_port = ")
          .append(cluster.port())
          .append('\n')
          .append("\tip_address = ")
          .append(node.ip())
          .append('\n')
          .append("\tnumber = ")
          .append(node.number())
          .append('\n')
          .append("\tname = ")
          .append(node.name())
          .append('\n')
          .append("\tcluster = ")
          .append(cluster.name())
          .append("\n\n");
    }
    return text.toString();
  }

  public static String o2cbDefaultsPath(OsInfo os) {
    return os.family() == OsInfo.Family.RHEL ? O2CB_DEFAULTS_RHEL : O2CB_DEFAULTS_DEBIAN;
  }

  /** The o2cb service's settings: start the cluster at boot, and the heartbeat/network timing. */
  public static String o2cbDefaults(MountDesign.O2cbCluster cluster) {
    return ManagedFiles.header("#")
        + "O2CB_ENABLED=true\n"
        + "O2CB_STACK=o2cb\n"
        + "O2CB_BOOTCLUSTER="
        + cluster.name()
        + "\n"
        + "O2CB_HEARTBEAT_THRESHOLD="
        + cluster.heartbeatThreshold()
        + "\n"
        + "O2CB_IDLE_TIMEOUT_MS="
        + cluster.idleTimeoutMs()
        + "\n"
        + "O2CB_KEEPALIVE_DELAY_MS="
        + cluster.keepaliveDelayMs()
        + "\n"
        + "O2CB_RECONNECT_DELAY_MS="
        + cluster.reconnectDelayMs()
        + "\n";
  }

  /** The multipath device by WWID: stable whatever user_friendly_names says, never /dev/sdX. */
  public static String device(String wwid) {
    return "/dev/disk/by-id/dm-uuid-mpath-" + wwid;
  }

  /** The comment line that marks the operator's entry; the entry is the line after it. */
  public static String fstabMarker(MountDesign design) {
    return "# " + ManagedFiles.MARKER + ": Ocfs2Mount " + design.owner();
  }

  public static String fstabEntry(MountDesign design, String wwid) {
    List<String> options = new ArrayList<>();
    options.add("_netdev");
    design.mountOptions().stream().filter(o -> !o.equals("_netdev")).forEach(options::add);
    return device(wwid)
        + " "
        + design.mountPoint()
        + " ocfs2 "
        + String.join(",", options)
        + " 0 0";
  }

  /**
   * The fstab with the operator's entry (marker + line) in place of its previous one, or removed
   * when {@code entry} is null. Every other line is kept as it was.
   */
  public static String fstabWith(String current, String marker, String entry) {
    List<String> kept = new ArrayList<>();
    String[] lines = current.isEmpty() ? new String[0] : current.split("\n", -1);
    for (int i = 0; i < lines.length; i++) {
      if (lines[i].equals(marker)) {
        i++; // skip the entry under the marker too
        continue;
      }
      kept.add(lines[i]);
    }
    while (!kept.isEmpty() && kept.get(kept.size() - 1).isEmpty()) {
      kept.remove(kept.size() - 1);
    }
    if (entry != null) {
      kept.add(marker);
      kept.add(entry);
    }
    return kept.isEmpty() ? "" : String.join("\n", kept) + "\n";
  }

  /**
   * An fstab line someone else wrote for the same mount point (the operator will not take it over),
   * or null.
   */
  public static String foreignEntryFor(String current, String marker, String mountPoint) {
    String[] lines = current.split("\n", -1);
    for (int i = 0; i < lines.length; i++) {
      if (lines[i].equals(marker)) {
        i++;
        continue;
      }
      String[] fields = lines[i].strip().split("\\s+");
      if (!lines[i].strip().startsWith("#") && fields.length >= 2 && fields[1].equals(mountPoint)) {
        return lines[i];
      }
    }
    return null;
  }

  /** The IQN in /etc/iscsi/initiatorname.iscsi ("InitiatorName=iqn..."), or null. */
  public static String initiatorName(String content) {
    for (String line : content.split("\n")) {
      String s = line.strip();
      if (s.startsWith("InitiatorName=")) {
        String iqn = s.substring("InitiatorName=".length()).strip();
        return iqn.isEmpty() ? null : iqn;
      }
    }
    return null;
  }
}
