package io.hastorage.e2e.chart;

import com.marcnuri.helm.Helm;
import com.marcnuri.helm.TemplateCommand;
import java.nio.file.Path;
import java.util.Map;

/** The operator's Helm chart in this repository, rendered by the embedded Helm (helm-java). */
final class Chart {

  static final String RELEASE = "ha-iscsi-operator";
  static final String NAMESPACE = "ha-iscsi-system";

  /** helm-java renders for Kubernetes 1.20 unless told; the chart needs 1.25 or later. */
  static final String KUBE_VERSION = "1.30.0";

  private Chart() {}

  static Path repoRoot() {
    return Path.of(System.getProperty("hastorage.repoRoot", "..")).toAbsolutePath().normalize();
  }

  static Path dir() {
    return repoRoot().resolve("charts/ha-iscsi-operator");
  }

  static Helm helm() {
    return new Helm(dir());
  }

  /**
   * {@code helm template ha-iscsi-operator charts/ha-iscsi-operator -n ha-iscsi-system --set ...}.
   */
  static String template(Map<String, Object> values) {
    TemplateCommand command =
        helm().template().withName(RELEASE).withNamespace(NAMESPACE).withKubeVersion(KUBE_VERSION);
    values.forEach(command::set);
    return command.call();
  }

  static Manifests render(Map<String, Object> values) {
    return Manifests.parse(template(values));
  }

  static Manifests render() {
    return render(Map.of());
  }
}
