package io.hastorage.operator.reconciler;

import io.fabric8.kubernetes.api.model.OwnerReferenceBuilder;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.SecretBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.hastorage.operator.api.cluster.StorageCluster;
import io.hastorage.operator.plan.corosync.Authkey;
import java.net.HttpURLConnection;
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

  /** What looking the key up found. */
  public enum Outcome {
    /** The Secret exists and holds the key. */
    FOUND,
    /** A Secret of our name exists without an authkey: someone else's, left alone. */
    FOREIGN,
    /** There was no Secret; a new key was generated and stored. */
    GENERATED,
    /** There is no Secret but the nodes already have a key: no new key is made to replace it. */
    WITHHELD
  }

  /** The key (present for FOUND and GENERATED) and how it was obtained. */
  public record Lookup(Optional<byte[]> key, Outcome outcome) {}

  /**
   * The cluster's key. A new one is generated only when the target nodes have none: replacing the
   * key of a running cluster (one adopted from a hand-built setup, or whose Secret was deleted)
   * would split it at the next restart of one node.
   */
  public Lookup authkeyFor(StorageCluster cluster, boolean nodesHaveKey) {
    String namespace = cluster.getMetadata().getNamespace();
    Secret existing = client.secrets().inNamespace(namespace).withName(secretName(cluster)).get();
    if (existing != null) {
      return found(existing);
    }
    if (nodesHaveKey) {
      return new Lookup(Optional.empty(), Outcome.WITHHELD);
    }
    byte[] key = Authkey.generate(random);
    try {
      client.secrets().inNamespace(namespace).resource(newSecret(cluster, key)).create();
    } catch (KubernetesClientException e) {
      if (e.getCode() != HttpURLConnection.HTTP_CONFLICT) {
        throw e;
      }
      // another operator instance stored its key first (an overlapping leadership hand-over):
      // use that one, so both targets still get a single key
      return found(client.secrets().inNamespace(namespace).withName(secretName(cluster)).get());
    }
    return new Lookup(Optional.of(key), Outcome.GENERATED);
  }

  private static Lookup found(Secret existing) {
    String encoded =
        existing == null || existing.getData() == null ? null : existing.getData().get(KEY);
    return encoded == null
        ? new Lookup(Optional.empty(), Outcome.FOREIGN)
        : new Lookup(Optional.of(Base64.getDecoder().decode(encoded)), Outcome.FOUND);
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
