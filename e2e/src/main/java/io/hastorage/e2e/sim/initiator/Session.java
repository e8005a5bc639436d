package io.hastorage.e2e.sim.initiator;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * One iSCSI session of an initiator: logged in once to a target through a portal, on its own SCSI
 * host, with one disk per LUN. It stays listed while the portal is unreachable (FAILED, iscsid
 * retrying) until it is logged out. Mutable under the SAN's lock.
 */
final class Session {

  final int sid;
  final int scsiHost;
  final String iqn;
  final Portal portal;
  final String initiatorName;
  final String ifaceAddress;
  final String recoveryTimeout;
  final String chapUser;
  final List<ScsiDisk> disks = new ArrayList<>();

  Session(int sid, int scsiHost, NodeRecord record, String initiatorName, String ifaceAddress) {
    this.sid = sid;
    this.scsiHost = scsiHost;
    this.iqn = record.iqn;
    this.portal = record.portal;
    this.initiatorName = initiatorName;
    this.ifaceAddress = ifaceAddress;
    this.recoveryTimeout = record.setting(RecordTemplate.REPLACEMENT_TIMEOUT);
    this.chapUser = record.setting(RecordTemplate.USERNAME);
  }

  Optional<ScsiDisk> disk(int lun) {
    return disks.stream().filter(d -> d.lun.lun() == lun).findFirst();
  }

  /** {@code [sid: N, target: IQN, portal: IP,PORT]}, as iscsiadm names a session. */
  String bracket() {
    return "[sid: " + sid + ", target: " + iqn + ", portal: " + portal.comma() + "]";
  }
}
