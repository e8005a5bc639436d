package io.hastorage.e2e.sim.initiator;

import io.hastorage.e2e.sim.ExecOutcome;
import io.hastorage.e2e.sim.SimulatedNode;
import io.hastorage.e2e.sim.SimulatedPackage;
import io.hastorage.e2e.sim.SimulatedTool;
import io.hastorage.e2e.sim.ToolContext;
import io.hastorage.e2e.sim.UnsupportedFeatureException;
import java.util.List;

/**
 * open-iscsi's {@code iscsiadm} on an initiator, bound to the SAN: the node database ({@link
 * NodeCommands}), login and logout ({@link LoginCommands}), sendtargets discovery ({@link
 * DiscoveryCommands}) and sessions ({@link SessionCommands}), with iscsiadm's messages and exit
 * codes (21 = no records / sessions found). {@code --version} answers as before. Listings and
 * record dumps are read-only; everything else changes the node.
 */
final class IscsiadmTool implements SimulatedTool {

  static final int NO_OBJS_FOUND = 21;

  private final SimulatedSan san;
  private final SimulatedTool version;

  IscsiadmTool(SimulatedSan san, SimulatedTool version) {
    this.san = san;
    this.version = version;
  }

  @Override
  public boolean mutates(List<String> argv) {
    try {
      return !IscsiadmArgs.parse(argv).readOnly();
    } catch (UnsupportedFeatureException e) {
      return true;
    }
  }

  @Override
  public ExecOutcome run(List<String> argv, ToolContext context) {
    IscsiadmArgs args = IscsiadmArgs.parse(argv);
    if (args.version()) {
      return version.run(argv, context);
    }
    return san.on(
        context.node(),
        view ->
            switch (args.mode()) {
              case "node" -> NodeCommands.run(args, view);
              case "discovery" -> DiscoveryCommands.discover(args, view);
              case "discoverydb" -> DiscoveryCommands.list(args, view);
              case "session" -> SessionCommands.run(args, view);
              default ->
                  throw new UnsupportedFeatureException("iscsiadm mode '" + args.mode() + "'");
            });
  }

  /** The installed open-iscsi's upstream version (2.1.8), as record dumps and -P 3 print it. */
  static String version(SimulatedNode node) {
    return node.packages()
        .installed("open-iscsi")
        .or(() -> node.packages().installed("iscsi-initiator-utils"))
        .map(SimulatedPackage::upstreamVersion)
        .orElse("2.1.8");
  }

  static ExecOutcome noRecords() {
    return ExecOutcome.failure(NO_OBJS_FOUND, "iscsiadm: No records found\n");
  }
}
