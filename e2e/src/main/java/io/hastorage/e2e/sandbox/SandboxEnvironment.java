package io.hastorage.e2e.sandbox;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.SecretBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.hastorage.e2e.sim.SimulatedFleet;
import io.hastorage.e2e.sim.SimulatedNodeServer;
import io.hastorage.e2e.sim.SshKeys;
import io.hastorage.operator.OperatorMain;
import io.hastorage.operator.OperatorRunner;
import io.hastorage.operator.api.Manifests;
import io.hastorage.operator.api.cluster.ClusterNode;
import io.hastorage.operator.api.cluster.StorageCluster;
import io.hastorage.operator.api.drbd.DrbdVolume;
import io.hastorage.operator.config.OperatorConfig;
import io.hastorage.operator.node.ssh.SshjNodeShellFactory;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.time.Clock;
import java.util.Base64;
import java.util.List;
import java.util.Map;

/**
 * Everything the sandbox and the end-to-end tests run against: an embedded API server with the
 * committed CRDs, the simulated fleet reached over real SSH, one SSH Secret per node (the
 * operator's private key and the node's pinned host key) and the operator's SSH transport.
 */
public final class SandboxEnvironment implements AutoCloseable {

  public static final String NAMESPACE = "storage";

  private final Path repoRoot;
  private final EmbeddedApiServer api;
  private final SimulatedFleet fleet;
  private final KeyPair operatorKey;
  private final PrometheusMeterRegistry registry =
      new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
  private final OperatorConfig config;
  private final SshjNodeShellFactory shells;
  private final Map<String, String> fencePasswords = new java.util.concurrent.ConcurrentHashMap<>();

  private SandboxEnvironment(
      Path repoRoot,
      EmbeddedApiServer api,
      SimulatedFleet fleet,
      KeyPair key,
      OperatorConfig config) {
    this.repoRoot = repoRoot;
    this.api = api;
    this.fleet = fleet;
    this.operatorKey = key;
    this.config = config;
    this.shells = OperatorMain.sshShells(config, registry);
  }

  /** Starts the API server and the fleet and writes every node's Secret. */
  public static SandboxEnvironment start(Path repoRoot, OperatorConfig config) throws IOException {
    EmbeddedApiServer api = EmbeddedApiServer.start();
    api.installCrds(repoRoot.resolve("crds"));
    KeyPair key = SshKeys.generate();
    SimulatedFleet fleet = new SimulatedFleet(List.of(key.getPublic()));
    fleet.start();
    SandboxEnvironment environment = new SandboxEnvironment(repoRoot, api, fleet, key, config);
    environment.putFenceSecrets();
    environment.putDrbdSecret();
    for (String node : fleet.names()) {
      environment.putSshSecret(
          node,
          SshKeys.openSshPrivateKey(key, "ha-iscsi-operator"),
          fleet.server(node).knownHostsLine());
    }
    return environment;
  }

  /** The example's IPMI passwords (Secrets ipmi-centos01/02, key password), random per run. */
  public void putFenceSecrets() {
    for (String target : SimulatedFleet.TARGETS) {
      putSecret("ipmi-" + target, "password", fencePassword(target));
    }
  }

  /**
   * The example DrbdVolume's shared secret (Secret drbd-vg1, key shared-secret), random per run.
   */
  public void putDrbdSecret() {
    putSecret("drbd-vg1", "shared-secret", drbdSecret());
  }

  /** Creates or replaces a one-key Secret, as an admin would with kubectl. */
  private void putSecret(String name, String key, String value) {
    Secret secret =
        new SecretBuilder()
            .withNewMetadata()
            .withName(name)
            .withNamespace(NAMESPACE)
            .endMetadata()
            .withData(Map.of(key, base64(value)))
            .build();
    client()
        .secrets()
        .inNamespace(NAMESPACE)
        .resource(secret)
        .createOr(existing -> existing.update());
  }

  /** The DRBD shared secret of this sandbox run (tests look for it where it must not be). */
  public String drbdSecret() {
    return fencePasswords.computeIfAbsent(
        "drbd-vg1", t -> "drbd-" + java.util.UUID.randomUUID().toString().substring(0, 18));
  }

  /** The IPMI password of a target in this sandbox run (tests look for it where it must not be). */
  public String fencePassword(String target) {
    return fencePasswords.computeIfAbsent(target, t -> "ipmi-" + java.util.UUID.randomUUID());
  }

  /** Creates or replaces the node's Secret ssh-NODE, as an admin would with kubectl. */
  public void putSshSecret(String node, String privateKey, String knownHostsLine) {
    Secret secret =
        new SecretBuilder()
            .withNewMetadata()
            .withName("ssh-" + node)
            .withNamespace(NAMESPACE)
            .endMetadata()
            .withData(
                Map.of("ssh-privatekey", base64(privateKey), "known_hosts", base64(knownHostsLine)))
            .build();
    client()
        .secrets()
        .inNamespace(NAMESPACE)
        .resource(secret)
        .createOr(existing -> existing.update());
  }

  /**
   * The example manifest with each node's SSH address pointed at its simulated server. Everything
   * else in the file is kept as written.
   */
  public List<HasMetadata> exampleResources() throws IOException {
    List<HasMetadata> resources =
        Manifests.parse(Files.readString(repoRoot.resolve("deploy/examples/storagecluster.yaml")));
    for (StorageCluster cluster : Manifests.ofKind(resources, StorageCluster.class)) {
      for (ClusterNode node : cluster.getSpec().nodes) {
        SimulatedNodeServer server = fleet.server(node.name);
        node.address = SimulatedNodeServer.HOST;
        node.port = server.port();
      }
    }
    resources.forEach(r -> r.getMetadata().setNamespace(NAMESPACE));
    return resources;
  }

  public void apply(List<HasMetadata> resources) {
    for (HasMetadata resource : resources) {
      client().resource(resource).inNamespace(NAMESPACE).createOr(existing -> existing.update());
    }
  }

  public OperatorRunner startOperator() throws IOException {
    return OperatorRunner.start(dependencies());
  }

  public OperatorRunner.Dependencies dependencies() {
    return new OperatorRunner.Dependencies(client(), config, shells, registry, Clock.systemUTC());
  }

  public DrbdVolume drbdVolume(String name) {
    return client().resources(DrbdVolume.class).inNamespace(NAMESPACE).withName(name).get();
  }

  public StorageCluster storageCluster(String name) {
    return client().resources(StorageCluster.class).inNamespace(NAMESPACE).withName(name).get();
  }

  public KubernetesClient client() {
    return api.client();
  }

  public SimulatedFleet fleet() {
    return fleet;
  }

  public KeyPair operatorKey() {
    return operatorKey;
  }

  public PrometheusMeterRegistry registry() {
    return registry;
  }

  public String apiUrl() {
    return api.url();
  }

  @Override
  public void close() {
    shells.close();
    fleet.close();
    api.close();
  }

  private static String base64(String text) {
    return Base64.getEncoder().encodeToString(text.getBytes(StandardCharsets.UTF_8));
  }
}
