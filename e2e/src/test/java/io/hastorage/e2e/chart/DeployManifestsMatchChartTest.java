package io.hastorage.e2e.chart;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.PodSpec;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.ServiceAccount;
import io.fabric8.kubernetes.api.model.ServicePort;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.rbac.ClusterRole;
import io.fabric8.kubernetes.api.model.rbac.ClusterRoleBinding;
import io.fabric8.kubernetes.api.model.rbac.Role;
import io.fabric8.kubernetes.api.model.rbac.RoleBinding;
import io.fabric8.kubernetes.client.utils.Serialization;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * deploy/ (plain manifests for {@code kubectl apply -k}) and the chart's default rendering install
 * the same operator: same ServiceAccount, RBAC rules and bindings, pod spec (image aside) and
 * metrics Service. Compared as parsed objects, so formatting and labels may differ.
 */
class DeployManifestsMatchChartTest {

  private static final Set<String> CLUSTER_SCOPED =
      Set.of("Namespace", "ClusterRole", "ClusterRoleBinding");

  @Test
  void serviceAccountsMatch() throws IOException {
    ServiceAccount plain = kustomized().one(ServiceAccount.class);
    ServiceAccount chart = Chart.render().one(ServiceAccount.class);

    assertThat(plain.getMetadata().getName()).isEqualTo(chart.getMetadata().getName());
    assertThat(plain.getMetadata().getNamespace()).isEqualTo(chart.getMetadata().getNamespace());
  }

  @Test
  void rbacRulesAndBindingsMatch() throws IOException {
    Manifests plain = kustomized();
    Manifests chart = Chart.render();

    assertThat(plain.one(ClusterRole.class).getRules())
        .isEqualTo(chart.one(ClusterRole.class).getRules());
    assertThat(plain.one(ClusterRoleBinding.class).getSubjects())
        .isEqualTo(chart.one(ClusterRoleBinding.class).getSubjects());
    assertThat(plain.one(ClusterRoleBinding.class).getRoleRef())
        .isEqualTo(chart.one(ClusterRoleBinding.class).getRoleRef());
    assertThat(plain.one(Role.class).getRules()).isEqualTo(chart.one(Role.class).getRules());
    assertThat(plain.one(Role.class).getMetadata().getName())
        .isEqualTo(chart.one(Role.class).getMetadata().getName());
    RoleBinding plainBinding = plain.one(RoleBinding.class);
    RoleBinding chartBinding = chart.one(RoleBinding.class);
    assertThat(plainBinding.getRoleRef()).isEqualTo(chartBinding.getRoleRef());
    assertThat(plainBinding.getSubjects()).hasSameSizeAs(chartBinding.getSubjects());
    assertThat(plainBinding.getSubjects().get(0).getName())
        .isEqualTo(chartBinding.getSubjects().get(0).getName());
  }

  @Test
  void podSpecsMatchImageAside() throws IOException {
    Deployment plain = kustomized().one(Deployment.class);
    Deployment chart = Chart.render().one(Deployment.class);

    assertThat(plain.getMetadata().getName()).isEqualTo(chart.getMetadata().getName());
    assertThat(plain.getMetadata().getNamespace()).isEqualTo(chart.getMetadata().getNamespace());
    assertThat(plain.getSpec().getReplicas()).isEqualTo(chart.getSpec().getReplicas());
    assertThat(tree(withoutImage(plain))).isEqualTo(tree(withoutImage(chart)));
  }

  @Test
  void servicesMatchAndEachSelectsItsOperatorPods() throws IOException {
    Manifests plain = kustomized();
    Manifests chart = Chart.render();
    Service plainService = plain.one(Service.class);
    Service chartService = chart.one(Service.class);

    assertThat(plainService.getMetadata().getName())
        .isEqualTo(chartService.getMetadata().getName());
    assertThat(plainService.getMetadata().getNamespace())
        .isEqualTo(chartService.getMetadata().getNamespace());
    assertThat(plainService.getSpec().getType()).isEqualTo(chartService.getSpec().getType());
    assertThat(tree(plainService.getSpec().getPorts()))
        .isEqualTo(tree(chartService.getSpec().getPorts()));
    // The chart's selector adds app.kubernetes.io/instance; each must select its own pods' port.
    for (Manifests manifests : List.of(plain, chart)) {
      Service service = manifests.one(Service.class);
      Deployment deployment = manifests.one(Deployment.class);
      assertThat(deployment.getSpec().getTemplate().getMetadata().getLabels())
          .containsAllEntriesOf(service.getSpec().getSelector());
      ServicePort port = service.getSpec().getPorts().get(0);
      assertThat(deployment.getSpec().getTemplate().getSpec().getContainers().get(0).getPorts())
          .anySatisfy(p -> assertThat(p.getName()).isEqualTo(port.getTargetPort().getStrVal()));
    }
  }

  @Test
  void namespaceEnforcesTheRestrictedProfile() throws IOException {
    HasMetadata namespace = kustomized().find("Namespace", Chart.NAMESPACE).orElseThrow();

    assertThat(namespace.getMetadata().getLabels())
        .containsEntry("pod-security.kubernetes.io/enforce", "restricted");
  }

  /**
   * What {@code kubectl apply -k deploy/} applies. The kustomization only lists resources and sets
   * the namespace; the test refuses anything else, which it would not apply the same way.
   */
  static Manifests kustomized() throws IOException {
    Path deploy = Chart.repoRoot().resolve("deploy");
    JsonNode kustomization =
        new YAMLMapper().readTree(deploy.resolve("kustomization.yaml").toFile());
    List<String> fields = new ArrayList<>();
    kustomization.fieldNames().forEachRemaining(fields::add);
    assertThat(fields)
        .as("deploy/kustomization.yaml uses only what this test understands")
        .containsExactlyInAnyOrder("apiVersion", "kind", "namespace", "resources");
    String namespace = kustomization.get("namespace").asText();
    Manifests all = Manifests.of(List.of());
    for (JsonNode resource : kustomization.get("resources")) {
      all = all.plus(Manifests.parse(Files.readString(deploy.resolve(resource.asText()))));
    }
    for (HasMetadata object : all.all()) {
      if (!CLUSTER_SCOPED.contains(object.getKind())) {
        object.getMetadata().setNamespace(namespace);
      }
    }
    return all;
  }

  private static PodSpec withoutImage(Deployment deployment) {
    PodSpec pod = Serialization.clone(deployment.getSpec().getTemplate().getSpec());
    pod.getContainers().forEach(c -> c.setImage(null));
    return pod;
  }

  private static JsonNode tree(Object value) {
    return Serialization.jsonMapper().valueToTree(value);
  }
}
