package io.hastorage.e2e.chart;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * The chart's Grafana dashboard (dashboards/ha-iscsi-operator.json) is valid Grafana 10 JSON whose
 * queries only use metrics the operator exports: every metric name in every panel target, every
 * annotation query and every template variable query must be among the names the operator's metric
 * classes (and JOSDK's) scrape with sample data, as for the alerts.
 */
class GrafanaDashboardTest {

  static final String FILE = "dashboards/ha-iscsi-operator.json";

  /** Grafana's own variables, which a query may use without the dashboard defining them. */
  private static final Set<String> GRAFANA_VARIABLES =
      Set.of("__interval", "__interval_ms", "__rate_interval", "__range", "__range_s");

  private static final Pattern VARIABLE =
      Pattern.compile("\\$(?:\\{([A-Za-z0-9_]+)(?::[^}]*)?}|([A-Za-z0-9_]+)|\\[\\[([^]]+)]])");

  private static final Pattern LABEL_VALUES =
      Pattern.compile("^\\s*label_values\\((.*),\\s*[A-Za-z_][A-Za-z0-9_]*\\s*\\)\\s*$");

  private static final Pattern QUERY_RESULT =
      Pattern.compile("^\\s*query_result\\((.*)\\)\\s*$", Pattern.DOTALL);

  @Test
  void isValidJsonOfAGrafana10Dashboard() throws IOException {
    JsonNode dashboard = dashboard();

    assertThat(dashboard.path("uid").asText()).isEqualTo("ha-iscsi-operator");
    assertThat(dashboard.path("title").asText()).isNotBlank();
    assertThat(dashboard.path("schemaVersion").asInt())
        .as("Grafana 10 writes schemaVersion 37 to 39")
        .isBetween(37, 39);
    assertThat(dashboard.path("id").isNull())
        .as("no database id: it is provisioned, not exported from one Grafana")
        .isTrue();
    assertThat(dashboard.has("__inputs"))
        .as("no import-time inputs: the data source is the ${datasource} variable")
        .isFalse();
    assertThat(panels(dashboard)).hasSizeGreaterThanOrEqualTo(20);
  }

  @Test
  void hasADatasourceVariableAndNamespaceAndNameVariables() throws IOException {
    Map<String, JsonNode> variables = variables(dashboard());

    JsonNode datasource = variables.get("datasource");
    assertThat(datasource).as("a datasource variable").isNotNull();
    assertThat(datasource.path("type").asText()).isEqualTo("datasource");
    assertThat(datasource.path("query").asText()).isEqualTo("prometheus");
    for (String name : List.of("namespace", "name")) {
      JsonNode variable = variables.get(name);
      assertThat(variable).as("a %s variable", name).isNotNull();
      assertThat(variable.path("type").asText()).isEqualTo("query");
      assertThat(variable.path("datasource").path("uid").asText()).isEqualTo("${datasource}");
      assertThat(query(variable)).startsWith("label_values(");
    }
  }

  @Test
  void panelIdsAreUniqueAndEveryPanelAndTargetHasTheDatasource() throws IOException {
    Set<Integer> ids = new HashSet<>();
    for (JsonNode panel : panels(dashboard())) {
      String title = panel.path("title").asText();
      assertThat(panel.path("id").isInt()).as("id of %s", title).isTrue();
      assertThat(ids.add(panel.path("id").asInt()))
          .as("id %s of %s is unique", panel.path("id"), title)
          .isTrue();
      assertThat(isPrometheusVariable(panel.path("datasource")))
          .as("datasource of %s is ${datasource}: %s", title, panel.path("datasource"))
          .isTrue();
      if (!isRow(panel)) {
        assertThat(panel.path("targets")).as("targets of %s", title).isNotEmpty();
      }
      for (JsonNode target : panel.path("targets")) {
        assertThat(target.path("expr").asText()).as("expr of %s", title).isNotBlank();
        assertThat(isPrometheusVariable(target.path("datasource")))
            .as("datasource of a target of %s", title)
            .isTrue();
      }
    }
  }

  @Test
  void panelsLieOnTheGridWithoutOverlapping() throws IOException {
    List<JsonNode> panels = panels(dashboard());
    for (JsonNode panel : panels) {
      JsonNode grid = panel.path("gridPos");
      assertThat(grid.path("w").asInt()).as("width of %s", panel.path("title")).isPositive();
      assertThat(grid.path("h").asInt()).as("height of %s", panel.path("title")).isPositive();
      assertThat(grid.path("x").asInt() + grid.path("w").asInt())
          .as("%s fits the 24 columns", panel.path("title"))
          .isLessThanOrEqualTo(24);
    }
    for (int i = 0; i < panels.size(); i++) {
      for (int j = i + 1; j < panels.size(); j++) {
        assertThat(overlap(panels.get(i).path("gridPos"), panels.get(j).path("gridPos")))
            .as("%s overlaps %s", panels.get(i).path("title"), panels.get(j).path("title"))
            .isFalse();
      }
    }
  }

  @Test
  void everyQueryUsesOnlyMetricsTheOperatorExports() throws IOException {
    Set<String> exported = OperatorMetrics.exportedNames();
    Set<String> used = new TreeSet<>();
    Map<String, Set<String>> unknown = new TreeMap<>();
    for (Map.Entry<String, String> query : queries(dashboard()).entrySet()) {
      Set<String> names = metricNames(query.getValue());
      assertThat(names).as("metrics of %s", query.getKey()).isNotEmpty();
      Set<String> notExported = new TreeSet<>(names);
      notExported.removeAll(exported);
      if (!notExported.isEmpty()) {
        unknown.put(query.getKey(), notExported);
      }
      used.addAll(names);
    }
    assertThat(unknown).as("queries using metrics the operator does not export").isEmpty();
    assertThat(used)
        .as("the dashboard shows every part of the storage")
        .contains(
            "hastorage_resource_ready",
            "hastorage_resource_degraded",
            "hastorage_plan_pending_steps",
            "hastorage_node_reachable",
            "hastorage_cluster_quorate",
            "hastorage_cluster_nodes_online",
            "hastorage_cluster_fencing_configured",
            "hastorage_cluster_link_connected",
            "drbd_resource_role",
            "drbd_connection_state",
            "drbd_device_state",
            "drbd_peerdevice_outofsync_bytes",
            "hastorage_drbd_sync_progress_percent",
            "hastorage_drbd_split_brain",
            "hastorage_target_up",
            "hastorage_target_sessions",
            "hastorage_target_failovers_total",
            "hastorage_initiator_paths_up",
            "hastorage_initiator_paths_expected",
            "hastorage_ocfs2_mounted",
            "hastorage_steps_total",
            "hastorage_ssh_open_connections",
            "hastorage_ssh_connect_failures_total",
            "hastorage_ssh_commands_total",
            "operator_sdk_reconciliations_started_total",
            "operator_sdk_reconciliations_failed_total");
  }

  @Test
  void queriesOnlyUseDefinedVariables() throws IOException {
    JsonNode dashboard = dashboard();
    Set<String> defined = new TreeSet<>(variables(dashboard).keySet());
    defined.addAll(GRAFANA_VARIABLES);
    for (Map.Entry<String, String> query : queries(dashboard).entrySet()) {
      Matcher m = VARIABLE.matcher(query.getValue());
      while (m.find()) {
        String name =
            m.group(1) != null ? m.group(1) : m.group(2) != null ? m.group(2) : m.group(3);
        assertThat(defined).as("variable $%s of %s", name, query.getKey()).contains(name);
      }
    }
  }

  @Test
  void variableQueriesYieldTheirMetricNotTheirLabel() {
    assertThat(
            metricNames("label_values(hastorage_resource_ready{namespace=~\"$namespace\"}, name)"))
        .containsExactly("hastorage_resource_ready");
    assertThat(metricNames("label_values(namespace)")).isEmpty();
    assertThat(metricNames("a_b{node=~\"$node\"} and on () ${c} > $d")).containsExactly("a_b");
    assertThat(metricNames("query_result(sum by (node) (a_total[$__range]))"))
        .containsExactly("a_total");
  }

  static JsonNode dashboard() throws IOException {
    ObjectMapper json =
        new ObjectMapper()
            .enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION)
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);
    return json.readTree(Files.readString(path()));
  }

  static Path path() {
    return Chart.dir().resolve(FILE);
  }

  /** Every panel, with the panels inside collapsed rows. */
  static List<JsonNode> panels(JsonNode dashboard) {
    List<JsonNode> panels = new ArrayList<>();
    for (JsonNode panel : dashboard.path("panels")) {
      panels.add(panel);
      panel.path("panels").forEach(panels::add);
    }
    return panels;
  }

  /** PromQL of every panel target, annotation and template variable, by where it is. */
  static Map<String, String> queries(JsonNode dashboard) {
    Map<String, String> queries = new TreeMap<>();
    for (JsonNode panel : panels(dashboard)) {
      for (JsonNode target : panel.path("targets")) {
        queries.put(
            "panel " + panel.path("title").asText() + " " + target.path("refId").asText(),
            target.path("expr").asText());
      }
    }
    for (JsonNode annotation : dashboard.path("annotations").path("list")) {
      if (annotation.has("expr")) {
        queries.put(
            "annotation " + annotation.path("name").asText(), annotation.get("expr").asText());
      }
    }
    for (Map.Entry<String, JsonNode> variable : variables(dashboard).entrySet()) {
      if (variable.getValue().path("type").asText().equals("query")) {
        queries.put("variable " + variable.getKey(), query(variable.getValue()));
      }
    }
    assertThat(queries).isNotEmpty();
    return queries;
  }

  /** Metric names in a panel's PromQL or a variable's label_values/query_result query. */
  static Set<String> metricNames(String grafanaQuery) {
    String query = VARIABLE.matcher(grafanaQuery).replaceAll(" ");
    Matcher labelValues = LABEL_VALUES.matcher(query);
    if (labelValues.matches()) {
      return OperatorMetrics.namesIn(labelValues.group(1));
    }
    if (query.strip().startsWith("label_values(")) {
      return Set.of();
    }
    Matcher queryResult = QUERY_RESULT.matcher(query);
    return OperatorMetrics.namesIn(queryResult.matches() ? queryResult.group(1) : query);
  }

  private static Map<String, JsonNode> variables(JsonNode dashboard) {
    Map<String, JsonNode> variables = new TreeMap<>();
    for (JsonNode variable : dashboard.path("templating").path("list")) {
      variables.put(variable.path("name").asText(), variable);
    }
    return variables;
  }

  /** A variable's query: a string, or Grafana 10's {query, qryType, refId} object. */
  private static String query(JsonNode variable) {
    JsonNode query = variable.path("query");
    return query.isObject() ? query.path("query").asText() : query.asText();
  }

  private static boolean isPrometheusVariable(JsonNode datasource) {
    return datasource.path("type").asText().equals("prometheus")
        && datasource.path("uid").asText().equals("${datasource}");
  }

  private static boolean isRow(JsonNode panel) {
    return panel.path("type").asText().equals("row");
  }

  private static boolean overlap(JsonNode a, JsonNode b) {
    return a.path("x").asInt() < b.path("x").asInt() + b.path("w").asInt()
        && b.path("x").asInt() < a.path("x").asInt() + a.path("w").asInt()
        && a.path("y").asInt() < b.path("y").asInt() + b.path("h").asInt()
        && b.path("y").asInt() < a.path("y").asInt() + a.path("h").asInt();
  }
}
