package io.hastorage.e2e.reconciler;

import io.fabric8.kubernetes.api.model.Condition;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.hastorage.e2e.sandbox.SandboxEnvironment;
import io.hastorage.operator.OperatorRunner;
import io.hastorage.operator.api.Manifests;
import io.hastorage.operator.api.cluster.StorageCluster;
import io.hastorage.operator.config.OperatorConfig;
import io.hastorage.operator.reconciler.KubernetesSecretReader;
import io.hastorage.operator.reconciler.StorageClusterReconciler;
import io.javaoperatorsdk.operator.api.reconciler.UpdateControl;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * Drives the StorageCluster reconciler directly, one reconcile at a time, against the embedded API
 * and the simulated fleet over real SSH. JOSDK's part (applying the returned status patch) is done
 * here, so every exec, change and status write can be counted exactly.
 */
final class ReconcilerHarness implements AutoCloseable {

  static final OperatorConfig CONFIG =
      OperatorConfig.defaults()
          .with(
              Map.of(
                  "HASTORAGE_SSH_BACKOFF_INITIAL",
                  "50ms",
                  "HASTORAGE_SSH_BACKOFF_MAX",
                  "100ms",
                  "HASTORAGE_SSH_CONNECT_TIMEOUT",
                  "3s",
                  "HASTORAGE_HTTP_PORT",
                  "0"));

  final SandboxEnvironment env;
  private final ExecutorService pool = Executors.newFixedThreadPool(4);
  private final StorageClusterReconciler reconciler;
  StorageCluster cluster;
  int statusWrites;

  ReconcilerHarness() throws Exception {
    env = SandboxEnvironment.start(Path.of(System.getProperty("hastorage.repoRoot", "..")), CONFIG);
    reconciler =
        OperatorRunner.storageClusterReconciler(
            env.dependencies(), pool, new KubernetesSecretReader(env.client()));
    List<HasMetadata> resources = env.exampleResources();
    cluster = Manifests.ofKind(resources, StorageCluster.class).get(0);
    cluster.getMetadata().setGeneration(1L);
    env.apply(List.of(cluster));
    cluster = env.storageCluster(cluster.getMetadata().getName());
  }

  /** One reconcile; applies the status patch it asks for, as JOSDK would. */
  UpdateControl<StorageCluster> reconcile() throws Exception {
    UpdateControl<StorageCluster> control = reconciler.reconcile(cluster, null);
    if (control.isPatchStatus()) {
      statusWrites++;
      cluster.setStatus(control.getResource().orElseThrow().getStatus());
    }
    return control;
  }

  /** Reconciles until Ready (at most a few rounds: probe+apply, then verify). */
  void converge() throws Exception {
    for (int i = 0; i < 5 && !"True".equals(condition("Ready").getStatus()); i++) {
      reconcile();
    }
  }

  Condition condition(String type) {
    if (cluster.getStatus() == null) {
      return new Condition();
    }
    return cluster.getStatus().condition(type).orElseGet(Condition::new);
  }

  int totalExecs() {
    return env.fleet().names().stream().mapToInt(n -> env.fleet().node(n).execCount()).sum();
  }

  int totalChanges() {
    return env.fleet().names().stream()
        .mapToInt(n -> env.fleet().node(n).mutatingCommandCount())
        .sum();
  }

  int totalSessions() {
    return env.fleet().servers().stream().mapToInt(s -> s.sessionCount()).sum();
  }

  int events() {
    return env.client()
        .v1()
        .events()
        .inNamespace(SandboxEnvironment.NAMESPACE)
        .list()
        .getItems()
        .size();
  }

  @Override
  public void close() {
    pool.shutdownNow();
    env.close();
  }
}
