package io.hastorage.e2e.chart;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import io.fabric8.kubernetes.client.utils.Serialization;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.luaj.vm2.Globals;
import org.luaj.vm2.LuaTable;
import org.luaj.vm2.LuaValue;
import org.luaj.vm2.lib.jse.JsePlatform;

/**
 * The Argo CD health checks (charts/ha-iscsi-operator/argocd/health.lua, one for all four kinds)
 * run in a Lua interpreter, as Argo CD runs them: a global {@code obj} holding the resource, a
 * returned table with status and message.
 */
class ArgoCdHealthTest {

  private static final List<String> KINDS =
      List.of("StorageCluster", "DrbdVolume", "ScstTarget", "Ocfs2Mount");

  @ParameterizedTest
  @ValueSource(strings = {"StorageCluster", "DrbdVolume", "ScstTarget", "Ocfs2Mount"})
  void readyForTheCurrentGenerationIsHealthy(String kind) throws IOException {
    Map<String, String> health =
        health(kind, resource(kind, 3, 3L, condition("Ready", "True", "Ready", "serving")));

    assertThat(health).containsEntry("status", "Healthy").containsEntry("message", "serving");
  }

  /**
   * Lost redundancy is not ill health in Argo CD: a first DRBD sync takes hours, and a sync wave
   * waiting for Healthy must not wait for it. The message says what is lost.
   */
  @ParameterizedTest
  @ValueSource(strings = {"StorageCluster", "DrbdVolume", "ScstTarget", "Ocfs2Mount"})
  void servingWithoutRedundancyIsHealthyAndSaysSo(String kind) throws IOException {
    Map<String, String> health =
        health(
            kind,
            resource(
                kind,
                3,
                3L,
                condition("Ready", "True", "Ready", "serving on ta"),
                condition("Degraded", "True", "InitialSync", "ta: SyncSource 6.3%")));

    assertThat(health)
        .containsEntry("status", "Healthy")
        .containsEntry(
            "message", "serving on ta; redundancy lost (InitialSync): ta: SyncSource 6.3%");
  }

  @Test
  void aVolumeBeingBuiltIsProgressingUntilTheOperatorStopsApplyingSteps() throws IOException {
    for (String reason : List.of("NoPrimary", "VolumeGroupInactive")) {
      Map<String, Object> building =
          resource(
              "DrbdVolume",
              1,
              1L,
              condition("Ready", "False", reason, "not yet"),
              condition("Converged", "False", "Converging", "applied 4 of 4 steps"));

      assertThat(health("DrbdVolume", building)).containsEntry("status", "Progressing");
    }
  }

  @ParameterizedTest
  @ValueSource(strings = {"StorageCluster", "DrbdVolume", "ScstTarget", "Ocfs2Mount"})
  void withoutStatusOrWithAStaleGenerationItIsProgressing(String kind) throws IOException {
    assertThat(health(kind, resource(kind, 1, null))).containsEntry("status", "Progressing");
    assertThat(health(kind, Map.of("metadata", Map.of("name", "x", "generation", 1))))
        .containsEntry("status", "Progressing");

    Map<String, String> stale =
        health(kind, resource(kind, 4, 3L, condition("Ready", "True", "Ready", "old spec")));

    assertThat(stale)
        .containsEntry("status", "Progressing")
        .containsEntry("message", "Waiting for the operator to observe generation 4");
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "Converging",
        "Syncing",
        "WaitingForCluster",
        "WaitingForVolume",
        "InitialSyncPending",
        "Installing"
      })
  void readyFalseWhileTheOperatorWorksIsProgressing(String reason) throws IOException {
    for (String kind : KINDS) {
      Map<String, String> health =
          health(kind, resource(kind, 2, 2L, condition("Ready", "False", reason, "busy")));

      assertThat(health)
          .containsEntry("status", "Progressing")
          .containsEntry("message", reason + ": busy");
    }
  }

  @ParameterizedTest
  @ValueSource(
      strings = {"SplitBrain", "DiskInUse", "StepFailed", "InvalidSpec", "HostKeyMismatch"})
  void readyFalseForAnyOtherReasonIsDegraded(String reason) throws IOException {
    for (String kind : KINDS) {
      Map<String, String> health =
          health(kind, resource(kind, 2, 2L, condition("Ready", "False", reason, "broken")));

      assertThat(health)
          .containsEntry("status", "Degraded")
          .containsEntry("message", reason + ": broken");
    }
  }

  @Test
  void aClusterBeingFormedIsProgressingUntilTheOperatorStopsApplyingSteps() throws IOException {
    Map<String, Object> forming =
        resource(
            "StorageCluster",
            1,
            1L,
            condition("Ready", "False", "ClusterNotRunning", "no crm_mon yet"),
            condition("Converged", "False", "Converging", "applied 14 of 14 steps"));
    Map<String, Object> stuck =
        resource(
            "StorageCluster",
            1,
            1L,
            condition("Ready", "False", "ClusterNotRunning", "no crm_mon"),
            condition("Converged", "True", "Converged", "nothing to do"));

    assertThat(health("StorageCluster", forming)).containsEntry("status", "Progressing");
    assertThat(health("StorageCluster", stuck)).containsEntry("status", "Degraded");
  }

  @Test
  void pausedOrDryRunIsSuspended() throws IOException {
    for (String reason : List.of("Paused", "DryRun")) {
      assertThat(
              health(
                  "DrbdVolume",
                  resource("DrbdVolume", 1, 1L, condition("Ready", "False", reason, ""))))
          .containsEntry("status", "Suspended");
    }
  }

  @Test
  void readyUnknownOrMissingIsProgressing() throws IOException {
    assertThat(
            health(
                "ScstTarget",
                resource("ScstTarget", 1, 1L, condition("Ready", "Unknown", "Probing", ""))))
        .containsEntry("status", "Progressing");
    assertThat(
            health(
                "ScstTarget",
                resource("ScstTarget", 1, 1L, condition("Converged", "True", "Converged", ""))))
        .containsEntry("status", "Progressing");
  }

  @Test
  void theArgoCdConfigMapSnippetCarriesTheSameScripts() throws IOException {
    JsonNode data =
        new YAMLMapper()
            .readTree(Chart.dir().resolve("argocd/argocd-cm.yaml").toFile())
            .get("data");

    for (String kind : KINDS) {
      assertThat(data.get("resource.customizations.health.hastorage.io_" + kind).asText())
          .as("argocd-cm.yaml entry of %s", kind)
          .isEqualTo(Files.readString(script(kind)));
    }
    Iterator<String> keys = data.fieldNames();
    int count = 0;
    while (keys.hasNext()) {
      keys.next();
      count++;
    }
    assertThat(count).isEqualTo(KINDS.size());
  }

  @Test
  void theExampleResourcesAreProgressingBeforeTheOperatorSeesThem() throws IOException {
    String examples =
        Files.readString(Chart.repoRoot().resolve("deploy/examples/storagecluster.yaml"));
    for (var object : Manifests.parse(examples).all()) {
      Map<String, Object> tree =
          Serialization.jsonMapper()
              .convertValue(object, new com.fasterxml.jackson.core.type.TypeReference<>() {});
      assertThat(health(object.getKind(), tree)).containsEntry("status", "Progressing");
    }
  }

  private static Path script(String kind) {
    return Chart.dir().resolve("argocd/health.lua"); // one script for every kind
  }

  /** Runs the kind's health script with {@code obj} set to the resource. */
  static Map<String, String> health(String kind, Map<String, Object> resource) throws IOException {
    Globals globals = JsePlatform.standardGlobals();
    globals.set("obj", lua(resource));
    LuaValue result = globals.load(Files.readString(script(kind)), script(kind).toString()).call();
    return Map.of(
        "status", result.get("status").tojstring(), "message", result.get("message").tojstring());
  }

  private static LuaValue lua(Object value) {
    if (value == null) {
      return LuaValue.NIL;
    }
    if (value instanceof Map<?, ?> map) {
      LuaTable table = new LuaTable();
      map.forEach((k, v) -> table.set(String.valueOf(k), lua(v)));
      return table;
    }
    if (value instanceof List<?> list) {
      LuaTable table = new LuaTable();
      for (int i = 0; i < list.size(); i++) {
        table.set(i + 1, lua(list.get(i)));
      }
      return table;
    }
    if (value instanceof Number number) {
      return LuaValue.valueOf(number.doubleValue());
    }
    if (value instanceof Boolean bool) {
      return LuaValue.valueOf(bool);
    }
    return LuaValue.valueOf(String.valueOf(value));
  }

  @SafeVarargs
  private static Map<String, Object> resource(
      String kind, long generation, Long observedGeneration, Map<String, Object>... conditions) {
    Map<String, Object> metadata =
        Map.of("name", "vg1", "namespace", "storage", "generation", generation);
    if (observedGeneration == null) {
      return Map.of("apiVersion", "hastorage.io/v1alpha1", "kind", kind, "metadata", metadata);
    }
    return Map.of(
        "apiVersion",
        "hastorage.io/v1alpha1",
        "kind",
        kind,
        "metadata",
        metadata,
        "status",
        Map.of("observedGeneration", observedGeneration, "conditions", List.of(conditions)));
  }

  private static Map<String, Object> condition(
      String type, String status, String reason, String message) {
    return Map.of("type", type, "status", status, "reason", reason, "message", message);
  }
}
