package io.hastorage.e2e.chart;

import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import io.hastorage.operator.api.drbd.DrbdVolume;
import io.hastorage.operator.api.drbd.DrbdVolumeStatus;
import io.hastorage.operator.api.drbd.DrbdVolumeStatus.DrbdNodeState;
import io.hastorage.operator.metrics.DrbdMetrics;
import io.hastorage.operator.metrics.InitiatorMetrics;
import io.hastorage.operator.metrics.SshMetrics;
import io.hastorage.operator.metrics.StorageMetrics;
import io.hastorage.operator.metrics.TargetMetrics;
import io.hastorage.operator.node.NodeAccessException;
import io.javaoperatorsdk.operator.api.config.BaseConfigurationService;
import io.javaoperatorsdk.operator.api.config.ConfigurationService;
import io.javaoperatorsdk.operator.api.config.ControllerConfiguration;
import io.javaoperatorsdk.operator.api.monitoring.Metrics.ControllerExecution;
import io.javaoperatorsdk.operator.api.reconciler.Constants;
import io.javaoperatorsdk.operator.api.reconciler.Context;
import io.javaoperatorsdk.operator.api.reconciler.Reconciler;
import io.javaoperatorsdk.operator.api.reconciler.RetryInfo;
import io.javaoperatorsdk.operator.api.reconciler.UpdateControl;
import io.javaoperatorsdk.operator.monitoring.micrometer.MicrometerMetrics;
import io.javaoperatorsdk.operator.processing.Controller;
import io.javaoperatorsdk.operator.processing.GroupVersionKind;
import io.javaoperatorsdk.operator.processing.event.ResourceID;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.time.Duration;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What the operator's /metrics serves: its metric classes (and JOSDK's, as OperatorRunner registers
 * them) run against a Prometheus registry with sample data, and the scraped metric names. Alerts
 * and dashboards are checked against these names, with the metric names of their PromQL.
 */
final class OperatorMetrics {

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

  private static Set<String> exported;

  private OperatorMetrics() {}

  /** Every metric name the operator's registry scrapes with sample data (computed once). */
  static synchronized Set<String> exportedNames() {
    if (exported == null) {
      Set<String> names = new TreeSet<>();
      for (String line : scrape().split("\n")) {
        if (!line.isBlank() && !line.startsWith("#")) {
          names.add(line.split("[{ ]", 2)[0]);
        }
      }
      exported = Set.copyOf(names);
    }
    return exported;
  }

  /** Metric names in a PromQL expression: identifiers outside braces, ranges and label lists. */
  static Set<String> namesIn(String expr) {
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

  /** The Prometheus text exposition of the operator's metrics with sample data. */
  static String scrape() {
    PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    StorageMetrics storage = new StorageMetrics(registry);
    storage.nodeReachable("vg1-cluster", "centos01", true);
    storage.nodePrerequisitesMet("vg1-cluster", "centos01", true);
    storage.resourceReady("DrbdVolume", "storage", "vg1", true);
    storage.resourceDegraded("DrbdVolume", "storage", "vg1", true);
    storage.pendingSteps("DrbdVolume", "storage", "vg1", 0);
    storage.clusterQuorate("vg1-cluster", true);
    storage.clusterNodesOnline("vg1-cluster", 2);
    storage.clusterFencingConfigured("vg1-cluster", true);
    storage.clusterLinkConnected("vg1-cluster", "centos01", 0, true);
    storage.stepsFinished("centos01", 2, "Failed", "StepFailed");
    new DrbdMetrics(registry).record("storage", "vg1", "vg1", drbdStatus());
    TargetMetrics target = new TargetMetrics(registry);
    target.target("storage", "vg1-target", true, 2);
    target.failover("storage", "vg1-target", "centos01", "centos02");
    new InitiatorMetrics(registry).initiator("storage", "shared", "drbd01", 2, 2, true);
    SshMetrics ssh = new SshMetrics(registry);
    ssh.connected("centos01", Duration.ofMillis(40));
    ssh.connectFailed("centos02", NodeAccessException.Failure.NodeUnreachable);
    ssh.commandFinished("centos01", 0, null, Duration.ofMillis(5), 100);
    reconcilerMetrics(registry);
    return registry.scrape();
  }

  /**
   * JOSDK's metrics, as OperatorRunner registers them, for a reconcile that started, ran, and once
   * failed and once succeeded.
   */
  private static void reconcilerMetrics(PrometheusMeterRegistry registry) {
    MicrometerMetrics metrics =
        MicrometerMetrics.newPerResourceCollectingMicrometerMetricsBuilder(registry).build();
    String controller = registerController(metrics);
    DrbdVolume volume = new DrbdVolume();
    volume.setMetadata(new ObjectMetaBuilder().withName("vg1").withNamespace("storage").build());
    Map<String, Object> metadata =
        Map.of(
            Constants.CONTROLLER_NAME,
            controller,
            "josdk.resource.gvk",
            GroupVersionKind.gvkFor(DrbdVolume.class));
    metrics.reconcileCustomResource(volume, firstAttempt(), metadata);
    metrics.reconciliationExecutionStarted(volume, metadata);
    metrics.failedReconciliation(volume, new IllegalStateException("sample"), metadata);
    metrics.reconciliationExecutionFinished(volume, metadata);
    metrics.finishedReconciliation(volume, metadata);
    metrics.timeControllerExecution(reconcile(controller, volume, metadata));
  }

  /**
   * Registers a DrbdVolume controller, as Operator.register does (the Controller's constructor
   * announces it to the metrics, which creates the per-controller queue and execution gauges).
   * Nothing connects: the client is only built.
   */
  private static String registerController(MicrometerMetrics metrics) {
    ConfigurationService configuration =
        ConfigurationService.newOverriddenConfigurationService(
            new BaseConfigurationService(), o -> o.withMetrics(metrics));
    DrbdVolumeReconciler reconciler = new DrbdVolumeReconciler();
    ControllerConfiguration<DrbdVolume> controller = configuration.getConfigurationFor(reconciler);
    try (KubernetesClient client = new KubernetesClientBuilder().build()) {
      new Controller<>(reconciler, controller, client);
    }
    return controller.getName();
  }

  /** Stands in for the operator's DrbdVolume reconciler; JOSDK names its controller after it. */
  private static final class DrbdVolumeReconciler implements Reconciler<DrbdVolume> {
    @Override
    public UpdateControl<DrbdVolume> reconcile(DrbdVolume resource, Context<DrbdVolume> context) {
      return UpdateControl.noUpdate();
    }
  }

  private static RetryInfo firstAttempt() {
    return new RetryInfo() {
      @Override
      public int getAttemptCount() {
        return 1;
      }

      @Override
      public boolean isLastAttempt() {
        return false;
      }
    };
  }

  private static ControllerExecution<String> reconcile(
      String controller, DrbdVolume volume, Map<String, Object> metadata) {
    return new ControllerExecution<>() {
      @Override
      public String name() {
        return "reconcile";
      }

      @Override
      public String controllerName() {
        return controller;
      }

      @Override
      public String successTypeName(String result) {
        return "resource";
      }

      @Override
      public ResourceID resourceID() {
        return ResourceID.fromResource(volume);
      }

      @Override
      public Map<String, Object> metadata() {
        return metadata;
      }

      @Override
      public String execute() {
        return "done";
      }
    };
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
