package io.hastorage.operator.testing;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.hastorage.operator.api.Manifests;
import io.hastorage.operator.api.cluster.StorageCluster;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/** The committed example manifest, freshly parsed for each caller (no shared mutable state). */
public final class Examples {

  private Examples() {}

  public static Path repoRoot() {
    return Path.of(System.getProperty("hastorage.repoRoot", ".."));
  }

  public static List<HasMetadata> seed() {
    try {
      return Manifests.parse(
          Files.readString(repoRoot().resolve("deploy/examples/storagecluster.yaml")));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  public static StorageCluster seedCluster() {
    return Manifests.ofKind(seed(), StorageCluster.class).get(0);
  }
}
