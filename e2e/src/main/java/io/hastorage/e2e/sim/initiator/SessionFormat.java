package io.hastorage.e2e.sim.initiator;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code iscsiadm -m session -P 3} in open-iscsi's format
 * (operator/src/test/resources/captured/initiator/ iscsiadm-session-P3.txt): one {@code Target:}
 * block per IQN, a portal block per session, its state (FAILED while the portal does not answer)
 * and one attached disk per LUN.
 */
final class SessionFormat {

  private static final String STARS_10 = "\t\t**********\n";
  private static final String STARS_9 = "\t\t*********\n";
  private static final String STARS_5 = "\t\t*****\n";
  private static final String STARS_24 = "\t\t************************\n";

  private SessionFormat() {}

  static String render(HostView view) {
    Map<String, List<Session>> byTarget = new LinkedHashMap<>();
    view.host()
        .sessions
        .forEach(s -> byTarget.computeIfAbsent(s.iqn, k -> new ArrayList<>()).add(s));
    StringBuilder out = new StringBuilder("iSCSI Transport Class version 2.0-870\n");
    out.append("version ").append(IscsiadmTool.version(view.node())).append('\n');
    byTarget.forEach(
        (iqn, sessions) -> {
          out.append("Target: ").append(iqn).append(" (non-flash)\n");
          sessions.forEach(s -> session(out, s, view.loggedIn(s)));
        });
    return out.toString();
  }

  private static void session(StringBuilder out, Session s, boolean loggedIn) {
    out.append("\tCurrent Portal: ").append(s.portal).append(",1\n");
    out.append("\tPersistent Portal: ").append(s.portal).append(",1\n");
    out.append(STARS_10).append("\t\tInterface:\n").append(STARS_10);
    out.append("\t\tIface Name: default\n\t\tIface Transport: tcp\n");
    out.append("\t\tIface Initiatorname: ").append(s.initiatorName).append('\n');
    out.append("\t\tIface IPaddress: ").append(s.ifaceAddress).append('\n');
    out.append("\t\tIface HWaddress: default\n\t\tIface Netdev: default\n");
    out.append("\t\tSID: ").append(s.sid).append('\n');
    out.append(
        loggedIn
            ? "\t\tiSCSI Connection State: LOGGED IN\n\t\tiSCSI Session State: LOGGED_IN\n"
                + "\t\tInternal iscsid Session State: NO CHANGE\n"
            : "\t\tiSCSI Connection State: TRANSPORT WAIT\n\t\tiSCSI Session State: FAILED\n"
                + "\t\tInternal iscsid Session State: REOPEN\n");
    out.append(STARS_9).append("\t\tTimeouts:\n").append(STARS_9);
    out.append("\t\tRecovery Timeout: ").append(s.recoveryTimeout).append('\n');
    out.append("\t\tTarget Reset Timeout: 30\n\t\tLUN Reset Timeout: 30\n\t\tAbort Timeout: 15\n");
    out.append(STARS_5).append("\t\tCHAP:\n").append(STARS_5);
    out.append("\t\tusername: ").append(s.chapUser).append('\n');
    out.append("\t\tpassword: ********\n\t\tusername_in: <empty>\n\t\tpassword_in: ********\n");
    out.append(STARS_24).append("\t\tNegotiated iSCSI params:\n").append(STARS_24);
    out.append("\t\tHeaderDigest: None\n\t\tDataDigest: None\n");
    out.append("\t\tMaxRecvDataSegmentLength: 262144\n\t\tMaxXmitDataSegmentLength: 1048576\n");
    out.append("\t\tFirstBurstLength: 65536\n\t\tMaxBurstLength: 1048576\n");
    out.append("\t\tImmediateData: Yes\n\t\tInitialR2T: No\n\t\tMaxOutstandingR2T: 1\n");
    out.append(STARS_24).append("\t\tAttached SCSI devices:\n").append(STARS_24);
    out.append("\t\tHost Number: ").append(s.scsiHost).append("\tState: running\n");
    for (ScsiDisk disk : s.disks) {
      out.append("\t\tscsi")
          .append(s.scsiHost)
          .append(" Channel 00 Id 0 Lun: ")
          .append(disk.lun.lun())
          .append('\n');
      out.append("\t\t\tAttached scsi disk ").append(disk.name()).append("\t\tState: running\n");
    }
  }
}
