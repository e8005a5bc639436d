package io.hastorage.e2e.sim.cluster;

import io.hastorage.e2e.sim.ExecOutcome;
import io.hastorage.e2e.sim.SimulatedTool;
import io.hastorage.e2e.sim.ToolContext;
import io.hastorage.e2e.sim.UnsupportedFeatureException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.function.BiFunction;
import java.util.function.Function;
import org.w3c.dom.Element;

/**
 * cibadmin against the cluster's CIB. The supported forms are a table keyed by {@link
 * CibadminRequest#signature()}; a form not in the table exits 127 as unsupported, so adding one is
 * one entry. Outputs and exit codes follow Pacemaker 2.1.5: not connected 102, parse error 78,
 * create of an existing id 108 with the {@code <failed>} XML, replace without a match 105.
 */
final class CibadminTool implements SimulatedTool {

  /** Valid --scope values (cibadmin's scope_is_valid). */
  private static final List<String> SCOPES =
      List.of(
          "configuration",
          "nodes",
          "resources",
          "constraints",
          "crm_config",
          "rsc_defaults",
          "op_defaults",
          "acls",
          "fencing-topology",
          "tags",
          "alerts",
          "status");

  /** One supported form: whether it only reads, and what it does once connected. */
  private record Form(boolean readOnly, Handler handler) {}

  @FunctionalInterface
  private interface Handler {
    ExecOutcome run(CibadminRequest request, Element input, String node);
  }

  private final SimulatedCluster cluster;
  private final Map<String, Form> forms = new TreeMap<>();

  CibadminTool(SimulatedCluster cluster) {
    this.cluster = cluster;
    forms.put("query", new Form(true, (r, in, node) -> queryAll(node)));
    forms.put("query --scope", new Form(true, this::queryScope));
    forms.put("create --scope --xml", new Form(false, this::create));
    forms.put("replace --xpath --xml", new Form(false, this::replace));
    forms.put("delete --xml", new Form(false, this::delete));
  }

  @Override
  public boolean mutates(List<String> argv) {
    try {
      Form form = forms.get(CibadminRequest.parse(argv).signature());
      return form == null || !form.readOnly();
    } catch (UnsupportedFeatureException e) {
      return true;
    }
  }

  @Override
  public ExecOutcome run(List<String> argv, ToolContext context) {
    CibadminRequest request = CibadminRequest.parse(argv);
    Form form = forms.get(request.signature());
    if (form == null) {
      throw new UnsupportedFeatureException(
          "cibadmin form '" + request.signature() + "' (supported: " + forms.keySet() + ")");
    }
    request
        .scope()
        .filter(s -> !SCOPES.contains(s))
        .ifPresent(
            s -> {
              throw new UnsupportedFeatureException("cibadmin --scope " + s);
            });
    Element input = null;
    if (request.xmlPipe() || request.xmlText().isPresent()) {
      byte[] xml =
          request.xmlPipe()
              ? context.stdin().readAll()
              : request.xmlText().get().getBytes(StandardCharsets.UTF_8);
      try {
        input = CibXml.parse(new String(xml, StandardCharsets.UTF_8)).getDocumentElement();
      } catch (CibXml.InvalidXml e) {
        String source = request.xmlPipe() ? "STDIN" : "input string";
        return ExecOutcome.failure(78, "cibadmin: Couldn't parse input from " + source + ".\n");
      }
    }
    if (!cluster.pacemakerRunning(context.node().name())) {
      return notConnected();
    }
    return form.handler().run(request, input, context.node().name());
  }

  private ExecOutcome queryAll(String node) {
    return read(node, (cib, view) -> CibXml.format(CibStatus.render(cib, view)));
  }

  private ExecOutcome queryScope(CibadminRequest request, Element input, String node) {
    String scope = request.scope().orElseThrow();
    Optional<Optional<String>> section =
        cluster.readCib(
            node,
            (cib, view) -> {
              Element root = CibStatus.render(cib, view);
              Optional<Element> found =
                  switch (scope) {
                    case "status", "configuration" -> Cib.child(root, scope);
                    default -> Cib.child(root, "configuration").flatMap(c -> Cib.child(c, scope));
                  };
              return found.map(CibXml::format);
            });
    if (section.isEmpty()) {
      return notConnected();
    }
    return section
        .get()
        .map(ExecOutcome::ok)
        .orElseGet(() -> callFailed("cib_query", CibOperations.Failure.NO_SUCH, ""));
  }

  private ExecOutcome create(CibadminRequest request, Element input, String node) {
    String scope = request.scope().orElseThrow();
    if (scope.equals("configuration") || scope.equals("status")) {
      throw new UnsupportedFeatureException("cibadmin --create --scope " + scope);
    }
    return write(node, "cib_create", ops -> ops.create(scope, input));
  }

  private ExecOutcome replace(CibadminRequest request, Element input, String node) {
    return write(node, "cib_replace", ops -> ops.replace(request.xpath().orElseThrow(), input));
  }

  private ExecOutcome delete(CibadminRequest request, Element input, String node) {
    return write(node, "cib_delete", ops -> ops.delete(input));
  }

  private ExecOutcome read(String node, BiFunction<Cib, ClusterView, String> reader) {
    return cluster.readCib(node, reader).map(ExecOutcome::ok).orElseGet(CibadminTool::notConnected);
  }

  private ExecOutcome write(
      String node, String operation, Function<CibOperations, CibOperations.Result> change) {
    Optional<CibOperations.Result> result =
        cluster.writeCib(node, "cibadmin", cib -> change.apply(new CibOperations(cib)));
    if (result.isEmpty()) {
      return notConnected();
    }
    CibOperations.Result r = result.get();
    if (r.failure().isEmpty()) {
      return ExecOutcome.ok(r.stdout());
    }
    ExecOutcome failed = callFailed(operation, r.failure().get(), r.detail());
    return ExecOutcome.of(failed.exitCode(), r.stdout(), failed.stderrText());
  }

  private static ExecOutcome callFailed(
      String operation, CibOperations.Failure failure, String detail) {
    String message = "Call " + operation + " failed: " + failure.text + "\n";
    return ExecOutcome.failure(
        failure.exitCode,
        message + (detail.isEmpty() ? "" : "simulated schema check: " + detail + "\n"));
  }

  static ExecOutcome notConnected() {
    return ExecOutcome.failure(
        CrmMonTool.NOT_CONNECTED,
        "Could not connect to the CIB: Transport endpoint is not connected\n"
            + "cibadmin: Init failed, could not perform requested operations: "
            + "Transport endpoint is not connected\n");
  }
}
