package io.hastorage.e2e.lab;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.SecretBuilder;
import io.hastorage.e2e.bench.InterceptedShells;
import io.hastorage.e2e.sandbox.EmbeddedApiServer;
import io.hastorage.operator.OperatorRunner;
import io.hastorage.operator.config.OperatorConfig;
import io.hastorage.operator.node.Command;
import io.hastorage.operator.node.ExecResult;
import io.hastorage.operator.node.NodeCredentials;
import io.hastorage.operator.node.NodeEndpoint;
import io.hastorage.operator.node.NodeShellListener;
import io.hastorage.operator.node.SensitiveBytes;
import io.hastorage.operator.node.ssh.SshSettings;
import io.hastorage.operator.node.ssh.SshjNodeShellFactory;
import io.hastorage.operator.reconciler.KubernetesSecretReader;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * The operator's side of a node-lab test: an embedded API server with the CRDs and every node's SSH
 * Secret (private key and the node's own host key, pinned), the operator's engine over real sshj,
 * and a second, separate SSH factory the test uses to look at and poke the nodes.
 */
final class LabOperator implements AutoCloseable {

  static final String NAMESPACE = "lab";

  private final LabMachines lab;
  private final EmbeddedApiServer api;
  private final SshjNodeShellFactory operatorShells;
  private final List<IssuedCommand> issued = new CopyOnWriteArrayList<>();

  /** A command the operator sent to a node (outside the node lock's held command). */
  record IssuedCommand(String node, List<String> argv) {}

  private final SshjNodeShellFactory testShells;
  private final ExecutorService pool = Executors.newFixedThreadPool(4);
  private final OperatorRunner.Dependencies deps;
  private final OperatorRunner.Engine engine;

  /**
   * @param connectTimeout the operator's (and the test's) SSH connect timeout
   * @param listener counts the operator's SSH work (NodeShellListener.NONE when not needed)
   */
  LabOperator(LabMachines lab, Path repo, Duration connectTimeout, NodeShellListener listener)
      throws IOException {
    this.lab = lab;
    api = EmbeddedApiServer.start();
    api.installCrds(repo.resolve("crds"));
    for (String node : lab.nodes()) {
      putSecret(
          "ssh-" + node,
          Map.of("ssh-privatekey", lab.privateKey(), "known_hosts", lab.knownHostsLine(node)));
    }
    SshSettings settings =
        new SshSettings(
            connectTimeout,
            Duration.ofSeconds(15),
            8,
            Duration.ofMillis(100),
            Duration.ofMillis(200));
    operatorShells = new SshjNodeShellFactory(settings, listener);
    testShells = new SshjNodeShellFactory(settings, NodeShellListener.NONE);
    OperatorConfig config =
        OperatorConfig.defaults()
            .with(
                Map.of(
                    "HASTORAGE_SSH_CONNECT_TIMEOUT",
                    connectTimeout.toSeconds() + "s",
                    "HASTORAGE_SSH_BACKOFF_INITIAL",
                    "100ms",
                    "HASTORAGE_SSH_BACKOFF_MAX",
                    "200ms"));
    deps =
        new OperatorRunner.Dependencies(
            api.client(),
            config,
            InterceptedShells.wrapFactory(
                operatorShells,
                (shell, command) -> {
                  issued.add(new IssuedCommand(shell.nodeName(), command.argv()));
                  return shell.exec(command);
                }),
            new PrometheusMeterRegistry(PrometheusConfig.DEFAULT),
            Clock.systemUTC());
    engine = OperatorRunner.Engine.create(deps, pool, new KubernetesSecretReader(api.client()));
  }

  /** Every command the operator has sent so far, in order. */
  List<IssuedCommand> issued() {
    return List.copyOf(issued);
  }

  OperatorRunner.Dependencies deps() {
    return deps;
  }

  OperatorRunner.Engine engine() {
    return engine;
  }

  io.fabric8.kubernetes.client.KubernetesClient client() {
    return api.client();
  }

  /** A Secret in the lab namespace, as an admin would create it. */
  void putSecret(String name, Map<String, String> data) {
    Map<String, String> encoded = new HashMap<>();
    data.forEach(
        (key, value) ->
            encoded.put(
                key, Base64.getEncoder().encodeToString(value.getBytes(StandardCharsets.UTF_8))));
    api.client()
        .secrets()
        .inNamespace(NAMESPACE)
        .resource(
            new SecretBuilder()
                .withNewMetadata()
                .withName(name)
                .withNamespace(NAMESPACE)
                .endMetadata()
                .withData(encoded)
                .build())
        .create();
  }

  /** Creates the resource in the lab namespace at generation 1. */
  <T extends HasMetadata> T create(T resource) {
    resource.getMetadata().setNamespace(NAMESPACE);
    resource.getMetadata().setGeneration(1L);
    return api.client().resource(resource).create();
  }

  /** A command on a lab node over the test's own SSH connection, with the given stdin. */
  ExecResult exec(String node, String stdin, String... argv) {
    try {
      return testShells
          .shellFor(
              new NodeEndpoint(node, lab.address(node), 22, "root", false),
              new NodeCredentials(
                  SensitiveBytes.secret(lab.privateKey()), lab.knownHostsLine(node)))
          .exec(Command.of(argv).withStdin(SensitiveBytes.plain(stdin)));
    } catch (Exception e) {
      throw new IllegalStateException(node + ": " + e.getMessage(), e);
    }
  }

  /** The Events with this reason in the lab namespace. */
  List<io.fabric8.kubernetes.api.model.Event> events(String reason) {
    return api.client().v1().events().inNamespace(NAMESPACE).list().getItems().stream()
        .filter(e -> reason.equals(e.getReason()))
        .toList();
  }

  /** The node {@code crm_resource --locate} names for the resource as {@code observer} sees it. */
  String runsOn(String observer, String resource) {
    java.util.regex.Matcher m =
        java.util.regex.Pattern.compile("running on: (\\S+)")
            .matcher(
                exec(observer, "", "crm_resource", "--locate", "--resource", resource).stdout());
    return m.find() ? m.group(1) : "";
  }

  /** Like {@link #exec}, with no stdin; its stdout, or an exception when it failed. */
  String run(String node, String... argv) {
    ExecResult result = exec(node, "", argv);
    if (!result.ok()) {
      throw new IllegalStateException(
          node + ": " + String.join(" ", argv) + " failed: " + result.summary());
    }
    return result.stdout();
  }

  @Override
  public void close() {
    pool.shutdownNow();
    operatorShells.close();
    testShells.close();
    api.close();
  }
}
