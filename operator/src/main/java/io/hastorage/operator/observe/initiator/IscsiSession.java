package io.hastorage.operator.observe.initiator;

import java.util.List;

/**
 * One open-iscsi session as {@code iscsiadm -m session -P 3} prints it.
 *
 * @param iqn the target
 * @param portal the persistent portal, "ip:port" (the one the node record names)
 * @param sid the session id
 * @param state iSCSI Session State: LOGGED_IN, FAILED, FREE, ...
 * @param luns the SCSI devices attached through this session
 */
public record IscsiSession(String iqn, String portal, int sid, String state, List<Lun> luns) {

  public IscsiSession {
    luns = List.copyOf(luns);
  }

  public boolean loggedIn() {
    return "LOGGED_IN".equals(state);
  }

  /** A LUN seen through the session and its block device name (sdc), when one is attached. */
  public record Lun(int number, String disk) {}
}
