package io.hastorage.operator.reconciler;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import io.fabric8.kubernetes.api.model.SecretBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.server.mock.EnableKubernetesMockClient;
import io.fabric8.kubernetes.client.server.mock.KubernetesMockServer;
import io.hastorage.operator.api.cluster.StorageCluster;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.Map;
import org.junit.jupiter.api.Test;

@EnableKubernetesMockClient
class AuthkeyStoreTest {

  private static final String PATH = "/api/v1/namespaces/storage/secrets";

  KubernetesMockServer server;
  KubernetesClient client;

  private static StorageCluster cluster() {
    StorageCluster cluster = new StorageCluster();
    cluster.setMetadata(
        new ObjectMetaBuilder().withName("vg1").withNamespace("storage").withUid("u1").build());
    return cluster;
  }

  @Test
  void aKeyStoredByAnotherInstanceMeanwhileIsUsedInsteadOfOurs() {
    byte[] theirs = new byte[AuthkeyStore.KEY_BYTES];
    theirs[0] = 42;
    server.expect().get().withPath(PATH + "/vg1-corosync-authkey").andReturn(404, "").once();
    server.expect().post().withPath(PATH).andReturn(409, "").once();
    server
        .expect()
        .get()
        .withPath(PATH + "/vg1-corosync-authkey")
        .andReturn(
            200,
            new SecretBuilder()
                .withNewMetadata()
                .withName("vg1-corosync-authkey")
                .endMetadata()
                .withData(Map.of(AuthkeyStore.KEY, Base64.getEncoder().encodeToString(theirs)))
                .build())
        .once();

    AuthkeyStore.Lookup lookup =
        new AuthkeyStore(client, new SecureRandom()).authkeyFor(cluster(), false);

    assertThat(lookup.outcome()).isEqualTo(AuthkeyStore.Outcome.FOUND);
    assertThat(lookup.key()).hasValueSatisfying(k -> assertThat(k).isEqualTo(theirs));
  }

  @Test
  void anotherCreateFailureIsNotMistakenForARace() {
    server.expect().get().withPath(PATH + "/vg1-corosync-authkey").andReturn(404, "").once();
    server.expect().post().withPath(PATH).andReturn(403, "").once();

    AuthkeyStore store = new AuthkeyStore(client, new SecureRandom());

    assertThatThrownBy(() -> store.authkeyFor(cluster(), false))
        .isInstanceOf(KubernetesClientException.class)
        .satisfies(e -> assertThat(((KubernetesClientException) e).getCode()).isEqualTo(403));
  }
}
