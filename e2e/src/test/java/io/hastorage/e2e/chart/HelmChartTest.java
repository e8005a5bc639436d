package io.hastorage.e2e.chart;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.marcnuri.helm.LintResult;
import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.PodSecurityContext;
import io.fabric8.kubernetes.api.model.PodSpec;
import io.fabric8.kubernetes.api.model.SecurityContext;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicy;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicyEgressRule;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicyPeer;
import io.fabric8.kubernetes.api.model.rbac.ClusterRole;
import io.fabric8.kubernetes.api.model.rbac.ClusterRoleBinding;
import io.fabric8.kubernetes.api.model.rbac.PolicyRule;
import io.fabric8.kubernetes.api.model.rbac.Role;
import io.fabric8.kubernetes.api.model.rbac.RoleBinding;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The Helm chart in charts/ha-iscsi-operator, linted and rendered by the embedded Helm with default
 * and non-default values, checked as parsed objects: restricted Pod Security, least-privilege RBAC,
 * settings as environment, and the optional objects only when enabled.
 */
class HelmChartTest {

  private static final List<String> KINDS =
      List.of("storageclusters", "drbdvolumes", "scsttargets", "ocfs2mounts");

  @Test
  void lintFindsNothingWorseThanInfo() {
    LintResult result = Chart.helm().lint().strict().call();

    assertThat(result.isFailed()).as("lint: %s", result.getMessages()).isFalse();
    assertThat(result.getMessages()).allMatch(m -> m.startsWith("[INFO]"));
  }

  @Test
  void chartCrdsAreTheGeneratedOnes() throws IOException {
    Path generated = Chart.repoRoot().resolve("crds");
    Path chart = Chart.dir().resolve("crds");

    assertThat(fileNames(chart)).isEqualTo(fileNames(generated)).hasSize(4);
    for (String name : fileNames(generated)) {
      assertThat(Files.readString(chart.resolve(name)))
          .as("charts/ha-iscsi-operator/crds/%s differs from crds/%s: copy it", name, name)
          .isEqualTo(Files.readString(generated.resolve(name)));
    }
  }

  @Test
  void defaultsRenderTheOperatorAndNothingOptional() {
    Manifests rendered = Chart.render();

    assertThat(rendered.kinds())
        .containsExactlyInAnyOrder(
            "ServiceAccount",
            "ClusterRole",
            "ClusterRoleBinding",
            "Role",
            "RoleBinding",
            "Service",
            "Deployment");
    Deployment deployment = rendered.one(Deployment.class);
    assertThat(deployment.getSpec().getReplicas()).isEqualTo(1);
    assertThat(deployment.getMetadata().getNamespace()).isEqualTo(Chart.NAMESPACE);
    assertThat(container(deployment).getImage()).isEqualTo("ha-iscsi-operator:0.1.0-SNAPSHOT");
  }

  @Test
  void podRunsUnderTheRestrictedProfileWhateverTheValues() {
    for (Map<String, Object> values :
        List.of(
            Map.<String, Object>of(),
            Map.<String, Object>of(
                "replicaCount",
                2,
                "securityContext.runAsUser",
                1000,
                "securityContext.fsGroup",
                2000,
                "tmpSizeLimit",
                "64Mi",
                "image.repository",
                "registry.example.com/ha-iscsi-operator",
                "image.tag",
                "1.2.3"))) {
      Deployment deployment = Chart.render(values).one(Deployment.class);
      PodSpec pod = deployment.getSpec().getTemplate().getSpec();
      PodSecurityContext podSecurity = pod.getSecurityContext();
      assertThat(podSecurity.getRunAsNonRoot()).isTrue();
      assertThat(podSecurity.getRunAsUser()).isPositive();
      assertThat(podSecurity.getSeccompProfile().getType()).isEqualTo("RuntimeDefault");
      assertThat(pod.getHostNetwork()).isNull();
      assertThat(pod.getHostPID()).isNull();
      assertThat(pod.getContainers()).hasSize(1);
      Container container = pod.getContainers().get(0);
      SecurityContext security = container.getSecurityContext();
      assertThat(security.getAllowPrivilegeEscalation()).isFalse();
      assertThat(security.getReadOnlyRootFilesystem()).isTrue();
      assertThat(security.getCapabilities().getDrop()).containsExactly("ALL");
      assertThat(security.getCapabilities().getAdd()).isNullOrEmpty();
      assertThat(security.getPrivileged()).isNull();
      assertThat(container.getVolumeMounts())
          .singleElement()
          .satisfies(m -> assertThat(m.getMountPath()).isEqualTo("/tmp"));
      assertThat(pod.getVolumes())
          .singleElement()
          .satisfies(v -> assertThat(v.getEmptyDir()).isNotNull());
      assertThat(container.getReadinessProbe().getHttpGet().getPath()).isEqualTo("/readyz");
      assertThat(container.getLivenessProbe().getHttpGet().getPath()).isEqualTo("/healthz");
      assertThat(container.getReadinessProbe().getHttpGet().getPort().getStrVal())
          .isEqualTo("http");
      assertThat(container.getPorts())
          .singleElement()
          .satisfies(p -> assertThat(p.getContainerPort()).isEqualTo(8080));
      assertThat(container.getResources().getRequests()).containsKeys("cpu", "memory");
      assertThat(container.getResources().getLimits()).containsKey("memory");
    }
  }

  @Test
  void rbacHasNoWildcardsAndSecretsAreOnlyReadByNameAndCreated() {
    for (Manifests rendered :
        List.of(
            Chart.render(),
            Chart.render(
                Map.of(
                    "operator.watchNamespaces[0]", "storage",
                    "operator.watchNamespaces[1]", "lab")))) {
      List<PolicyRule> rules = new ArrayList<>();
      rendered.all(ClusterRole.class).forEach(r -> rules.addAll(r.getRules()));
      rendered.all(Role.class).forEach(r -> rules.addAll(r.getRules()));

      assertThat(rules).isNotEmpty();
      for (PolicyRule rule : rules) {
        assertThat(rule.getVerbs()).as("verbs of %s", rule).doesNotContain("*");
        assertThat(rule.getResources()).as("resources of %s", rule).doesNotContain("*");
        assertThat(rule.getApiGroups()).as("apiGroups of %s", rule).doesNotContain("*");
        assertThat(rule.getNonResourceURLs()).isNullOrEmpty();
        assertThat(rule.getResourceNames()).isNullOrEmpty();
      }
      assertThat(verbsOn(rules, "", "secrets")).containsExactlyInAnyOrder("get", "create");
      assertThat(verbsOn(rules, "", "events")).containsExactlyInAnyOrder("create", "patch");
      assertThat(verbsOn(rules, "coordination.k8s.io", "leases"))
          .containsExactlyInAnyOrder("get", "create", "update");
      for (String kind : KINDS) {
        assertThat(verbsOn(rules, "hastorage.io", kind))
            .containsExactlyInAnyOrder("get", "list", "watch", "patch", "update");
        assertThat(verbsOn(rules, "hastorage.io", kind + "/status"))
            .containsExactlyInAnyOrder("get", "patch", "update");
        assertThat(verbsOn(rules, "hastorage.io", kind + "/finalizers")).containsExactly("update");
      }
      Set<String> granted =
          rules.stream()
              .flatMap(r -> r.getResources().stream())
              .collect(Collectors.toCollection(java.util.TreeSet::new));
      assertThat(granted)
          .as("nothing beyond our kinds, Secrets, Events and the Lease")
          .allMatch(
              r ->
                  KINDS.stream().anyMatch(r::startsWith)
                      || Set.of("secrets", "events", "leases").contains(r));
    }
  }

  @Test
  void watchedNamespacesGetRolesInsteadOfAClusterRole() {
    Manifests rendered =
        Chart.render(
            Map.of("operator.watchNamespaces[0]", "storage", "operator.watchNamespaces[1]", "lab"));

    assertThat(rendered.all(ClusterRole.class)).isEmpty();
    assertThat(rendered.all(ClusterRoleBinding.class)).isEmpty();
    assertThat(
            rendered.all(RoleBinding.class).stream()
                .filter(b -> b.getRoleRef().getName().equals(Chart.RELEASE))
                .map(b -> b.getMetadata().getNamespace()))
        .containsExactlyInAnyOrder("storage", "lab");
    assertThat(rendered.all(RoleBinding.class))
        .allSatisfy(
            b ->
                assertThat(b.getSubjects())
                    .singleElement()
                    .satisfies(s -> assertThat(s.getNamespace()).isEqualTo(Chart.NAMESPACE)));
    assertThat(env(rendered.one(Deployment.class)))
        .containsEntry("HASTORAGE_WATCH_NAMESPACES", "storage,lab");
  }

  @Test
  void leaderElectionIsOnByDefaultSoTwoReplicasWork() {
    Manifests rendered = Chart.render(Map.of("replicaCount", 2));

    Deployment deployment = rendered.one(Deployment.class);
    assertThat(deployment.getSpec().getReplicas()).isEqualTo(2);
    Map<String, String> env = env(deployment);
    assertThat(env).containsEntry("HASTORAGE_LEADER_ELECTION", "true");
    assertThat(env).doesNotContainKey("HASTORAGE_WATCH_NAMESPACES");
    EnvVar leaseNamespace =
        container(deployment).getEnv().stream()
            .filter(e -> e.getName().equals("HASTORAGE_LEASE_NAMESPACE"))
            .findFirst()
            .orElseThrow();
    assertThat(leaseNamespace.getValueFrom().getFieldRef().getFieldPath())
        .isEqualTo("metadata.namespace");
    assertThat(rendered.find("Role", Chart.RELEASE + "-leader-election")).isPresent();
    assertThat(rendered.find("RoleBinding", Chart.RELEASE + "-leader-election")).isPresent();
  }

  @Test
  void withoutLeaderElectionOnlyOneReplicaRenders() {
    Manifests rendered = Chart.render(Map.of("operator.leaderElection", false));

    assertThat(env(rendered.one(Deployment.class)))
        .containsEntry("HASTORAGE_LEADER_ELECTION", "false");
    assertThat(rendered.all(Role.class)).isEmpty();
    assertThatThrownBy(
            () -> Chart.render(Map.of("operator.leaderElection", false, "replicaCount", 2)))
        .hasMessageContaining("needs operator.leaderElection");
  }

  @Test
  void settingsBecomeEnvironmentAndOnlyHastorageSettingsAreAccepted() {
    Map<String, String> env =
        env(
            Chart.render(
                    Map.of(
                        "operator.settings.HASTORAGE_RESYNC_PERIOD",
                        "2m",
                        "operator.settings.HASTORAGE_SSH_MAX_CHANNELS",
                        4,
                        "operator.leaseName",
                        "storage-operator",
                        "operator.httpPort",
                        9090))
                .one(Deployment.class));

    assertThat(env)
        .containsEntry("HASTORAGE_RESYNC_PERIOD", "2m")
        .containsEntry("HASTORAGE_SSH_MAX_CHANNELS", "4")
        .containsEntry("HASTORAGE_LEASE_NAME", "storage-operator")
        .containsEntry("HASTORAGE_HTTP_PORT", "9090");
    assertThatThrownBy(() -> Chart.render(Map.of("operator.settings.PATH", "/tmp")))
        .hasMessageContaining("not a HASTORAGE_* setting");
    assertThatThrownBy(
            () -> Chart.render(Map.of("operator.settings.HASTORAGE_LEADER_ELECTION", "false")))
        .hasMessageContaining("through its own value");
  }

  @Test
  void serviceMonitorScrapesTheServiceOnlyWhenEnabled() {
    assertThat(Chart.render().generic("ServiceMonitor")).isEmpty();

    Manifests rendered =
        Chart.render(
            Map.of(
                "metrics.serviceMonitor.enabled",
                true,
                "metrics.serviceMonitor.labels.release",
                "prometheus"));

    GenericKubernetesResource monitor = rendered.generic("ServiceMonitor").get(0);
    assertThat(monitor.getApiVersion()).isEqualTo("monitoring.coreos.com/v1");
    assertThat(monitor.getMetadata().getLabels()).containsEntry("release", "prometheus");
    Service service = rendered.one(Service.class);
    assertThat(service.getMetadata().getLabels())
        .containsAllEntriesOf(monitor.<Map<String, String>>get("spec", "selector", "matchLabels"));
    assertThat(service.getSpec().getPorts())
        .singleElement()
        .satisfies(p -> assertThat(p.getName()).isEqualTo("http"));
    Map<String, Object> endpoint =
        monitor.<List<Map<String, Object>>>get("spec", "endpoints").get(0);
    assertThat(endpoint).containsEntry("port", "http").containsEntry("path", "/metrics");
  }

  @Test
  void prometheusRuleOnlyWhenEnabledWithDisabledAlertsLeftOut() {
    assertThat(Chart.render().generic("PrometheusRule")).isEmpty();

    Manifests rendered =
        Chart.render(
            Map.of(
                "metrics.prometheusRule.enabled", true,
                "metrics.prometheusRule.disabledAlerts[0]", "HaStorageFencingDisabled",
                "metrics.prometheusRule.alertLabels.team", "storage"));

    List<Map<String, Object>> rules = PrometheusAlertsTest.rules(rendered);
    assertThat(rules)
        .extracting(r -> r.get("alert"))
        .contains("HaStorageDrbdSplitBrain", "HaStorageClusterNotQuorate")
        .doesNotContain("HaStorageFencingDisabled");
    assertThat(rules)
        .allSatisfy(
            r ->
                assertThat(PrometheusAlertsTest.map(r.get("labels")))
                    .containsEntry("team", "storage")
                    .containsKey("severity"));
  }

  @Test
  void grafanaDashboardConfigMapOnlyWhenEnabledWithTheSidecarLabel() throws IOException {
    assertThat(Chart.render().all(ConfigMap.class)).isEmpty();

    ConfigMap defaults =
        Chart.render(Map.of("grafanaDashboard.enabled", true)).one(ConfigMap.class);
    assertThat(defaults.getMetadata().getNamespace()).isEqualTo(Chart.NAMESPACE);
    assertThat(defaults.getMetadata().getName()).isEqualTo(Chart.RELEASE + "-dashboard");
    assertThat(defaults.getMetadata().getLabels())
        .containsEntry("grafana_dashboard", "1")
        .containsEntry("app.kubernetes.io/name", "ha-iscsi-operator");
    assertThat(defaults.getData()).containsOnlyKeys("ha-iscsi-operator.json");
    String file = Files.readString(GrafanaDashboardTest.path());
    assertThat(defaults.getData().get("ha-iscsi-operator.json"))
        .as("the ConfigMap carries the dashboard file unchanged")
        .isEqualTo(file);
    assertThat(new ObjectMapper().readTree(defaults.getData().get("ha-iscsi-operator.json")))
        .isEqualTo(GrafanaDashboardTest.dashboard());

    ConfigMap custom =
        Chart.render(
                Map.of(
                    "grafanaDashboard.enabled", true,
                    "grafanaDashboard.namespace", "monitoring",
                    "grafanaDashboard.labels.team", "storage",
                    "grafanaDashboard.annotations.grafana_folder", "Storage"))
            .one(ConfigMap.class);
    assertThat(custom.getMetadata().getNamespace()).isEqualTo("monitoring");
    assertThat(custom.getMetadata().getLabels())
        .containsEntry("grafana_dashboard", "1")
        .containsEntry("team", "storage");
    assertThat(custom.getMetadata().getAnnotations()).containsEntry("grafana_folder", "Storage");
  }

  @Test
  void networkPolicyAllowsOnlyDnsTheApiServerAndSshToTheNodes() {
    assertThat(Chart.render().all(NetworkPolicy.class)).isEmpty();
    assertThatThrownBy(() -> Chart.render(Map.of("networkPolicy.enabled", true)))
        .hasMessageContaining("networkPolicy.apiServer.cidrs is required");

    NetworkPolicy policy =
        Chart.render(
                Map.of(
                    "networkPolicy.enabled", true,
                    "networkPolicy.apiServer.cidrs[0]", "10.96.0.1/32",
                    "networkPolicy.storageNodes.cidrs[0]", "192.168.0.0/24",
                    "networkPolicy.storageNodes.cidrs[1]", "10.20.1.0/24"))
            .one(NetworkPolicy.class);

    assertThat(policy.getSpec().getPolicyTypes()).containsExactlyInAnyOrder("Ingress", "Egress");
    assertThat(policy.getSpec().getPodSelector().getMatchLabels())
        .containsEntry("app.kubernetes.io/name", "ha-iscsi-operator");
    List<NetworkPolicyEgressRule> egress = policy.getSpec().getEgress();
    assertThat(egress).hasSize(3);
    assertThat(ports(egress.get(0))).containsExactlyInAnyOrder("UDP/53", "TCP/53");
    assertThat(egress.get(0).getTo())
        .allSatisfy(peer -> assertThat(peer.getNamespaceSelector()).isNotNull());
    assertThat(cidrs(egress.get(1))).containsExactly("10.96.0.1/32");
    assertThat(ports(egress.get(1))).containsExactlyInAnyOrder("TCP/443", "TCP/6443");
    assertThat(cidrs(egress.get(2))).containsExactly("192.168.0.0/24", "10.20.1.0/24");
    assertThat(ports(egress.get(2))).containsExactly("TCP/22");
    assertThat(policy.getSpec().getIngress())
        .singleElement()
        .satisfies(
            in ->
                assertThat(in.getPorts())
                    .singleElement()
                    .satisfies(p -> assertThat(p.getPort().getStrVal()).isEqualTo("http")));
  }

  static Container container(Deployment deployment) {
    return deployment.getSpec().getTemplate().getSpec().getContainers().get(0);
  }

  static Map<String, String> env(Deployment deployment) {
    Map<String, String> env = new LinkedHashMap<>();
    for (EnvVar var : container(deployment).getEnv()) {
      env.put(var.getName(), var.getValue());
    }
    return env;
  }

  private static List<String> verbsOn(List<PolicyRule> rules, String group, String resource) {
    return rules.stream()
        .filter(r -> r.getApiGroups().contains(group) && r.getResources().contains(resource))
        .flatMap(r -> r.getVerbs().stream())
        .distinct()
        .toList();
  }

  private static List<String> ports(NetworkPolicyEgressRule rule) {
    return rule.getPorts().stream()
        .map(p -> p.getProtocol() + "/" + p.getPort().getIntVal())
        .toList();
  }

  private static List<String> cidrs(NetworkPolicyEgressRule rule) {
    return rule.getTo().stream().map(NetworkPolicyPeer::getIpBlock).map(b -> b.getCidr()).toList();
  }

  private static List<String> fileNames(Path dir) throws IOException {
    try (Stream<Path> files = Files.list(dir)) {
      return files.map(p -> p.getFileName().toString()).sorted().toList();
    }
  }
}
