package io.hastorage.operator;

import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import io.hastorage.operator.config.OperatorConfig;
import io.hastorage.operator.metrics.SshMetrics;
import io.hastorage.operator.node.ssh.SshSettings;
import io.hastorage.operator.node.ssh.SshjNodeShellFactory;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.time.Clock;
import java.util.concurrent.CountDownLatch;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Runs the operator in a cluster: in-cluster client, SSH transport, until the JVM is stopped. */
public final class OperatorMain {

  private static final Logger LOG = LoggerFactory.getLogger(OperatorMain.class);

  private OperatorMain() {}

  public static void run(OperatorConfig config) throws Exception {
    PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    KubernetesClient client = new KubernetesClientBuilder().build();
    SshjNodeShellFactory shells = sshShells(config, registry);
    OperatorRunner runner =
        OperatorRunner.start(
            new OperatorRunner.Dependencies(client, config, shells, registry, Clock.systemUTC()));
    LOG.info(
        "ha-iscsi-operator started; /metrics, /healthz and /readyz on port {}", runner.httpPort());
    CountDownLatch stopped = new CountDownLatch(1);
    Runtime.getRuntime()
        .addShutdownHook(
            new Thread(
                () -> {
                  runner.close();
                  shells.close();
                  client.close();
                  stopped.countDown();
                },
                "shutdown"));
    stopped.await();
  }

  /** The pooled SSH transport configured from the operator's settings. */
  public static SshjNodeShellFactory sshShells(
      OperatorConfig config, PrometheusMeterRegistry registry) {
    SshSettings settings =
        new SshSettings(
            config.get(OperatorConfig.SSH_CONNECT_TIMEOUT),
            config.get(OperatorConfig.SSH_KEEPALIVE),
            config.get(OperatorConfig.SSH_MAX_CHANNELS),
            config.get(OperatorConfig.SSH_BACKOFF_INITIAL),
            config.get(OperatorConfig.SSH_BACKOFF_MAX));
    return new SshjNodeShellFactory(settings, new SshMetrics(registry));
  }
}
