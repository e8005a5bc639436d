package io.hastorage.operator.plan.drbd.pacemaker;

import io.hastorage.operator.api.Manifests;
import io.hastorage.operator.api.drbd.DrbdVolume;
import io.hastorage.operator.plan.pacemaker.CanonicalXml;
import io.hastorage.operator.testing.Examples;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;

/** The seed's DrbdVolume vg1 from deploy/examples, and the golden CIB elements it must render. */
final class SeedDrbdVolume {

  private SeedDrbdVolume() {}

  /** A fresh copy of the example manifest's DrbdVolume (callers may change it). */
  static DrbdVolume vg1() {
    return Manifests.ofKind(Examples.seed(), DrbdVolume.class).stream()
        .filter(v -> "vg1".equals(v.getMetadata().getName()))
        .findFirst()
        .orElseThrow();
  }

  /** A golden file from src/test/resources/golden/drbd-pacemaker, canonicalized. */
  static String golden(String id) {
    String path = "/golden/drbd-pacemaker/" + id + ".xml";
    try (InputStream in = SeedDrbdVolume.class.getResourceAsStream(path)) {
      if (in == null) {
        throw new IllegalArgumentException("no golden file " + path);
      }
      return CanonicalXml.canonicalize(new String(in.readAllBytes(), StandardCharsets.UTF_8));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
