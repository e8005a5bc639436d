package io.hastorage.operator.observe.initiator;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Parses {@code iscsiadm -m session -P 3}: a "Target:" line, then per session its Current and
 * Persistent Portal, SID, session state and attached SCSI devices. open-iscsi prints one Target
 * block holding every session to that target. "No active sessions" (exit 21) is the caller's empty
 * list.
 */
public final class IscsiSessionParser {

  private static final Pattern TARGET = Pattern.compile("^Target:\\s+(\\S+)");
  private static final Pattern PERSISTENT =
      Pattern.compile("^\\s*Persistent Portal:\\s+(\\S+?):(\\d+),(-?\\d+)");
  private static final Pattern SID = Pattern.compile("^\\s*SID:\\s+(\\d+)");
  private static final Pattern STATE = Pattern.compile("^\\s*iSCSI Session State:\\s+(\\S+)");
  private static final Pattern LUN =
      Pattern.compile("^\\s*scsi\\d+ Channel \\d+ Id \\d+ Lun:\\s+(\\d+)");
  private static final Pattern DISK = Pattern.compile("^\\s*Attached scsi disk\\s+(\\S+)");

  private IscsiSessionParser() {}

  public static List<IscsiSession> parse(String text) {
    List<IscsiSession> sessions = new ArrayList<>();
    Builder current = null;
    String iqn = null;
    for (String line : text.split("\n")) {
      Matcher m;
      if ((m = TARGET.matcher(line)).find()) {
        iqn = m.group(1);
      } else if (line.strip().startsWith("Current Portal:")) {
        if (current != null) {
          sessions.add(current.build());
        }
        current = new Builder(iqn);
      } else if (current == null) {
        continue;
      } else if ((m = PERSISTENT.matcher(line)).find()) {
        current.portal = m.group(1) + ":" + m.group(2);
      } else if ((m = SID.matcher(line)).find()) {
        current.sid = Integer.parseInt(m.group(1));
      } else if ((m = STATE.matcher(line)).find()) {
        current.state = m.group(1);
      } else if ((m = LUN.matcher(line)).find()) {
        current.lun = Integer.parseInt(m.group(1));
      } else if ((m = DISK.matcher(line)).find() && current.lun != null) {
        current.luns.add(new IscsiSession.Lun(current.lun, m.group(1)));
        current.lun = null;
      }
    }
    if (current != null) {
      sessions.add(current.build());
    }
    return List.copyOf(sessions);
  }

  private static final class Builder {
    private final String iqn;
    private String portal = "";
    private int sid = -1;
    private String state = "UNKNOWN";
    private Integer lun;
    private final List<IscsiSession.Lun> luns = new ArrayList<>();

    Builder(String iqn) {
      if (iqn == null) {
        throw new IllegalArgumentException("session block before any Target: line");
      }
      this.iqn = iqn;
    }

    IscsiSession build() {
      return new IscsiSession(iqn, portal, sid, state, luns);
    }
  }
}
