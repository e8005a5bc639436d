package io.hastorage.operator.api;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.MappingIterator;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.client.utils.Serialization;
import io.hastorage.operator.api.cluster.StorageCluster;
import io.hastorage.operator.api.common.ApiGroup;
import io.hastorage.operator.api.drbd.DrbdVolume;
import io.hastorage.operator.api.ocfs2.Ocfs2Mount;
import io.hastorage.operator.api.scst.ScstTarget;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** Reads a multi-document YAML file holding our four kinds (other kinds are skipped). */
public final class Manifests {

  private static final Map<String, Class<? extends HasMetadata>> KINDS =
      Map.of(
          "StorageCluster", StorageCluster.class,
          "DrbdVolume", DrbdVolume.class,
          "ScstTarget", ScstTarget.class,
          "Ocfs2Mount", Ocfs2Mount.class);

  private Manifests() {}

  /** The resources in document order. */
  public static List<HasMetadata> parse(String yaml) throws IOException {
    List<HasMetadata> resources = new ArrayList<>();
    try (MappingIterator<JsonNode> docs =
        new YAMLMapper().readerFor(JsonNode.class).readValues(yaml)) {
      while (docs.hasNext()) {
        JsonNode doc = docs.next();
        if (doc == null || doc.isNull() || doc.isMissingNode() || doc.isEmpty()) {
          continue;
        }
        String apiVersion = doc.path("apiVersion").asText();
        Class<? extends HasMetadata> type = KINDS.get(doc.path("kind").asText());
        if (type != null && apiVersion.equals(ApiGroup.GROUP + "/" + ApiGroup.VERSION)) {
          resources.add(Serialization.jsonMapper().treeToValue(doc, type));
        }
      }
    }
    return resources;
  }

  public static <T extends HasMetadata> List<T> ofKind(List<HasMetadata> resources, Class<T> type) {
    return resources.stream().filter(type::isInstance).map(type::cast).toList();
  }
}
