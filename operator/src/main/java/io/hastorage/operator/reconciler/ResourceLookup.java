package io.hastorage.operator.reconciler;

import io.fabric8.kubernetes.client.CustomResource;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.util.Optional;

/** Finds a resource another one names, in the same namespace (cross-references are by name). */
public interface ResourceLookup<R extends CustomResource<?, ?>> {

  Optional<R> find(String namespace, String name);

  static <R extends CustomResource<?, ?>> ResourceLookup<R> of(
      KubernetesClient client, Class<R> type) {
    return (namespace, name) ->
        Optional.ofNullable(client.resources(type).inNamespace(namespace).withName(name).get());
  }
}
