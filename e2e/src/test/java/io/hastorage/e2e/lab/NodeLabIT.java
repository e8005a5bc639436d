package io.hastorage.e2e.lab;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.fabric8.kubernetes.api.model.Condition;
import io.hastorage.operator.OperatorRunner;
import io.hastorage.operator.api.Manifests;
import io.hastorage.operator.api.cluster.StorageCluster;
import io.hastorage.operator.reconciler.StorageClusterReconciler;
import io.hastorage.operator.testing.RealPrerequisites;
import io.javaoperatorsdk.operator.api.reconciler.UpdateControl;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
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

  private static final Path REPO =
      Path.of(System.getProperty("hastorage.repoRoot", "..")).toAbsolutePath().normalize();

  private NodeLab lab;
  private LabOperator operator;
  private final CountingListener counts = new CountingListener();
  private StorageClusterReconciler reconciler;
  private StorageCluster cluster;

  @BeforeAll
  void startLab() throws Exception {
    Optional<String> unavailable = NodeLab.unavailableReason(REPO);
    RealPrerequisites.require("the node lab (NodeLabIT)", unavailable);
    lab = NodeLab.up(REPO);
    operator = new LabOperator(lab, REPO, Duration.ofSeconds(3), counts);
    reconciler = OperatorRunner.storageClusterReconciler(operator.engine(), operator.deps());
    cluster =
        Manifests.ofKind(
                Manifests.parse(
                    Files.readString(Path.of("src/test/resources/lab/storagecluster.yaml"))),
                StorageCluster.class)
            .get(0);
    cluster.getMetadata().setNamespace(LabOperator.NAMESPACE);
    cluster = operator.client().resource(cluster).create();
  }

  @AfterAll
  void stopLab() throws Exception {
    if (operator != null) {
      operator.close();
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
    // t1 alone is quorate (two_node) and runs the resources: serving, without redundancy
    assertThat(condition("Ready").getStatus()).isEqualTo("True");
    assertThat(condition("Degraded").getStatus()).isEqualTo("True");
    assertThat(condition("Degraded").getReason()).isEqualTo("NodeUnreachable");
    assertThat(condition("Degraded").getMessage()).contains("t2");
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

  /** The command's stdout, whatever its exit code (the callers look at the output). */
  private String runWithStdin(String node, String stdin, String... argv) {
    return operator.exec(node, stdin, argv).stdout();
  }
}
