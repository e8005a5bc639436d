package io.hastorage.e2e.sim.initiator;

import io.hastorage.e2e.sim.ExecOutcome;
import io.hastorage.e2e.sim.UnsupportedFeatureException;
import java.util.Optional;

/**
 * {@code iscsiadm -m session} (one line per session), {@code -P 3} ({@link SessionFormat}), {@code
 * --rescan} (each logged-in session re-reads its LUNs' sizes and attaches LUNs it lacks) and {@code
 * --logout} (all sessions).
 */
final class SessionCommands {

  private SessionCommands() {}

  static ExecOutcome run(IscsiadmArgs args, HostView view) {
    if (args.target().isPresent() || args.portal().isPresent() || !args.ops().isEmpty()) {
      throw new UnsupportedFeatureException("iscsiadm -m session with -T, -p or -o");
    }
    if (args.logout()) {
      return LoginCommands.logout(Optional.empty(), Optional.empty(), view);
    }
    if (args.rescan()) {
      return rescan(view);
    }
    if (view.host().sessions.isEmpty()) {
      return ExecOutcome.failure(IscsiadmTool.NO_OBJS_FOUND, "iscsiadm: No active sessions.\n");
    }
    if (args.print().isEmpty()) {
      StringBuilder out = new StringBuilder();
      for (Session s : view.host().sessions) {
        out.append("tcp: [")
            .append(s.sid)
            .append("] ")
            .append(s.portal)
            .append(",1 ")
            .append(s.iqn)
            .append(" (non-flash)\n");
      }
      return ExecOutcome.ok(out.toString());
    }
    if (!args.print().get().equals("3")) {
      throw new UnsupportedFeatureException("iscsiadm -m session -P " + args.print().get());
    }
    return ExecOutcome.ok(SessionFormat.render(view));
  }

  private static ExecOutcome rescan(HostView view) {
    if (view.host().sessions.isEmpty()) {
      return ExecOutcome.failure(IscsiadmTool.NO_OBJS_FOUND, "iscsiadm: No session found.\n");
    }
    StringBuilder out = new StringBuilder();
    for (Session session : view.host().sessions) {
      out.append("Rescanning session ").append(session.bracket()).append('\n');
      Optional<Fabric.ServedTarget> target = view.fabric().target(session.iqn, session.portal);
      if (target.isEmpty()) {
        continue; // the session is FAILED: its disks keep what they read last
      }
      for (ScsiDisk disk : session.disks) {
        if (target.get().lun(disk.lun.lun()).isPresent()) {
          disk.sizeBytes = view.disk(disk.lun).sizeBytes;
        }
      }
      LoginCommands.attachNewLuns(session, target.get(), view);
    }
    return ExecOutcome.ok(out.toString());
  }
}
