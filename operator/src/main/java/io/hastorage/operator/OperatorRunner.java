package io.hastorage.operator;

import io.fabric8.kubernetes.client.KubernetesClient;
import io.hastorage.operator.api.cluster.StorageCluster;
import io.hastorage.operator.api.drbd.DrbdVolume;
import io.hastorage.operator.api.scst.ScstTarget;
import io.hastorage.operator.apply.Convergence;
import io.hastorage.operator.apply.NodeLockOwner;
import io.hastorage.operator.apply.NodeLocks;
import io.hastorage.operator.apply.PlanExecutor;
import io.hastorage.operator.config.OperatorConfig;
import io.hastorage.operator.metrics.DrbdMetrics;
import io.hastorage.operator.metrics.HttpEndpoints;
import io.hastorage.operator.metrics.InitiatorMetrics;
import io.hastorage.operator.metrics.StorageMetrics;
import io.hastorage.operator.metrics.TargetMetrics;
import io.hastorage.operator.node.NodeShellFactory;
import io.hastorage.operator.observe.NodeObserver;
import io.hastorage.operator.reconciler.AuthkeyStore;
import io.hastorage.operator.reconciler.ClusterLookup;
import io.hastorage.operator.reconciler.ClusterSecrets;
import io.hastorage.operator.reconciler.DrbdVolumeReconciler;
import io.hastorage.operator.reconciler.DrbdVolumeReporter;
import io.hastorage.operator.reconciler.EventRecorder;
import io.hastorage.operator.reconciler.InitiatorDirectory;
import io.hastorage.operator.reconciler.KubernetesSecretReader;
import io.hastorage.operator.reconciler.NodeAccess;
import io.hastorage.operator.reconciler.Ocfs2MountReconciler;
import io.hastorage.operator.reconciler.ReconcileReporter;
import io.hastorage.operator.reconciler.ResourceLookup;
import io.hastorage.operator.reconciler.ResourceReporter;
import io.hastorage.operator.reconciler.ScstTargetReconciler;
import io.hastorage.operator.reconciler.SecretReader;
import io.hastorage.operator.reconciler.StorageClusterReconciler;
import io.hastorage.operator.reconciler.TargetSharing;
import io.hastorage.operator.status.DrbdVolumeStatusAggregator;
import io.hastorage.operator.status.Ocfs2MountStatusAggregator;
import io.hastorage.operator.status.ScstTargetStatusAggregator;
import io.hastorage.operator.status.StorageClusterStatusAggregator;
import io.javaoperatorsdk.operator.Operator;
import io.javaoperatorsdk.operator.api.config.LeaderElectionConfigurationBuilder;
import io.javaoperatorsdk.operator.monitoring.micrometer.MicrometerMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmMemoryMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmThreadMetrics;
import io.micrometer.core.instrument.binder.system.ProcessorMetrics;
import io.micrometer.core.instrument.binder.system.UptimeMetrics;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.io.IOException;
import java.time.Clock;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * Wires the operator together: reconcilers, JOSDK, metrics, HTTP endpoints. The real main and the
 * sandbox both start the operator through here, so the sandbox runs exactly the shipped wiring.
 */
public final class OperatorRunner implements AutoCloseable {

  private final Operator operator;
  private final HttpEndpoints http;
  private final ExecutorService nodePool;

  private OperatorRunner(Operator operator, HttpEndpoints http, ExecutorService nodePool) {
    this.operator = operator;
    this.http = http;
    this.nodePool = nodePool;
  }

  /** Everything the operator needs from outside. */
  public record Dependencies(
      KubernetesClient client,
      OperatorConfig config,
      NodeShellFactory shells,
      PrometheusMeterRegistry registry,
      Clock clock) {}

  public static OperatorRunner start(Dependencies deps) throws IOException {
    OperatorConfig config = deps.config();
    bindJvmMetrics(deps.registry());
    ExecutorService nodePool =
        Executors.newFixedThreadPool(config.get(OperatorConfig.NODE_PARALLELISM), daemon());
    Engine engine = Engine.create(deps, nodePool, new KubernetesSecretReader(deps.client()));
    Operator operator =
        new Operator(
            o -> {
              o.withKubernetesClient(deps.client())
                  .withUseSSAToPatchPrimaryResource(false)
                  .withCloseClientOnStop(false)
                  .withMetrics(
                      MicrometerMetrics.newPerResourceCollectingMicrometerMetricsBuilder(
                              deps.registry())
                          .build());
              if (config.get(OperatorConfig.LEADER_ELECTION)) {
                o.withLeaderElectionConfiguration(leaderElection(config));
              }
            });
    Set<String> namespaces = config.get(OperatorConfig.WATCH_NAMESPACES);
    for (var reconciler :
        List.of(
            storageClusterReconciler(engine, deps),
            drbdVolumeReconciler(engine, deps),
            scstTargetReconciler(engine, deps),
            ocfs2MountReconciler(engine, deps))) {
      operator.register(
          reconciler,
          o -> {
            if (!namespaces.isEmpty()) {
              o.settingNamespaces(namespaces);
            }
          });
    }
    HttpEndpoints http =
        HttpEndpoints.start(
            config.get(OperatorConfig.HTTP_PORT),
            deps.registry()::scrape,
            () -> true,
            () ->
                operator.getRuntimeInfo().isStarted()
                    && operator.getRuntimeInfo().allEventSourcesAreHealthy());
    operator.start();
    return new OperatorRunner(operator, http, nodePool);
  }

  /**
   * What every reconciler shares: one node access (one pooled SSH connection per node), one
   * convergence engine (so one lock per node across all kinds), one event recorder and metrics.
   */
  public record Engine(
      NodeAccess access,
      SecretReader secrets,
      Convergence convergence,
      EventRecorder events,
      StorageMetrics metrics) {

    public static Engine create(Dependencies deps, ExecutorService nodePool, SecretReader secrets) {
      OperatorConfig config = deps.config();
      Convergence convergence =
          new Convergence(
              new NodeObserver(config.get(OperatorConfig.PROBE_TIMEOUT)),
              new PlanExecutor(
                  new NodeLocks(config.get(OperatorConfig.NODE_LOCK_WAIT)),
                  NodeLockOwner.forThisInstance(System.getenv("HOSTNAME"))),
              nodePool);
      return new Engine(
          new NodeAccess(secrets, deps.shells()),
          secrets,
          convergence,
          new EventRecorder(deps.client(), deps.clock()),
          new StorageMetrics(deps.registry()));
    }
  }

  /**
   * The StorageCluster reconciler with all its collaborators; public for tests that drive it
   * directly.
   */
  public static StorageClusterReconciler storageClusterReconciler(
      Dependencies deps, ExecutorService nodePool, SecretReader secrets) {
    return storageClusterReconciler(Engine.create(deps, nodePool, secrets), deps);
  }

  public static StorageClusterReconciler storageClusterReconciler(
      Engine engine, Dependencies deps) {
    return new StorageClusterReconciler(
        engine.access(),
        new ClusterSecrets(
            new AuthkeyStore(deps.client(), new java.security.SecureRandom()), engine.secrets()),
        engine.convergence(),
        new StorageClusterStatusAggregator(deps.clock()),
        new ReconcileReporter(engine.events(), engine.metrics(), deps.config()));
  }

  public static DrbdVolumeReconciler drbdVolumeReconciler(Engine engine, Dependencies deps) {
    return new DrbdVolumeReconciler(
        engine.access(),
        ClusterLookup.of(deps.client()),
        engine.secrets(),
        engine.convergence(),
        new DrbdVolumeStatusAggregator(deps.clock()),
        new DrbdVolumeReporter(
            new ResourceReporter(engine.events(), engine.metrics(), deps.config()),
            new DrbdMetrics(deps.registry())));
  }

  public static Ocfs2MountReconciler ocfs2MountReconciler(Engine engine, Dependencies deps) {
    return new Ocfs2MountReconciler(
        engine.access(),
        ResourceLookup.of(deps.client(), StorageCluster.class),
        ResourceLookup.of(deps.client(), ScstTarget.class),
        ResourceLookup.of(deps.client(), DrbdVolume.class),
        TargetSharing.of(deps.client()),
        engine.secrets(),
        engine.convergence(),
        new Ocfs2MountStatusAggregator(deps.clock()),
        new ResourceReporter(engine.events(), engine.metrics(), deps.config()),
        new InitiatorMetrics(deps.registry()));
  }

  public static ScstTargetReconciler scstTargetReconciler(Engine engine, Dependencies deps) {
    return new ScstTargetReconciler(
        engine.access(),
        ResourceLookup.of(deps.client(), StorageCluster.class),
        ResourceLookup.of(deps.client(), DrbdVolume.class),
        InitiatorDirectory.of(deps.client()),
        engine.secrets(),
        engine.convergence(),
        new ScstTargetStatusAggregator(deps.clock()),
        new ResourceReporter(engine.events(), engine.metrics(), deps.config()),
        new TargetMetrics(deps.registry()));
  }

  public int httpPort() {
    return http.port();
  }

  public boolean isReady() {
    return operator.getRuntimeInfo().isStarted();
  }

  @Override
  public void close() {
    operator.stop();
    http.close();
    nodePool.shutdownNow();
  }

  private static void bindJvmMetrics(PrometheusMeterRegistry registry) {
    new JvmMemoryMetrics().bindTo(registry);
    new JvmThreadMetrics().bindTo(registry);
    new ProcessorMetrics().bindTo(registry);
    new UptimeMetrics().bindTo(registry);
  }

  static io.javaoperatorsdk.operator.api.config.LeaderElectionConfiguration leaderElection(
      OperatorConfig config) {
    String namespace = config.get(OperatorConfig.LEASE_NAMESPACE);
    LeaderElectionConfigurationBuilder builder =
        LeaderElectionConfigurationBuilder.aLeaderElectionConfiguration(
            config.get(OperatorConfig.LEASE_NAME));
    if (!namespace.isEmpty()) {
      builder.withLeaseNamespace(namespace);
    }
    return builder.build();
  }

  private static java.util.concurrent.ThreadFactory daemon() {
    return runnable -> {
      Thread thread = new Thread(runnable, "node-worker");
      thread.setDaemon(true);
      return thread;
    };
  }
}
