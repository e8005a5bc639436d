package io.hastorage.operator.plan.pacemaker;

import io.hastorage.operator.api.cluster.StonithDevice;
import io.hastorage.operator.api.cluster.StorageClusterSpec;
import io.hastorage.operator.testing.Examples;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Map;

/** The seed example's Pacemaker settings with test passwords; fresh objects for every caller. */
final class SeedPacemaker {

  /** Holds every character XML must escape, so escaping is exercised end to end. */
  static final String PASSWORD_CENTOS01 = "Tr0ub4dor&3<\"x\">";

  static final String PASSWORD_CENTOS02 = "s3cret-centos02";

  private SeedPacemaker() {}

  static StorageClusterSpec spec() {
    return Examples.seedCluster().getSpec();
  }

  static Map<String, String> secrets() {
    return Map.of(
        "ipmi-centos01/password", PASSWORD_CENTOS01, "ipmi-centos02/password", PASSWORD_CENTOS02);
  }

  static StonithDevice device(StorageClusterSpec spec, String name) {
    return spec.pacemaker.stonith.stream()
        .filter(d -> d.name.equals(name))
        .findFirst()
        .orElseThrow();
  }

  /** A golden file from src/test/resources/golden/pacemaker, canonicalized. */
  static String golden(String name) {
    return CanonicalXml.canonicalize(goldenRaw(name));
  }

  /** A golden file as written: pretty-printed, attributes in the order a person reads them. */
  static String goldenRaw(String name) {
    try (InputStream in = SeedPacemaker.class.getResourceAsStream("/golden/pacemaker/" + name)) {
      if (in == null) {
        throw new IllegalArgumentException("no golden file " + name);
      }
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
