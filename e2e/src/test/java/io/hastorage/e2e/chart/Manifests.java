package io.hastorage.e2e.chart;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.MappingIterator;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.KubernetesResource;
import io.fabric8.kubernetes.client.utils.Serialization;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Kubernetes objects parsed from multi-document YAML (a chart's rendering or plain manifests),
 * typed where fabric8 knows the kind and generic otherwise (ServiceMonitor, PrometheusRule).
 */
final class Manifests {

  private static final YAMLMapper YAML = new YAMLMapper();

  private final List<HasMetadata> objects;

  private Manifests(List<HasMetadata> objects) {
    this.objects = List.copyOf(objects);
  }

  static Manifests parse(String yaml) {
    List<HasMetadata> objects = new ArrayList<>();
    try (MappingIterator<JsonNode> docs = YAML.readerFor(JsonNode.class).readValues(yaml)) {
      while (docs.hasNext()) {
        JsonNode doc = docs.next();
        if (doc == null || doc.isNull() || doc.isEmpty()) {
          continue;
        }
        KubernetesResource resource =
            Serialization.jsonMapper().treeToValue(doc, KubernetesResource.class);
        objects.add((HasMetadata) resource);
      }
    } catch (IOException e) {
      throw new UncheckedIOException("not Kubernetes YAML:\n" + yaml, e);
    }
    return new Manifests(objects);
  }

  static Manifests of(List<HasMetadata> objects) {
    return new Manifests(objects);
  }

  List<HasMetadata> all() {
    return objects;
  }

  Manifests plus(Manifests other) {
    List<HasMetadata> joined = new ArrayList<>(objects);
    joined.addAll(other.objects);
    return new Manifests(joined);
  }

  <T extends HasMetadata> List<T> all(Class<T> type) {
    return objects.stream().filter(type::isInstance).map(type::cast).toList();
  }

  <T extends HasMetadata> T one(Class<T> type) {
    List<T> found = all(type);
    assertThat(found).as("exactly one %s", type.getSimpleName()).hasSize(1);
    return found.get(0);
  }

  /** Objects of a kind fabric8 has no class for, by kind. */
  List<GenericKubernetesResource> generic(String kind) {
    return objects.stream()
        .filter(o -> o instanceof GenericKubernetesResource && kind.equals(o.getKind()))
        .map(GenericKubernetesResource.class::cast)
        .toList();
  }

  Optional<HasMetadata> find(String kind, String name) {
    return objects.stream()
        .filter(o -> kind.equals(o.getKind()) && name.equals(o.getMetadata().getName()))
        .findFirst();
  }

  List<String> kinds() {
    return objects.stream().map(HasMetadata::getKind).toList();
  }
}
