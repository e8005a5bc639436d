package io.hastorage.operator.plan.drbd;

import io.hastorage.operator.api.Manifests;
import io.hastorage.operator.api.drbd.DrbdVolume;
import io.hastorage.operator.api.drbd.DrbdVolumeSpec;
import io.hastorage.operator.testing.Examples;

/** The seed's vg1 resource, freshly parsed for each caller. */
final class DrbdFixtures {

  static final String SECRET = "test-secret";

  private DrbdFixtures() {}

  static DrbdVolumeSpec seedVolume() {
    return Manifests.ofKind(Examples.seed(), DrbdVolume.class).get(0).getSpec();
  }

  static DrbdResourceConfig seed() {
    return DrbdResourceConfig.from(seedVolume(), Examples.seedCluster().getSpec(), SECRET);
  }
}
