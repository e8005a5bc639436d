package io.hastorage.operator.plan.scst;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.hastorage.operator.api.Manifests;
import io.hastorage.operator.api.drbd.DrbdVolume;
import io.hastorage.operator.api.scst.ScstTarget;
import io.hastorage.operator.plan.pacemaker.CanonicalXml;
import io.hastorage.operator.testing.Examples;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

/** The seed's ScstTarget vg1-target and DrbdVolume vg1 from deploy/examples, fresh per call. */
final class SeedScstTarget {

  static final String IQN = "iqn.2016-02.local.virtual:virtual.vg1";

  private SeedScstTarget() {}

  /** A fresh copy of the example's ScstTarget (callers may change it). */
  static ScstTarget target() {
    return Manifests.ofKind(Examples.seed(), ScstTarget.class).stream()
        .filter(t -> "vg1-target".equals(t.getMetadata().getName()))
        .findFirst()
        .orElseThrow();
  }

  /** The example's DrbdVolumes by metadata.name, fresh copies. */
  static Map<String, DrbdVolume> volumes() {
    List<HasMetadata> seed = Examples.seed();
    return Manifests.ofKind(seed, DrbdVolume.class).stream()
        .collect(Collectors.toMap(v -> v.getMetadata().getName(), Function.identity()));
  }

  /** The seed's context: scst-ocf agents, Pacemaker 2.1 roles. */
  static TargetRenderContext context() {
    return TargetRenderContext.of(volumes());
  }

  /** A golden file from src/test/resources/golden/scst-pacemaker, canonicalized. */
  static String golden(String name) {
    String path = "/golden/scst-pacemaker/" + name + ".xml";
    try (InputStream in = SeedScstTarget.class.getResourceAsStream(path)) {
      if (in == null) {
        throw new IllegalArgumentException("no golden file " + path);
      }
      return CanonicalXml.canonicalize(new String(in.readAllBytes(), StandardCharsets.UTF_8));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
