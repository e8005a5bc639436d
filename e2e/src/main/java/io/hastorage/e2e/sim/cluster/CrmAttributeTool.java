package io.hastorage.e2e.sim.cluster;

import io.hastorage.e2e.sim.ExecOutcome;
import io.hastorage.e2e.sim.SimulatedTool;
import io.hastorage.e2e.sim.ToolContext;
import io.hastorage.e2e.sim.UnsupportedFeatureException;
import java.util.List;
import java.util.Optional;

/**
 * crm_attribute for cluster options only ({@code --type crm_config}, the default): {@code --name N
 * --update V} (sets nvpair {@code cib-bootstrap-options-N} in the cib-bootstrap-options set),
 * {@code --name N --query [--quiet]} and {@code --name N --delete}. Output as in Pacemaker 2.1.5's
 * source: {@code scope="crm_config" name="N" value="V"}; a missing option exits 105
 * (CRM_EX_NOSUCH); deleting a missing one succeeds. Node attributes, other types and set names are
 * not modelled.
 */
final class CrmAttributeTool implements SimulatedTool {

  private record Request(String command, String name, String value, boolean quiet) {}

  private final SimulatedCluster cluster;

  CrmAttributeTool(SimulatedCluster cluster) {
    this.cluster = cluster;
  }

  @Override
  public boolean mutates(List<String> argv) {
    try {
      return !parse(argv).command().equals("query");
    } catch (UnsupportedFeatureException e) {
      return true;
    }
  }

  @Override
  public ExecOutcome run(List<String> argv, ToolContext context) {
    Request request = parse(argv);
    String node = context.node().name();
    if (request.command().equals("query")) {
      return cluster
          .readCib(node, (cib, view) -> cib.property(request.name()))
          .map(value -> queried(request, value))
          .orElseGet(CrmAttributeTool::notConnected);
    }
    Optional<Boolean> done =
        cluster.writeCib(
            node,
            "crm_attribute",
            cib ->
                request.command().equals("update")
                    ? cib.setProperty(request.name(), request.value())
                    : cib.deleteProperty(request.name()));
    return done.map(changed -> ExecOutcome.ok("")).orElseGet(CrmAttributeTool::notConnected);
  }

  private static ExecOutcome queried(Request request, Optional<String> value) {
    if (value.isEmpty()) {
      return ExecOutcome.failure(
          105, "crm_attribute: Error performing operation: No such device or address\n");
    }
    if (request.quiet()) {
      return ExecOutcome.ok(value.get() + "\n");
    }
    return ExecOutcome.ok(
        "scope=\"crm_config\" name=\"" + request.name() + "\" value=\"" + value.get() + "\"\n");
  }

  private static ExecOutcome notConnected() {
    return ExecOutcome.failure(
        CrmMonTool.NOT_CONNECTED,
        "crm_attribute: Error connecting to the CIB manager: Transport endpoint is not connected\n");
  }

  private static Request parse(List<String> argv) {
    String command = null;
    String name = null;
    String value = null;
    boolean quiet = false;
    for (int i = 1; i < argv.size(); i++) {
      String arg = argv.get(i);
      switch (arg) {
        case "--type", "-t" -> {
          if (!operand(argv, ++i).equals("crm_config")) {
            throw new UnsupportedFeatureException("crm_attribute --type " + argv.get(i));
          }
        }
        case "--name", "-n" -> name = operand(argv, ++i);
        case "--update", "-v" -> {
          command = once(command, "update");
          value = operand(argv, ++i);
        }
        case "--query", "-G" -> command = once(command, "query");
        case "--delete", "-D" -> command = once(command, "delete");
        case "--quiet", "-q" -> quiet = true;
        default -> throw new UnsupportedFeatureException("crm_attribute option '" + arg + "'");
      }
    }
    if (command == null || name == null || (quiet && !command.equals("query"))) {
      throw new UnsupportedFeatureException("crm_attribute " + argv.subList(1, argv.size()));
    }
    return new Request(command, name, value, quiet);
  }

  private static String operand(List<String> argv, int index) {
    if (index >= argv.size()) {
      throw new UnsupportedFeatureException("crm_attribute option without its value: " + argv);
    }
    return argv.get(index);
  }

  private static String once(String current, String next) {
    if (current != null) {
      throw new UnsupportedFeatureException("crm_attribute with two commands");
    }
    return next;
  }
}
