package io.hastorage.e2e.chart;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.fabric8.kubernetes.client.CustomResource;
import io.hastorage.e2e.sandbox.SandboxEnvironment;
import io.hastorage.operator.OperatorRunner;
import io.hastorage.operator.api.common.ResourceStatus;
import io.hastorage.operator.api.scst.ScstTarget;
import io.hastorage.operator.config.OperatorConfig;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

/**
 * Every metric the chart's alerts and the Grafana dashboard use is in the running operator's
 * /metrics in the sandbox, after the example converged and the active target node crashed (so the
 * failover and SSH-failure series exist too).
 */
class MonitoringInSandboxIT {

  /**
   * Series that cannot exist in this run: JOSDK registers the failure counter at the first
   * reconcile that throws (none does here), and sessions are only reported where SCST's sysfs lists
   * them (the simulated targets run no SCST).
   */
  private static final Set<String> NOT_IN_THIS_RUN =
      Set.of("operator_sdk_reconciliations_failed_total", "hastorage_target_sessions");

  @Test
  void alertAndDashboardMetricsAreExportedByTheRunningOperator() throws Exception {
    Set<String> used = new TreeSet<>();
    for (Map<String, Object> rule :
        PrometheusAlertsTest.rules(Chart.render(Map.of("metrics.prometheusRule.enabled", true)))) {
      used.addAll(OperatorMetrics.namesIn((String) rule.get("expr")));
    }
    GrafanaDashboardTest.queries(GrafanaDashboardTest.dashboard())
        .values()
        .forEach(q -> used.addAll(GrafanaDashboardTest.metricNames(q)));
    used.removeAll(NOT_IN_THIS_RUN);
    OperatorConfig config =
        OperatorConfig.defaults()
            .with(
                Map.of(
                    "HASTORAGE_HTTP_PORT", "0",
                    "HASTORAGE_LEADER_ELECTION", "false",
                    "HASTORAGE_CONVERGING_REQUEUE", "1s",
                    "HASTORAGE_RESYNC_PERIOD", "2s",
                    "HASTORAGE_SSH_CONNECT_TIMEOUT", "2s"));
    try (SandboxEnvironment env =
        SandboxEnvironment.start(Path.of(System.getProperty("hastorage.repoRoot", "..")), config)) {
      env.apply(env.exampleResources());
      try (OperatorRunner operator = env.startOperator()) {
        await()
            .atMost(Duration.ofSeconds(90))
            .until(
                () -> ready(target(env)) && "centos01".equals(target(env).getStatus().activeNode));

        env.fleet().crash("centos01");
        await()
            .atMost(Duration.ofSeconds(60))
            .until(() -> "centos02".equals(target(env).getStatus().activeNode));

        String metrics = scrape("http://127.0.0.1:" + operator.httpPort() + "/metrics");
        Set<String> exported = new TreeSet<>();
        metrics
            .lines()
            .filter(l -> !l.startsWith("#") && !l.isBlank())
            .forEach(l -> exported.add(l.split("[{ ]", 2)[0]));
        assertThat(exported).as("the operator's /metrics in the sandbox").containsAll(used);
      }
    }
  }

  private static ScstTarget target(SandboxEnvironment env) {
    return env.client()
        .resources(ScstTarget.class)
        .inNamespace(SandboxEnvironment.NAMESPACE)
        .withName("vg1-target")
        .get();
  }

  private static boolean ready(CustomResource<?, ? extends ResourceStatus> resource) {
    return resource != null
        && resource.getStatus() != null
        && resource
            .getStatus()
            .condition("Ready")
            .map(c -> "True".equals(c.getStatus()))
            .orElse(false);
  }

  private static String scrape(String url) throws Exception {
    HttpResponse<String> response =
        HttpClient.newHttpClient()
            .send(
                HttpRequest.newBuilder(URI.create(url)).build(),
                HttpResponse.BodyHandlers.ofString());
    assertThat(response.statusCode()).isEqualTo(200);
    return response.body();
  }
}
