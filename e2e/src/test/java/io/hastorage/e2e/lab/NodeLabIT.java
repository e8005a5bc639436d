package io.hastorage.e2e.lab;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.fabric8.kubernetes.api.model.Condition;
import io.fabric8.kubernetes.api.model.SecretBuilder;
import io.hastorage.e2e.sandbox.EmbeddedApiServer;
import io.hastorage.operator.OperatorRunner;
import io.hastorage.operator.api.Manifests;
import io.hastorage.operator.api.cluster.StorageCluster;
import io.hastorage.operator.config.OperatorConfig;
import io.hastorage.operator.node.Command;
import io.hastorage.operator.node.NodeCredentials;
import io.hastorage.operator.node.NodeEndpoint;
import io.hastorage.operator.node.NodeShell;
import io.hastorage.operator.node.NodeShellListener;
import io.hastorage.operator.node.SensitiveBytes;
import io.hastorage.operator.node.ssh.SshSettings;
import io.hastorage.operator.node.ssh.SshjNodeShellFactory;
import io.hastorage.operator.reconciler.KubernetesSecretReader;
import io.hastorage.operator.reconciler.StorageClusterReconciler;
import io.javaoperatorsdk.operator.api.reconciler.UpdateControl;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.Base64;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * The operator against the node lab: real sshd nodes with pinned host keys, a real Corosync and
 * Pacemaker cluster formed by the operator from scratch. Needs root; under CI it must run.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class NodeLabIT {

  private static final String NAMESPACE = "lab";
  private static final Path REPO =
      Path.of(System.getProperty("hastorage.repoRoot", "..")).toAbsolutePath().normalize();

  private NodeLab lab;
  private EmbeddedApiServer api;
  private SshjNodeShellFactory operatorShells;
  private SshjNodeShellFactory testShells;
  private final CountingListener counts = new CountingListener();
  private final ExecutorService pool = Executors.newFixedThreadPool(4);
  private StorageClusterReconciler reconciler;
  private StorageCluster cluster;

  @BeforeAll
  void startLab() throws Exception {
    Optional<String> unavailable = NodeLab.unavailableReason(REPO);
    if (unavailable.isPresent() && "true".equals(System.getenv("CI"))) {
      fail("the node lab must run under CI but cannot: " + unavailable.get());
    }
    assumeTrue(unavailable.isEmpty(), () -> "node lab skipped: " + unavailable.orElse(""));
    lab = NodeLab.up(REPO);
    api = EmbeddedApiServer.start();
    api.installCrds(REPO.resolve("crds"));
    for (String node : NodeLab.NODES) {
      putSecret(node, lab.knownHostsLine(node));
    }
    OperatorConfig config =
        OperatorConfig.defaults()
            .with(
                Map.of(
                    "HASTORAGE_SSH_CONNECT_TIMEOUT",
                    "3s",
                    "HASTORAGE_SSH_BACKOFF_INITIAL",
                    "100ms",
                    "HASTORAGE_SSH_BACKOFF_MAX",
                    "200ms"));
    SshSettings settings =
        new SshSettings(
            Duration.ofSeconds(3),
            Duration.ofSeconds(15),
            8,
            Duration.ofMillis(100),
            Duration.ofMillis(200));
    operatorShells = new SshjNodeShellFactory(settings, counts);
    testShells = new SshjNodeShellFactory(settings, NodeShellListener.NONE);
    reconciler =
        OperatorRunner.storageClusterReconciler(
            new OperatorRunner.Dependencies(
                api.client(),
                config,
                operatorShells,
                new PrometheusMeterRegistry(PrometheusConfig.DEFAULT),
                Clock.systemUTC()),
            pool,
            new KubernetesSecretReader(api.client()));
    cluster =
        Manifests.ofKind(
                Manifests.parse(
                    Files.readString(Path.of("src/test/resources/lab/storagecluster.yaml"))),
                StorageCluster.class)
            .get(0);
    cluster.getMetadata().setNamespace(NAMESPACE);
    cluster = api.client().resource(cluster).create();
  }

  @AfterAll
  void stopLab() throws Exception {
    pool.shutdownNow();
    if (operatorShells != null) {
      operatorShells.close();
      testShells.close();
    }
    if (api != null) {
      api.close();
    }
    if (lab != null) {
      lab.close();
    }
  }

  @Test
  @Order(1)
  void formsARealTwoNodeClusterFromScratch() throws Exception {
    await()
        .atMost(Duration.ofSeconds(180))
        .pollInterval(Duration.ofSeconds(2))
        .until(
            () -> {
              reconcile();
              return "True".equals(condition("Ready").getStatus());
            });

    String crmMon = run("t1", "crm_mon", "--one-shot", "--output-as=xml");
    assertThat(crmMon).contains("with_quorum=\"true\"");
    assertThat(crmMon).containsPattern("node name=\"t1\" id=\"1\" online=\"true\"");
    assertThat(crmMon).containsPattern("node name=\"t2\" id=\"2\" online=\"true\"");
    assertThat(cluster.getStatus().cluster.quorate).isTrue();
    assertThat(cluster.getStatus().cluster.nodesOnline).containsExactlyInAnyOrder("t1", "t2");
    assertThat(condition("Warning").getReason()).isEqualTo("UnfencedLab");
    Path packaged = Path.of("/etc/corosync/corosync.conf");
    if (Files.exists(packaged)
        && !Files.readString(packaged).contains("Managed by ha-iscsi-operator")) {
      assertThat(run("t1", "cat", "/etc/corosync/corosync.conf.before-ha-iscsi-operator"))
          .as("the corosync.conf the node had before is kept")
          .isEqualTo(Files.readString(packaged));
    }
    assertThat(
            run(
                "t1",
                "crm_attribute",
                "--type",
                "crm_config",
                "--name",
                "stonith-enabled",
                "--query"))
        .contains("value=false");
  }

  @Test
  @Order(2)
  void handMadeCibElementsSurviveEveryReconcile() throws Exception {
    String dummy =
        "<primitive id=\"my-dummy\" class=\"ocf\" provider=\"heartbeat\" type=\"Dummy\"/>";
    String fencePeer =
        "<rsc_location id=\"drbd-fence-by-handler-vg1-my-dummy\" rsc=\"my-dummy\" role=\"Started\">"
            + "<rule id=\"drbd-fence-by-handler-vg1-rule\" score=\"-INFINITY\">"
            + "<expression attribute=\"#uname\" operation=\"ne\" value=\"t1\" id=\"drbd-fence-by-handler-vg1-expr\"/></rule></rsc_location>";
    runWithStdin("t1", dummy, "cibadmin", "--create", "--scope", "resources", "--xml-pipe");
    runWithStdin("t1", fencePeer, "cibadmin", "--create", "--scope", "constraints", "--xml-pipe");

    for (int i = 0; i < 3; i++) {
      reconcile();
    }

    String cib = run("t1", "cibadmin", "--query");
    assertThat(cib)
        .contains(
            "id=\"my-dummy\"",
            "id=\"drbd-fence-by-handler-vg1-my-dummy\"",
            "id=\"drbd-fence-by-handler-vg1-expr\"");
  }

  @Test
  @Order(3)
  void aSecondReconcileChangesNothingAndKeepsTheClusterUp() throws Exception {
    reconcile();
    String pids = pids();
    Map<String, Integer> before = commandCounts();
    int handshakes = NodeLab.NODES.stream().mapToInt(counts::handshakes).sum();

    UpdateControl<StorageCluster> control = reconcile();

    NodeLab.NODES.forEach(
        node ->
            assertThat(counts.commands(node))
                .as("execs on %s", node)
                .isEqualTo(before.get(node) + 1));
    assertThat(NodeLab.NODES.stream().mapToInt(counts::handshakes).sum()).isEqualTo(handshakes);
    assertThat(control.isNoUpdate()).as("no status write").isTrue();
    assertThat(pids()).as("corosync and pacemakerd were not restarted").isEqualTo(pids);
  }

  @Test
  @Order(4)
  void aTokenChangeReachesTheRunningClusterWithoutARestart() throws Exception {
    String pids = pids();
    cluster.getSpec().corosync.tokenMs = 5000;
    cluster.getSpec().corosync.consensusMs = 6000;
    cluster.getMetadata().setGeneration(2L);

    await()
        .atMost(Duration.ofSeconds(60))
        .pollInterval(Duration.ofSeconds(1))
        .until(
            () -> {
              reconcile();
              return "True".equals(condition("Converged").getStatus());
            });

    for (String node : new String[] {"t1", "t2"}) {
      assertThat(run(node, "corosync-cmapctl", "-g", "runtime.config.totem.token"))
          .contains("= 5000");
    }
    assertThat(pids()).as("corosync and pacemakerd were not restarted").isEqualTo(pids);
  }

  @Test
  @Order(5)
  void aCrashedTargetShowsInStatus() throws Exception {
    lab.crash("t2");
    await()
        .atMost(Duration.ofSeconds(60))
        .pollInterval(Duration.ofSeconds(1))
        .until(
            () ->
                run("t1", "crm_mon", "--one-shot", "--output-as=xml")
                    .contains("name=\"t2\" id=\"2\" online=\"false\""));

    reconcile();

    assertThat(
            cluster.getStatus().nodes.stream()
                .filter(n -> n.name.equals("t2"))
                .findFirst()
                .orElseThrow()
                .reachable)
        .isFalse();
    assertThat(cluster.getStatus().cluster.nodesOnline).containsExactly("t1");
    assertThat(condition("ClusterFormed").getReason()).isEqualTo("TargetOffline");
    assertThat(condition("Ready").getStatus()).isEqualTo("False");
  }

  private UpdateControl<StorageCluster> reconcile() throws Exception {
    UpdateControl<StorageCluster> control = reconciler.reconcile(cluster, null);
    if (control.isPatchStatus()) {
      cluster.setStatus(control.getResource().orElseThrow().getStatus());
    }
    return control;
  }

  private Condition condition(String type) {
    return cluster.getStatus() == null
        ? new Condition()
        : cluster.getStatus().condition(type).orElseGet(Condition::new);
  }

  private Map<String, Integer> commandCounts() {
    Map<String, Integer> map = new java.util.HashMap<>();
    NodeLab.NODES.forEach(n -> map.put(n, counts.commands(n)));
    return map;
  }

  private String pids() {
    return run("t1", "pidof", "corosync", "pacemakerd")
        + "|"
        + run("t2", "pidof", "corosync", "pacemakerd");
  }

  private String run(String node, String... argv) {
    return runWithStdin(node, "", argv);
  }

  private String runWithStdin(String node, String stdin, String... argv) {
    try {
      NodeShell shell =
          testShells.shellFor(
              new NodeEndpoint(node, NodeLab.ADDRESSES.get(node), 22, "root", false),
              new NodeCredentials(
                  SensitiveBytes.secret(lab.privateKey()), lab.knownHostsLine(node)));
      return shell.exec(Command.of(argv).withStdin(SensitiveBytes.plain(stdin))).stdout();
    } catch (Exception e) {
      throw new IllegalStateException(node + ": " + e.getMessage(), e);
    }
  }

  private void putSecret(String node, String knownHosts) throws Exception {
    api.client()
        .secrets()
        .inNamespace(NAMESPACE)
        .resource(
            new SecretBuilder()
                .withNewMetadata()
                .withName("ssh-" + node)
                .withNamespace(NAMESPACE)
                .endMetadata()
                .withData(
                    Map.of(
                        "ssh-privatekey",
                            Base64.getEncoder()
                                .encodeToString(lab.privateKey().getBytes(StandardCharsets.UTF_8)),
                        "known_hosts",
                            Base64.getEncoder()
                                .encodeToString(knownHosts.getBytes(StandardCharsets.UTF_8))))
                .build())
        .create();
  }
}
