package io.hastorage.operator.reconciler;

import io.fabric8.kubernetes.api.model.OwnerReferenceBuilder;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.SecretBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.hastorage.operator.api.cluster.StorageCluster;
import io.hastorage.operator.plan.corosync.Authkey;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.Map;
import java.util.Optional;

/**
 * The Corosync authkey of a cluster lives in a Secret the operator owns ({@code NAME-corosync-
 * authkey}, owner: the StorageCluster). It is generated once, on the first reconcile, and read back
 * ever after, so both targets always get the same key and a restarted operator never rolls it. A
 * Secret of that name without an authkey is not overwritten: it is reported instead.
 */
public final class AuthkeyStore {

  public static final String KEY = "authkey";

  /** corosync-keygen's default: 2048 bits. */
  static final int KEY_BYTES = 256;

  private final KubernetesClient client;
  private final SecureRandom random;

  public AuthkeyStore(KubernetesClient client, SecureRandom random) {
    this.client = client;
    this.random = random;
  }

  public static String secretName(StorageCluster cluster) {
    return cluster.getMetadata().getName() + "-corosync-authkey";
  }

  /** The key, or empty when a Secret of our name exists but holds no authkey (not ours). */
  public Optional<byte[]> authkeyFor(StorageCluster cluster) {
    String namespace = cluster.getMetadata().getNamespace();
    Secret existing = client.secrets().inNamespace(namespace).withName(secretName(cluster)).get();
    if (existing != null) {
      String encoded = existing.getData() == null ? null : existing.getData().get(KEY);
      return Optional.ofNullable(encoded).map(Base64.getDecoder()::decode);
    }
    byte[] key = Authkey.generate(random);
    client.secrets().inNamespace(namespace).resource(newSecret(cluster, key)).create();
    return Optional.of(key);
  }

  private static Secret newSecret(StorageCluster cluster, byte[] key) {
    return new SecretBuilder()
        .withNewMetadata()
        .withName(secretName(cluster))
        .withNamespace(cluster.getMetadata().getNamespace())
        .withLabels(Map.of("app.kubernetes.io/managed-by", "ha-iscsi-operator"))
        .withOwnerReferences(
            new OwnerReferenceBuilder()
                .withApiVersion(cluster.getApiVersion())
                .withKind(cluster.getKind())
                .withName(cluster.getMetadata().getName())
                .withUid(cluster.getMetadata().getUid())
                .withController(true)
                .withBlockOwnerDeletion(true)
                .build())
        .endMetadata()
        .withType("Opaque")
        .withData(Map.of(KEY, Base64.getEncoder().encodeToString(key)))
        .build();
  }
}
