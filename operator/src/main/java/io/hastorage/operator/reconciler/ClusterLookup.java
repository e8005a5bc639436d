package io.hastorage.operator.reconciler;

import io.fabric8.kubernetes.client.KubernetesClient;
import io.hastorage.operator.api.cluster.StorageCluster;
import java.util.Optional;

/** Finds the StorageCluster a resource names, in the resource's namespace. */
public interface ClusterLookup {

  Optional<StorageCluster> find(String namespace, String name);

  static ClusterLookup of(KubernetesClient client) {
    return (namespace, name) ->
        Optional.ofNullable(
            client.resources(StorageCluster.class).inNamespace(namespace).withName(name).get());
  }
}
