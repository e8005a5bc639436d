package io.hastorage.e2e.chart;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import io.hastorage.operator.api.drbd.DrbdVolume;
import io.hastorage.operator.api.drbd.DrbdVolumeStatus;
import io.hastorage.operator.api.drbd.DrbdVolumeStatus.DrbdNodeState;
import io.hastorage.operator.metrics.DrbdMetrics;
import io.hastorage.operator.metrics.SshMetrics;
import io.hastorage.operator.metrics.StorageMetrics;
import io.hastorage.operator.metrics.TargetMetrics;
import io.hastorage.operator.node.NodeAccessException;
import io.javaoperatorsdk.operator.api.reconciler.Constants;
import io.javaoperatorsdk.operator.monitoring.micrometer.MicrometerMetrics;
import io.javaoperatorsdk.operator.processing.GroupVersionKind;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * The chart's alerts only use metrics the operator registers: the metric classes run against a
 * Prometheus registry with sample data (as the operator's /metrics serves them), and every metric
 * name in an alert expression must be among the scraped names.
 */
class PrometheusAlertsTest {

  /** PromQL words that are not metric names. */
  private static final Set<String> PROMQL_WORDS =
      Set.of(
          "and",
          "or",
          "unless",
          "on",
          "ignoring",
          "group_left",
          "group_right",
          "by",
          "without",
          "bool",
          "offset",
          "sum",
          "min",
          "max",
          "avg",
          "count",
          "stddev",
          "stdvar",
          "topk",
          "bottomk",
          "quantile",
          "count_values",
          "inf",
          "nan");

  private static final Pattern IDENTIFIER = Pattern.compile("[a-zA-Z_:][a-zA-Z0-9_:]*");

  @Test
  void everyAlertUsesOnlyMetricsTheOperatorRegisters() {
    Set<String> registered = metricNamesTheOperatorRegisters();
    List<Map<String, Object>> rules =
        rules(Chart.render(Map.of("metrics.prometheusRule.enabled", true)));

    assertThat(rules).hasSizeGreaterThanOrEqualTo(10);
    Set<String> used = new TreeSet<>();
    for (Map<String, Object> rule : rules) {
      Set<String> names = metricNames((String) rule.get("expr"));
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
            metricNames(
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

  /** Metric names in a PromQL expression: identifiers outside braces, ranges and label lists. */
  static Set<String> metricNames(String expr) {
    String stripped =
        expr.replaceAll("\"(\\\\.|[^\"\\\\])*\"", "\"\"")
            .replaceAll("\\{[^}]*}", " ")
            .replaceAll("\\[[^]]*]", " ")
            .replaceAll("\\b(by|without|on|ignoring|group_left|group_right)\\s*\\([^)]*\\)", " ");
    Set<String> names = new TreeSet<>();
    Matcher m = IDENTIFIER.matcher(stripped);
    while (m.find()) {
      String word = m.group();
      boolean isFunction = stripped.substring(m.end()).stripLeading().startsWith("(");
      boolean isDuration = m.start() > 0 && Character.isDigit(stripped.charAt(m.start() - 1));
      if (!isFunction && !isDuration && !PROMQL_WORDS.contains(word.toLowerCase())) {
        names.add(word);
      }
    }
    return names;
  }

  /** Runs the operator's metric classes with sample data and returns every scraped name. */
  static Set<String> metricNamesTheOperatorRegisters() {
    PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    StorageMetrics storage = new StorageMetrics(registry);
    storage.nodeReachable("vg1-cluster", "centos01", true);
    storage.nodePrerequisitesMet("vg1-cluster", "centos01", true);
    storage.resourceReady("DrbdVolume", "storage", "vg1", true);
    storage.pendingSteps("DrbdVolume", "storage", "vg1", 0);
    storage.clusterQuorate("vg1-cluster", true);
    storage.clusterNodesOnline("vg1-cluster", 2);
    storage.clusterFencingConfigured("vg1-cluster", true);
    storage.clusterLinkConnected("vg1-cluster", "centos01", 0, true);
    storage.stepFinished("centos01", "Failed", "StepFailed");
    new DrbdMetrics(registry).record("storage", "vg1", "vg1", drbdStatus());
    TargetMetrics target = new TargetMetrics(registry);
    target.target("storage", "vg1-target", true, 2);
    target.failover("storage", "vg1-target", "centos01", "centos02");
    SshMetrics ssh = new SshMetrics(registry);
    ssh.connected("centos01", Duration.ofMillis(40));
    ssh.connectFailed("centos02", NodeAccessException.Failure.NodeUnreachable);
    ssh.commandFinished("centos01", 0, null, Duration.ofMillis(5), 100);
    reconcilerMetrics(registry);
    Set<String> names = new TreeSet<>();
    for (String line : registry.scrape().split("\n")) {
      if (!line.isBlank() && !line.startsWith("#")) {
        names.add(line.split("[{ ]", 2)[0]);
      }
    }
    return names;
  }

  /** JOSDK's metrics, as OperatorRunner registers them, for one failed reconcile. */
  private static void reconcilerMetrics(PrometheusMeterRegistry registry) {
    MicrometerMetrics metrics =
        MicrometerMetrics.newPerResourceCollectingMicrometerMetricsBuilder(registry).build();
    DrbdVolume volume = new DrbdVolume();
    volume.setMetadata(new ObjectMetaBuilder().withName("vg1").withNamespace("storage").build());
    Map<String, Object> metadata =
        Map.of(
            Constants.CONTROLLER_NAME,
            "drbdvolumereconciler",
            "josdk.resource.gvk",
            GroupVersionKind.gvkFor(DrbdVolume.class));
    metrics.failedReconciliation(volume, new IllegalStateException("sample"), metadata);
  }

  private static DrbdVolumeStatus drbdStatus() {
    DrbdVolumeStatus status = new DrbdVolumeStatus();
    status.splitBrain = false;
    DrbdNodeState node = new DrbdNodeState();
    node.node = "centos01";
    node.volume = 0;
    node.role = "Primary";
    node.connectionState = "SyncSource";
    node.diskState = "UpToDate";
    node.syncProgressPercent = "66.6";
    node.outOfSyncBytes = 22951591936L;
    status.nodes.add(node);
    return status;
  }
}
