package io.hastorage.e2e.chart;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

/**
 * The chart's alerts only use metrics the operator registers: the metric classes run against a
 * Prometheus registry with sample data (as the operator's /metrics serves them), and every metric
 * name in an alert expression must be among the scraped names.
 */
class PrometheusAlertsTest {

  @Test
  void everyAlertUsesOnlyMetricsTheOperatorRegisters() {
    Set<String> registered = OperatorMetrics.exportedNames();
    List<Map<String, Object>> rules =
        rules(Chart.render(Map.of("metrics.prometheusRule.enabled", true)));

    assertThat(rules).hasSizeGreaterThanOrEqualTo(10);
    Set<String> used = new TreeSet<>();
    for (Map<String, Object> rule : rules) {
      Set<String> names = OperatorMetrics.namesIn((String) rule.get("expr"));
      assertThat(names).as("metrics of %s", rule.get("alert")).isNotEmpty();
      assertThat(registered)
          .as("%s uses metrics the operator does not register", rule.get("alert"))
          .containsAll(names);
      used.addAll(names);
    }
    assertThat(used)
        .contains(
            "hastorage_drbd_split_brain",
            "drbd_connection_state",
            "drbd_device_state",
            "hastorage_drbd_sync_progress_percent",
            "hastorage_cluster_quorate",
            "hastorage_cluster_fencing_configured",
            "hastorage_target_failovers_total",
            "operator_sdk_reconciliations_failed_total",
            "hastorage_ssh_connect_failures_total");
  }

  @Test
  void everyAlertHasASeverityASummaryAndADescription() {
    for (Map<String, Object> rule :
        rules(Chart.render(Map.of("metrics.prometheusRule.enabled", true)))) {
      assertThat(map(rule.get("labels"))).as("%s", rule.get("alert")).containsKey("severity");
      assertThat(map(rule.get("annotations")))
          .as("%s", rule.get("alert"))
          .containsKeys("summary", "description");
      assertThat((String) rule.get("alert")).startsWith("HaStorage");
    }
  }

  @Test
  void metricNamesAreFoundInExpressions() {
    assertThat(
            OperatorMetrics.namesIn(
                "sum by (node, reason) (increase(a_total{outcome!~\"ok|x_y\"}[10m])) > 0"
                    + " unless on (namespace) b_c == 1"))
        .containsExactlyInAnyOrder("a_total", "b_c");
  }

  @SuppressWarnings("unchecked")
  static Map<String, Object> map(Object value) {
    return (Map<String, Object>) value;
  }

  /** The rules of every group of the rendered PrometheusRule. */
  static List<Map<String, Object>> rules(Manifests rendered) {
    GenericKubernetesResource rule = rendered.generic("PrometheusRule").get(0);
    List<Map<String, Object>> rules = new ArrayList<>();
    for (Map<String, Object> group : rule.<List<Map<String, Object>>>get("spec", "groups")) {
      @SuppressWarnings("unchecked")
      List<Map<String, Object>> groupRules = (List<Map<String, Object>>) group.get("rules");
      rules.addAll(groupRules);
    }
    return rules;
  }
}
