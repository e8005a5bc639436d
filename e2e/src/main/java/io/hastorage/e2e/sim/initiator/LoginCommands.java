package io.hastorage.e2e.sim.initiator;

import io.hastorage.e2e.sim.ExecOutcome;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/**
 * {@code iscsiadm -m node [-T IQN] [-p PORTAL] --login|--logout}. A login succeeds when the target
 * answers on the record's portal now (and accepts the record's CHAP credentials when it asks for
 * them); the new session attaches one SCSI disk per LUN the target serves. iscsid itself is not
 * modelled (a real login needs it running).
 */
final class LoginCommands {

  private static final int SESSION_EXISTS = 15;
  private static final int TIMED_OUT = 8;
  private static final int NON_RETRYABLE = 19;
  private static final int AUTH_FAILED = 24;
  static final String INITIATOR_NAME_FILE = "/etc/iscsi/initiatorname.iscsi";

  private record Failure(int code, String text) {}

  private LoginCommands() {}

  static ExecOutcome login(IscsiadmArgs args, HostView view) {
    List<NodeRecord> records = view.host().matching(args.target(), args.portal());
    if (records.isEmpty()) {
      return IscsiadmTool.noRecords();
    }
    StringBuilder out = new StringBuilder();
    StringBuilder err = new StringBuilder();
    int exit = 0;
    List<NodeRecord> attempts = new ArrayList<>();
    for (NodeRecord record : records) {
      if (view.host().session(record.iqn, record.portal).isPresent()) {
        err.append("iscsiadm: default: 1 session requested, but 1 already present.\n");
        exit = SESSION_EXISTS;
      } else {
        out.append("Logging in to ").append(record.bracket()).append('\n');
        attempts.add(record);
      }
    }
    boolean failed = false;
    for (NodeRecord record : attempts) {
      Optional<Failure> failure = attempt(record, view);
      if (failure.isEmpty()) {
        out.append("Login to ").append(record.bracket()).append(" successful.\n");
      } else {
        err.append("iscsiadm: Could not login to ").append(record.bracket()).append(".\n");
        err.append("iscsiadm: initiator reported error (")
            .append(failure.get().code())
            .append(" - ")
            .append(failure.get().text())
            .append(")\n");
        exit = failure.get().code();
        failed = true;
      }
    }
    if (failed) {
      err.append("iscsiadm: Could not log into all portals\n");
    }
    return ExecOutcome.of(exit, out.toString(), err.toString());
  }

  static ExecOutcome logout(Optional<String> iqn, Optional<Portal> portal, HostView view) {
    List<Session> sessions =
        view.host().sessions.stream()
            .filter(s -> iqn.isEmpty() || s.iqn.equals(iqn.get()))
            .filter(s -> portal.isEmpty() || s.portal.equals(portal.get()))
            .toList();
    if (sessions.isEmpty()) {
      return ExecOutcome.failure(
          IscsiadmTool.NO_OBJS_FOUND, "iscsiadm: No matching sessions found\n");
    }
    StringBuilder out = new StringBuilder();
    sessions.forEach(s -> out.append("Logging out of session ").append(s.bracket()).append('\n'));
    for (Session session : sessions) {
      view.host().sessions.remove(session);
      out.append("Logout of ").append(session.bracket()).append(" successful.\n");
    }
    return ExecOutcome.ok(out.toString());
  }

  /**
   * What open-iscsi.service does at boot: log in to every record whose node.startup is automatic (a
   * failed login is left to the administrator, as iscsiadm -m node --loginall=automatic does).
   */
  static void loginAutomatic(HostView view) {
    for (NodeRecord record : List.copyOf(view.host().records.values())) {
      boolean automatic = record.setting(RecordTemplate.STARTUP).equals("automatic");
      if (automatic && view.host().session(record.iqn, record.portal).isEmpty()) {
        attempt(record, view);
      }
    }
  }

  private static Optional<Failure> attempt(NodeRecord record, HostView view) {
    if (view.fabric().targetsAt(record.portal).isEmpty()) {
      return Optional.of(new Failure(TIMED_OUT, "connection timed out"));
    }
    Optional<Fabric.ServedTarget> target = view.fabric().target(record.iqn, record.portal);
    if (target.isEmpty()) {
      return Optional.of(
          new Failure(NON_RETRYABLE, "encountered non-retryable iSCSI login failure"));
    }
    if (target.get().chapUser().isPresent() && !chapMatches(record, target.get())) {
      return Optional.of(
          new Failure(AUTH_FAILED, "iSCSI login failed due to authorization failure"));
    }
    InitiatorHost host = view.host();
    Session session =
        new Session(
            host.takeSid(),
            host.takeScsiHost(),
            record,
            initiatorName(view),
            host.addressFacing(record.portal));
    host.sessions.add(session);
    attachNewLuns(session, target.get(), view);
    return Optional.empty();
  }

  /** SCSI disks for the target's LUNs the session does not have yet (login, rescan). */
  static void attachNewLuns(Session session, Fabric.ServedTarget target, HostView view) {
    List<Fabric.ServedLun> luns = new ArrayList<>(target.luns());
    luns.sort(Comparator.comparingInt(Fabric.ServedLun::lun));
    for (Fabric.ServedLun served : luns) {
      if (session.disk(served.lun()).isEmpty()) {
        LunId lun = new LunId(session.iqn, served.lun());
        session.disks.add(
            new ScsiDisk(lun, view.host().freeDiskIndex(), served, view.disk(lun).sizeBytes));
      }
    }
  }

  private static boolean chapMatches(NodeRecord record, Fabric.ServedTarget target) {
    return record.setting(RecordTemplate.AUTHMETHOD).equals("CHAP")
        && record.setting(RecordTemplate.USERNAME).equals(target.chapUser().orElse(""))
        && record.setting(RecordTemplate.PASSWORD).equals(target.chapPassword().orElse(""));
  }

  /** The InitiatorName line of /etc/iscsi/initiatorname.iscsi. */
  static String initiatorName(HostView view) {
    return view.node()
        .readText(INITIATOR_NAME_FILE)
        .flatMap(
            text ->
                text.lines()
                    .filter(l -> l.startsWith("InitiatorName="))
                    .map(l -> l.substring("InitiatorName=".length()).trim())
                    .findFirst())
        .orElse("<empty>");
  }
}
