package io.hastorage.operator.reconciler;

import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.util.Base64;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/** Reads named Secrets with a GET each: the operator needs `get` on Secrets, never list/watch. */
public final class KubernetesSecretReader implements SecretReader {

  private final KubernetesClient client;

  public KubernetesSecretReader(KubernetesClient client) {
    this.client = client;
  }

  @Override
  public Optional<Map<String, byte[]>> read(String namespace, String name) {
    Secret secret = client.secrets().inNamespace(namespace).withName(name).get();
    if (secret == null) {
      return Optional.empty();
    }
    Map<String, byte[]> data = new HashMap<>();
    if (secret.getData() != null) {
      secret.getData().forEach((k, v) -> data.put(k, Base64.getDecoder().decode(v)));
    }
    if (secret.getStringData() != null) {
      secret
          .getStringData()
          .forEach((k, v) -> data.put(k, v.getBytes(java.nio.charset.StandardCharsets.UTF_8)));
    }
    return Optional.of(data);
  }
}
