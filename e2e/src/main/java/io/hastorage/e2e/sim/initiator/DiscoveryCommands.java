package io.hastorage.e2e.sim.initiator;

import io.hastorage.e2e.sim.ExecOutcome;
import io.hastorage.e2e.sim.UnsupportedFeatureException;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * {@code iscsiadm -m discovery -t sendtargets -p PORTAL -o new} and {@code iscsiadm -m
 * discoverydb}. Discovery records the discovery address even when it fails, as open-iscsi does;
 * with {@code -o new} it adds a record (TPGT 1) for every portal of every target answering at the
 * address and leaves existing records alone.
 */
final class DiscoveryCommands {

  private static final int CONNECTION_FAILURE = 4;

  private DiscoveryCommands() {}

  static ExecOutcome discover(IscsiadmArgs args, HostView view) {
    if (!args.type().equals(Optional.of("sendtargets")) || args.portal().isEmpty()) {
      throw new UnsupportedFeatureException("iscsiadm -m discovery other than -t sendtargets -p");
    }
    if (!args.ops().equals(List.of("new"))) {
      throw new UnsupportedFeatureException("iscsiadm -m discovery without -o new");
    }
    Portal address = args.portal().get();
    view.host().discoveryDb.add(address + " via sendtargets");
    List<Fabric.ServedTarget> targets = view.fabric().targetsAt(address);
    if (targets.isEmpty()) {
      String reason = view.fabric().ipUp(address.ip()) ? "Connection refused" : "No route to host";
      return ExecOutcome.failure(
          CONNECTION_FAILURE,
          "iscsiadm: cannot make connection to "
              + address.ip()
              + ": "
              + reason
              + "\niscsiadm: connection login retries (reopen_max) 5 exceeded\n"
              + "iscsiadm: Could not perform SendTargets discovery: encountered connection"
              + " failure\n");
    }
    Map<String, String> conf = NodeCommands.iscsidConf(view);
    StringBuilder out = new StringBuilder();
    for (Fabric.ServedTarget target : targets) {
      for (Portal portal : target.portals()) {
        view.host()
            .records
            .computeIfAbsent(
                InitiatorHost.key(target.iqn(), portal),
                k -> NodeRecord.create(target.iqn(), portal, conf, Optional.of(address)));
        out.append(portal).append(",1 ").append(target.iqn()).append('\n');
      }
    }
    return ExecOutcome.ok(out.toString());
  }

  /** The discovery database; none: exit 21 and no message (as open-iscsi 2.1.8). */
  static ExecOutcome list(IscsiadmArgs args, HostView view) {
    if (!args.readOnly() || args.target().isPresent() || args.portal().isPresent()) {
      throw new UnsupportedFeatureException("iscsiadm -m discoverydb other than the listing");
    }
    if (view.host().discoveryDb.isEmpty()) {
      return ExecOutcome.failure(IscsiadmTool.NO_OBJS_FOUND, "");
    }
    return ExecOutcome.ok(String.join("\n", view.host().discoveryDb) + "\n");
  }
}
