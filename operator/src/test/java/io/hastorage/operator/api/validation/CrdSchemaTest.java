package io.hastorage.operator.api.validation;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.client.utils.Serialization;
import io.hastorage.operator.testing.Examples;
import io.hastorage.operator.testing.OpenApiSchemaChecker;
import java.nio.file.Path;
import java.util.List;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;

/**
 * The committed CRD schemas reject what the code-side validator rejects, and accept the example.
 */
class CrdSchemaTest {

  private static final Path CRDS = Examples.repoRoot().resolve("crds");

  private static JsonNode example(String kind) {
    HasMetadata resource =
        Examples.seed().stream().filter(r -> r.getKind().equals(kind)).findFirst().orElseThrow();
    return Serialization.jsonMapper().valueToTree(resource);
  }

  private static List<String> schemaErrors(String crd, String kind, Consumer<JsonNode> mutate)
      throws Exception {
    JsonNode object = example(kind);
    mutate.accept(object);
    return OpenApiSchemaChecker.forCrd(CRDS.resolve(crd)).check(object);
  }

  @Test
  void theSeedExamplePassesEverySchema() throws Exception {
    assertThat(schemaErrors("storageclusters.hastorage.io.yaml", "StorageCluster", o -> {}))
        .isEmpty();
    assertThat(schemaErrors("drbdvolumes.hastorage.io.yaml", "DrbdVolume", o -> {})).isEmpty();
    assertThat(schemaErrors("scsttargets.hastorage.io.yaml", "ScstTarget", o -> {})).isEmpty();
    assertThat(schemaErrors("ocfs2mounts.hastorage.io.yaml", "Ocfs2Mount", o -> {})).isEmpty();
  }

  @Test
  void theSchemaRejectsAnInjectedDevicePath() throws Exception {
    List<String> errors =
        schemaErrors(
            "drbdvolumes.hastorage.io.yaml",
            "DrbdVolume",
            o ->
                ((ObjectNode) o.at("/spec/volumes/0/backingDisks/0"))
                    .put("disk", "/dev/sdb; touch /tmp/pwned"));

    assertThat(errors)
        .singleElement()
        .asString()
        .startsWith(".spec.volumes[0].backingDisks[0].disk: should match");
  }

  @Test
  void theSchemaRejectsHostileValuesInFieldsThatReachNodes() throws Exception {
    assertThat(
            schemaErrors(
                "storageclusters.hastorage.io.yaml",
                "StorageCluster",
                o -> ((ObjectNode) o.at("/spec/nodes/0")).put("address", "10.0.0.1$(reboot)")))
        .hasSize(1);
    assertThat(
            schemaErrors(
                "storageclusters.hastorage.io.yaml",
                "StorageCluster",
                o ->
                    ((ObjectNode) o.at("/spec/prerequisites"))
                        .putArray("extraPackages")
                        .add("lvm2 `id`")))
        .hasSize(1);
    assertThat(
            schemaErrors(
                "scsttargets.hastorage.io.yaml",
                "ScstTarget",
                o -> ((ObjectNode) o.at("/spec")).put("iqn", "iqn.2016-02.local.virtual:vg1\nx")))
        .hasSize(1);
    assertThat(
            schemaErrors(
                "ocfs2mounts.hastorage.io.yaml",
                "Ocfs2Mount",
                o -> ((ObjectNode) o.at("/spec")).put("mountPoint", "/srv/../etc")))
        .hasSize(1);
    assertThat(
            schemaErrors(
                "scsttargets.hastorage.io.yaml",
                "ScstTarget",
                o -> ((ObjectNode) o.at("/spec/portals/0")).put("cidr", 33)))
        .hasSize(1);
  }
}
