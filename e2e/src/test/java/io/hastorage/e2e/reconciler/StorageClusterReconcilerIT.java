package io.hastorage.e2e.reconciler;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.hastorage.e2e.sim.SimulatedNode;
import io.hastorage.e2e.sim.SimulatedNodeServer;
import io.hastorage.e2e.sim.SshKeys;
import io.hastorage.operator.api.cluster.ClusterNode;
import io.hastorage.operator.api.cluster.NodeStatus;
import io.hastorage.operator.api.cluster.StorageCluster;
import io.javaoperatorsdk.operator.api.reconciler.UpdateControl;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The StorageCluster reconciler against the embedded API and simulated nodes over real SSH. */
class StorageClusterReconcilerIT {

  private ReconcilerHarness harness;

  @BeforeEach
  void start() throws Exception {
    harness = new ReconcilerHarness();
  }

  @AfterEach
  void stop() {
    harness.close();
  }

  @Test
  void convergesEmptyNodesToReady() throws Exception {
    harness.converge();

    assertThat(harness.condition("Ready").getStatus()).isEqualTo("True");
    assertThat(harness.cluster.getStatus().nodesReachable).isEqualTo("4/4");
    NodeStatus centos01 = harness.cluster.getStatus().nodes.get(0);
    assertThat(centos01.os).isEqualTo("CentOS Linux 7 (Core)");
    assertThat(centos01.versions.corosync).isEqualTo("3.1.7");
    assertThat(centos01.versions.drbdKernel).isNotEmpty();
    assertThat(harness.env.fleet().node("centos01").modules().isLoaded("drbd")).isTrue();
    assertThat(
            harness
                .env
                .fleet()
                .node("drbd01")
                .readText("/etc/modules-load.d/ha-iscsi-operator.conf"))
        .hasValueSatisfying(
            text -> assertThat(text).contains("Managed by ha-iscsi-operator", "iscsi_tcp"));
  }

  @Test
  void aConvergedClusterCostsOneExecPerNodeAndNoWrites() throws Exception {
    harness.converge();
    Map<String, Integer> execs = execsPerNode();
    int changes = harness.totalChanges();
    int sessions = harness.totalSessions();
    int writes = harness.statusWrites;
    int events = harness.events();

    UpdateControl<StorageCluster> control = harness.reconcile();

    Map<String, Integer> after = execsPerNode();
    execs.forEach(
        (node, count) -> assertThat(after.get(node)).as("execs on %s", node).isEqualTo(count + 1));
    assertThat(harness.totalChanges()).isEqualTo(changes);
    assertThat(harness.totalSessions()).as("no new SSH handshakes").isEqualTo(sessions);
    assertThat(control.isNoUpdate()).as("no status write").isTrue();
    assertThat(harness.statusWrites).isEqualTo(writes);
    assertThat(harness.events()).as("no events").isEqualTo(events);
  }

  @Test
  void aHostileSpecIsRejectedInCodeAndNothingRuns() throws Exception {
    ClusterNode node = harness.cluster.getSpec().nodes.get(0);
    node.address = "127.0.0.1; touch /tmp/pwned";
    harness.cluster.getSpec().prerequisites.extraPackages = List.of("lvm2 $(touch /tmp/pwned)");

    harness.reconcile();

    assertThat(harness.condition("Ready").getReason()).isEqualTo("InvalidSpec");
    assertThat(harness.condition("SpecValid").getMessage())
        .contains("spec.nodes[0].address", "spec.prerequisites.extraPackages[0]");
    assertThat(harness.totalExecs()).isZero();
    assertThat(harness.totalSessions()).as("not even a connection").isZero();
  }

  @Test
  void aChangedHostKeyIsRefusedUntilTheSecretIsUpdated() throws Exception {
    harness.converge();
    SimulatedNodeServer server = harness.env.fleet().server("centos02");
    String newPin = server.rotateHostKey();
    int changes = harness.totalChanges();

    harness.reconcile();

    assertThat(harness.condition("NodesReachable").getReason()).isEqualTo("HostKeyMismatch");
    // the cluster still serves from its nodes; the operator has lost one of them: Degraded
    assertThat(harness.condition("Ready").getStatus()).isEqualTo("True");
    assertThat(harness.condition("Degraded").getStatus()).isEqualTo("True");
    assertThat(harness.condition("Degraded").getReason()).isEqualTo("HostKeyMismatch");
    assertThat(harness.condition("NodesReachable").getMessage()).contains("centos02", "SHA256:");
    assertThat(nodeStatus("centos02").reason).isEqualTo("HostKeyMismatch");
    assertThat(harness.totalChanges()).isEqualTo(changes);

    harness.env.putSshSecret(
        "centos02", SshKeys.openSshPrivateKey(harness.env.operatorKey(), "op"), newPin);
    for (int i = 0; i < 10 && !"False".equals(harness.condition("Degraded").getStatus()); i++) {
      harness.reconcile();
    }
    assertThat(harness.condition("NodesReachable").getStatus()).isEqualTo("True");
    assertThat(harness.condition("Degraded").getStatus()).isEqualTo("False");
  }

  @Test
  void anUnreachableNodeIsReportedAndRecovers() throws Exception {
    harness.converge();
    SimulatedNodeServer server = harness.env.fleet().server("drbd02");
    server.stop();

    harness.reconcile();

    assertThat(harness.condition("NodesReachable").getReason()).isEqualTo("NodeUnreachable");
    assertThat(nodeStatus("drbd02").reachable).isFalse();
    assertThat(nodeStatus("drbd01").reachable).isTrue();

    server.start();
    awaitReady();
  }

  @Test
  void aWrongPrivateKeyIsAnAuthenticationFailureAndRecovers() throws Exception {
    String pin = harness.env.fleet().server("drbd01").knownHostsLine();
    harness.env.putSshSecret(
        "drbd01", SshKeys.openSshPrivateKey(SshKeys.generate(), "stranger"), pin);

    harness.reconcile();

    assertThat(harness.condition("NodesReachable").getReason()).isEqualTo("AuthenticationFailed");
    assertThat(harness.env.fleet().node("drbd01").execCount()).isZero();

    harness.env.putSshSecret(
        "drbd01", SshKeys.openSshPrivateKey(harness.env.operatorKey(), "op"), pin);
    awaitReady();
  }

  @Test
  void aMissingSecretIsNamed() throws Exception {
    harness.env.client().secrets().inNamespace("storage").withName("ssh-drbd02").delete();

    harness.reconcile();

    assertThat(nodeStatus("drbd02").reason).isEqualTo("CredentialsMissing");
    assertThat(harness.condition("NodesReachable").getMessage())
        .contains("Secret storage/ssh-drbd02 not found");
  }

  @Test
  void pausedObservesButChangesNothing() throws Exception {
    harness.cluster.getMetadata().setAnnotations(Map.of("hastorage.io/paused", "true"));

    harness.reconcile();

    assertThat(harness.condition("Converged").getReason()).isEqualTo("Paused");
    assertThat(harness.totalChanges()).isZero();
    assertThat(harness.totalExecs()).isEqualTo(4);
  }

  @Test
  void dryRunRecordsThePlanAndChangesNothing() throws Exception {
    harness.cluster.getMetadata().setAnnotations(Map.of("hastorage.io/dry-run", "true"));

    harness.reconcile();

    assertThat(harness.condition("Converged").getReason()).isEqualTo("DryRun");
    assertThat(harness.cluster.getStatus().plannedSteps)
        .contains(
            "centos01: install packages drbd-utils corosync pacemaker pcs resource-agents",
            "drbd02: load kernel modules iscsi_tcp dm_multipath");
    assertThat(harness.totalChanges()).isZero();
  }

  @Test
  void withoutInstallTheMissingPrerequisitesAreNamedNotInstalled() throws Exception {
    harness.cluster.getSpec().prerequisites.install = false;

    harness.reconcile();

    assertThat(harness.condition("PrerequisitesMet").getReason()).isEqualTo("MissingPrerequisites");
    assertThat(harness.condition("PrerequisitesMet").getMessage())
        .contains(
            "drbd01: packages open-iscsi, multipath-tools, ocfs2-tools; modules iscsi_tcp, dm_multipath");
    assertThat(nodeStatus("drbd01").missingPackages)
        .containsExactly("open-iscsi", "multipath-tools", "ocfs2-tools");
    for (String node : harness.env.fleet().names()) {
      assertThat(harness.env.fleet().node(node).execLog().commandLines())
          .noneMatch(line -> line.contains("install") || line.contains("modprobe"));
    }
  }

  @Test
  void aFailingStepStopsThatNodeAndIsReported() throws Exception {
    SimulatedNode centos01 = harness.env.fleet().node("centos01");
    centos01.failNextCommands("yum", 1, "Error: Nothing to do");

    harness.reconcile();

    assertThat(harness.condition("Converged").getReason()).isEqualTo("StepFailed");
    assertThat(harness.condition("Converged").getMessage())
        .contains("centos01", "exit 1", "Nothing to do");
    assertThat(centos01.modules().isLoaded("drbd")).as("later steps did not run").isFalse();
    assertThat(harness.env.fleet().node("centos02").modules().isLoaded("drbd"))
        .as("other nodes went on")
        .isTrue();
    assertThat(harness.condition("Ready").getReason()).isEqualTo("StepFailed");
  }

  @Test
  void withoutFencingTheClusterIsNotReadyAndSaysWhy() throws Exception {
    harness.cluster.getSpec().pacemaker.stonith.clear();
    harness.converge();

    assertThat(harness.condition("Ready").getReason()).isEqualTo("NoFencing");
    assertThat(harness.condition("FencingConfigured").getMessage())
        .contains("no STONITH device fences centos01, centos02");

    harness.cluster.getSpec().pacemaker.unfencedLab = true;
    harness.converge();

    assertThat(harness.condition("Ready").getStatus()).isEqualTo("True");
    assertThat(harness.condition("Warning").getReason()).isEqualTo("UnfencedLab");
    assertThat(harness.env.fleet().cluster().property("stonith-enabled")).contains("false");
  }

  @Test
  void secretsNeverAppearInArgvLogsEventsOrStatus() throws Exception {
    ch.qos.logback.classic.Logger root =
        (ch.qos.logback.classic.Logger)
            org.slf4j.LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
    ch.qos.logback.core.read.ListAppender<ch.qos.logback.classic.spi.ILoggingEvent> logs =
        new ch.qos.logback.core.read.ListAppender<>();
    logs.start();
    root.addAppender(logs);
    // The operator's logging as deployed (INFO), its own code at DEBUG. The mock API server's own
    // DEBUG output (it stores the Secrets) is the API server's, not the operator's.
    ch.qos.logback.classic.Logger operator =
        (ch.qos.logback.classic.Logger) org.slf4j.LoggerFactory.getLogger("io.hastorage");
    ch.qos.logback.classic.Level rootLevel = root.getLevel();
    ch.qos.logback.classic.Level operatorLevel = operator.getLevel();
    root.setLevel(ch.qos.logback.classic.Level.INFO);
    operator.setLevel(ch.qos.logback.classic.Level.DEBUG);
    try {
      harness.converge();
    } finally {
      root.detachAppender(logs);
      root.setLevel(rootLevel);
      operator.setLevel(operatorLevel);
    }
    assertThat(harness.condition("Ready").getStatus()).isEqualTo("True");

    byte[] authkey =
        java.util.Base64.getDecoder()
            .decode(
                harness
                    .env
                    .client()
                    .secrets()
                    .inNamespace("storage")
                    .withName("vg1-cluster-corosync-authkey")
                    .get()
                    .getData()
                    .get("authkey"));
    List<String> secrets =
        new java.util.ArrayList<>(
            List.of(
                harness.env.fencePassword("centos01"), harness.env.fencePassword("centos02"),
                java.util.Base64.getEncoder().encodeToString(authkey),
                    java.util.HexFormat.of().formatHex(authkey)));
    StringBuilder seen = new StringBuilder();
    harness
        .env
        .fleet()
        .names()
        .forEach(n -> harness.env.fleet().node(n).execLog().commandLines().forEach(seen::append));
    logs.list.forEach(e -> seen.append(e.getFormattedMessage()).append('\n'));
    seen.append(
        io.fabric8.kubernetes.client.utils.Serialization.asJson(harness.cluster.getStatus()));
    harness
        .env
        .client()
        .v1()
        .events()
        .inNamespace("storage")
        .list()
        .getItems()
        .forEach(e -> seen.append(e.getMessage()).append(e.getReason()));

    assertThat(logs.list).as("debug logs were captured").isNotEmpty();
    for (String secret : secrets) {
      assertThat(seen.toString()).doesNotContain(secret);
    }
    assertThat(harness.env.fleet().cluster().cibXml())
        .as("the password did reach the CIB, over stdin")
        .contains(harness.env.fencePassword("centos01"));
    assertThat(harness.env.fleet().node("centos01").readFile("/etc/corosync/authkey"))
        .hasValue(authkey);
  }

  @Test
  void aCrashedTargetIsReportedWithAMembershipEventAndRejoins() throws Exception {
    harness.converge();
    harness.env.fleet().crash("centos02");

    harness.reconcile();

    assertThat(harness.condition("ClusterFormed").getReason()).isEqualTo("TargetOffline");
    assertThat(harness.cluster.getStatus().cluster.nodesOnline).containsExactly("centos01");
    assertThat(nodeStatus("centos02").reachable).isFalse();
    assertThat(harness.env.client().v1().events().inNamespace("storage").list().getItems())
        .anySatisfy(
            e -> {
              assertThat(e.getReason()).isEqualTo("NodeLeft");
              assertThat(e.getType()).isEqualTo("Warning");
              assertThat(e.getMessage()).contains("centos02");
            });

    harness.env.fleet().restore("centos02");
    awaitReady();
    assertThat(harness.cluster.getStatus().cluster.nodesOnline)
        .containsExactlyInAnyOrder("centos01", "centos02");
  }

  @Test
  void anAuthkeySecretThatIsNotOursIsReportedAndLeftAlone() throws Exception {
    harness
        .env
        .client()
        .secrets()
        .inNamespace("storage")
        .resource(
            new io.fabric8.kubernetes.api.model.SecretBuilder()
                .withNewMetadata()
                .withName("vg1-cluster-corosync-authkey")
                .withNamespace("storage")
                .endMetadata()
                .withData(Map.of("something-else", "eA=="))
                .build())
        .create();

    harness.reconcile();

    assertThat(harness.condition("SecretsAvailable").getReason()).isEqualTo("SecretMissing");
    assertThat(harness.condition("SecretsAvailable").getMessage())
        .contains("vg1-cluster-corosync-authkey", "not the operator's");
    assertThat(
            harness
                .env
                .client()
                .secrets()
                .inNamespace("storage")
                .withName("vg1-cluster-corosync-authkey")
                .get()
                .getData())
        .containsOnlyKeys("something-else");
    assertThat(harness.env.fleet().node("centos01").fileExists("/etc/corosync/authkey")).isFalse();
  }

  @Test
  void anUnusableAuthkeyIsReportedAndTheRestStillConverges() throws Exception {
    harness
        .env
        .client()
        .secrets()
        .inNamespace("storage")
        .resource(
            new io.fabric8.kubernetes.api.model.SecretBuilder()
                .withNewMetadata()
                .withName("vg1-cluster-corosync-authkey")
                .withNamespace("storage")
                .endMetadata()
                .withData(
                    Map.of("authkey", java.util.Base64.getEncoder().encodeToString(new byte[16])))
                .build())
        .create();

    harness.reconcile();

    assertThat(harness.condition("SecretsAvailable").getReason()).isEqualTo("SecretMissing");
    assertThat(harness.condition("SecretsAvailable").getMessage())
        .contains("key authkey holds 16 bytes; Corosync needs 128 to 4096");
    assertThat(harness.env.fleet().node("drbd01").execLog().commandLines())
        .as("prerequisites were still installed")
        .anyMatch(line -> line.contains("apt-get"));
    assertThat(harness.env.fleet().node("centos01").fileExists("/etc/corosync/authkey")).isFalse();
  }

  @Test
  void anUnusableFencePasswordIsReportedWithoutItsValue() throws Exception {
    harness.converge();
    String bad = "pass\u0001word";
    harness
        .env
        .client()
        .secrets()
        .inNamespace("storage")
        .withName("ipmi-centos01")
        .edit(
            secret -> {
              secret.setData(
                  Map.of(
                      "password",
                      java.util.Base64.getEncoder()
                          .encodeToString(bad.getBytes(java.nio.charset.StandardCharsets.UTF_8))));
              return secret;
            });

    harness.reconcile();

    assertThat(harness.condition("SecretsAvailable").getStatus()).isEqualTo("False");
    assertThat(harness.condition("SecretsAvailable").getMessage())
        .contains("ipmi-centos01")
        .doesNotContain(bad);
    assertThat(harness.condition("ClusterFormed").getStatus())
        .as("the cluster keeps running")
        .isEqualTo("True");
  }

  @Test
  void theKeyOfAnExistingClusterIsNeverReplaced() throws Exception {
    byte[] existing = new byte[256];
    java.util.Arrays.fill(existing, (byte) 7);
    for (String target : List.of("centos01", "centos02")) {
      harness.env.fleet().node(target).writeFile("/etc/corosync/authkey", existing, "0400");
    }

    harness.converge();

    assertThat(harness.condition("SecretsAvailable").getMessage())
        .contains("does not exist but the target nodes already have /etc/corosync/authkey");
    assertThat(
            harness
                .env
                .client()
                .secrets()
                .inNamespace("storage")
                .withName("vg1-cluster-corosync-authkey")
                .get())
        .as("no new key was generated")
        .isNull();
    for (String target : List.of("centos01", "centos02")) {
      assertThat(harness.env.fleet().node(target).readFile("/etc/corosync/authkey"))
          .hasValue(existing);
    }
  }

  private void awaitReady() {
    await()
        .atMost(Duration.ofSeconds(20))
        .pollInterval(Duration.ofMillis(100))
        .until(
            () -> {
              harness.reconcile();
              return "True".equals(harness.condition("Ready").getStatus());
            });
  }

  private NodeStatus nodeStatus(String node) {
    return harness.cluster.getStatus().nodes.stream()
        .filter(n -> n.name.equals(node))
        .findFirst()
        .orElseThrow();
  }

  private Map<String, Integer> execsPerNode() {
    Map<String, Integer> counts = new HashMap<>();
    harness
        .env
        .fleet()
        .names()
        .forEach(n -> counts.put(n, harness.env.fleet().node(n).execCount()));
    return counts;
  }
}
