package io.hastorage.e2e.sim.initiator;

import io.hastorage.e2e.sim.ExecOutcome;
import io.hastorage.e2e.sim.UnsupportedFeatureException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * {@code iscsiadm -m node}: list the records, dump the ones {@code -T}/{@code -p} select (or {@code
 * -o show}), and {@code -o new|update|delete}; {@code --login}/{@code --logout} go to {@link
 * LoginCommands}.
 */
final class NodeCommands {

  static final String ISCSID_CONF = "/etc/iscsi/iscsid.conf";
  private static final int INVALID = 7;
  private static final int SESSION_EXISTS = 15;

  private NodeCommands() {}

  static ExecOutcome run(IscsiadmArgs args, HostView view) {
    if (args.login()) {
      return LoginCommands.login(args, view);
    }
    if (args.logout()) {
      return LoginCommands.logout(args.target(), args.portal(), view);
    }
    if (args.ops().isEmpty()) {
      return args.target().isEmpty() && args.portal().isEmpty() ? list(view) : show(args, view);
    }
    if (args.ops().equals(List.of("show"))) {
      return show(args, view);
    }
    if (args.ops().size() != 1) {
      throw new UnsupportedFeatureException("iscsiadm -m node with ops " + args.ops());
    }
    return switch (args.ops().get(0)) {
      case "new" -> create(args, view);
      case "update" -> update(args, view);
      case "delete" -> delete(args, view);
      default -> throw new UnsupportedFeatureException("iscsiadm -m node -o " + args.ops().get(0));
    };
  }

  private static ExecOutcome list(HostView view) {
    if (view.host().records.isEmpty()) {
      return IscsiadmTool.noRecords();
    }
    StringBuilder out = new StringBuilder();
    view.host().records.values().forEach(r -> out.append(r.listLine()).append('\n'));
    return ExecOutcome.ok(out.toString());
  }

  private static ExecOutcome show(IscsiadmArgs args, HostView view) {
    List<NodeRecord> records = view.host().matching(args.target(), args.portal());
    if (records.isEmpty()) {
      return IscsiadmTool.noRecords();
    }
    String version = IscsiadmTool.version(view.node());
    StringBuilder out = new StringBuilder();
    records.forEach(r -> out.append(r.dump(version)));
    return ExecOutcome.ok(out.toString());
  }

  /** A static record; an existing record for the same target and portal is replaced. */
  private static ExecOutcome create(IscsiadmArgs args, HostView view) {
    if (args.target().isEmpty() || args.portal().isEmpty()) {
      throw new UnsupportedFeatureException("iscsiadm -m node -o new without -T and -p");
    }
    NodeRecord record =
        NodeRecord.create(
            args.target().get(), args.portal().get(), iscsidConf(view), Optional.empty());
    view.host().records.put(InitiatorHost.key(record.iqn, record.portal), record);
    return ExecOutcome.ok(
        "New iSCSI node [tcp:[hw=,ip=,net_if=,iscsi_if=default] "
            + record.portal.comma()
            + ","
            + record.tpgt
            + " "
            + record.iqn
            + "] added\n");
  }

  private static ExecOutcome update(IscsiadmArgs args, HostView view) {
    if (args.name().isEmpty() || args.value().isEmpty()) {
      throw new UnsupportedFeatureException("iscsiadm -o update without -n and -v");
    }
    List<NodeRecord> records = view.host().matching(args.target(), args.portal());
    if (records.isEmpty()) {
      return IscsiadmTool.noRecords();
    }
    String key = args.name().get();
    String value = args.value().get().isEmpty() ? "<empty>" : args.value().get();
    Optional<String> refusal = RecordTemplate.refusal(key, value);
    if (refusal.isPresent()) {
      return ExecOutcome.failure(
          INVALID,
          refusal.get()
              + "iscsiadm: Could not execute operation on all records: invalid parameter\n");
    }
    records.forEach(r -> r.settings.put(key, RecordTemplate.normalized(key, value)));
    return ExecOutcome.ok("");
  }

  /** A record a session uses is kept: open-iscsi asks to log out first. */
  private static ExecOutcome delete(IscsiadmArgs args, HostView view) {
    List<NodeRecord> records = view.host().matching(args.target(), args.portal());
    if (records.isEmpty()) {
      return IscsiadmTool.noRecords();
    }
    StringBuilder err = new StringBuilder();
    for (NodeRecord record : records) {
      if (view.host().session(record.iqn, record.portal).isPresent()) {
        err.append("iscsiadm: This command will remove the record ")
            .append(record.bracket())
            .append(", but a session is using it. Logout session then rerun command to remove")
            .append(" record.\n");
      } else {
        view.host().records.remove(InitiatorHost.key(record.iqn, record.portal));
      }
    }
    if (err.length() > 0) {
      err.append("iscsiadm: Could not execute operation on all records: session exists\n");
      return ExecOutcome.failure(SESSION_EXISTS, err.toString());
    }
    return ExecOutcome.ok("");
  }

  /** The {@code key = value} settings of the node's iscsid.conf (comments skipped). */
  static Map<String, String> iscsidConf(HostView view) {
    Map<String, String> settings = new LinkedHashMap<>();
    view.node()
        .readText(ISCSID_CONF)
        .ifPresent(
            text -> {
              for (String line : text.split("\n")) {
                String trimmed = line.trim();
                int eq = trimmed.indexOf('=');
                if (!trimmed.startsWith("#") && eq > 0) {
                  settings.put(trimmed.substring(0, eq).trim(), trimmed.substring(eq + 1).trim());
                }
              }
            });
    return settings;
  }
}
