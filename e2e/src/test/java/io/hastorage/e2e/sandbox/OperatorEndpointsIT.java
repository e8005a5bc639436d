package io.hastorage.e2e.sandbox;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.fabric8.kubernetes.api.model.Event;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.hastorage.operator.OperatorRunner;
import io.hastorage.operator.api.cluster.StorageCluster;
import io.hastorage.operator.config.OperatorConfig;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The running operator's HTTP endpoints, metrics and Events, with JOSDK driving reconciles. */
class OperatorEndpointsIT {

  private final HttpClient http = HttpClient.newHttpClient();

  @Test
  void metricsHealthAndEventsReflectTheRun() throws Exception {
    OperatorConfig config =
        OperatorConfig.defaults()
            .with(
                Map.of(
                    "HASTORAGE_HTTP_PORT",
                    "0",
                    "HASTORAGE_LEADER_ELECTION",
                    "false",
                    "HASTORAGE_CONVERGING_REQUEUE",
                    "1s"));
    try (SandboxEnvironment env =
        SandboxEnvironment.start(Path.of(System.getProperty("hastorage.repoRoot", "..")), config)) {
      List<HasMetadata> applied = env.exampleResources();
      env.apply(applied);
      Map<String, Object> specsBefore = specs(env, applied);
      try (OperatorRunner operator = env.startOperator()) {
        await()
            .atMost(Duration.ofSeconds(60))
            .until(() -> ready(env.storageCluster("vg1-cluster")));

        String base = "http://127.0.0.1:" + operator.httpPort();
        HttpResponse<String> metrics = get(base + "/metrics");
        assertThat(metrics.statusCode()).isEqualTo(200);
        assertThat(metrics.body())
            .contains("hastorage_ssh_commands_total{node=\"centos01\",outcome=\"ok\"}")
            .contains("hastorage_ssh_handshakes_total{node=\"drbd02\"} 1.0")
            .contains("hastorage_ssh_command_seconds_count{node=\"drbd01\"}")
            .contains("hastorage_node_reachable{cluster=\"vg1-cluster\",node=\"centos02\"} 1.0")
            .contains(
                "hastorage_resource_ready{kind=\"StorageCluster\",name=\"vg1-cluster\",namespace=\"storage\"} 1.0")
            .contains("operator_sdk_")
            .contains("jvm_memory_used_bytes");
        assertThat(specs(env, applied))
            .as("the operator writes status only, never defaults into spec (no GitOps drift)")
            .isEqualTo(specsBefore);
        assertThat(get(base + "/healthz").statusCode()).isEqualTo(200);
        assertThat(get(base + "/readyz").statusCode()).isEqualTo(200);
        List<Event> events =
            env.client().v1().events().inNamespace(SandboxEnvironment.NAMESPACE).list().getItems();
        assertThat(events)
            .anySatisfy(
                e -> {
                  assertThat(e.getReason()).isEqualTo("Ready");
                  assertThat(e.getType()).isEqualTo("Normal");
                  assertThat(e.getInvolvedObject().getName()).isEqualTo("vg1-cluster");
                });
      }
    }
  }

  /** Each applied resource's spec as the API server holds it, as JSON trees. */
  private static Map<String, Object> specs(SandboxEnvironment env, List<HasMetadata> resources) {
    Map<String, Object> specs = new java.util.TreeMap<>();
    for (HasMetadata resource : resources) {
      HasMetadata stored =
          env.client().resource(resource).inNamespace(SandboxEnvironment.NAMESPACE).get();
      specs.put(
          resource.getKind() + "/" + resource.getMetadata().getName(),
          io.fabric8.kubernetes.client.utils.Serialization.jsonMapper()
              .valueToTree(stored)
              .get("spec"));
    }
    return specs;
  }

  private static boolean ready(StorageCluster cluster) {
    return cluster != null
        && cluster.getStatus() != null
        && cluster
            .getStatus()
            .condition("Ready")
            .map(c -> "True".equals(c.getStatus()))
            .orElse(false);
  }

  private HttpResponse<String> get(String url) throws Exception {
    return http.send(
        HttpRequest.newBuilder(URI.create(url)).build(), HttpResponse.BodyHandlers.ofString());
  }
}
