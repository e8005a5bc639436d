package io.hastorage.operator.plan.drbd;

import io.hastorage.operator.api.Manifests;
import io.hastorage.operator.api.drbd.DrbdVolume;
import io.hastorage.operator.api.drbd.DrbdVolumeSpec;
import io.hastorage.operator.plan.drbd.pacemaker.DrbdPacemakerElements;
import io.hastorage.operator.plan.pacemaker.CibElement;
import io.hastorage.operator.testing.Captured;
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

  /** The node lab's captured, empty CIB (Pacemaker 2.1.5). */
  static final String LAB_CIB = Captured.read("lab-pacemaker-2.1.5/cibadmin-query.xml");

  /** The lab's CIB holding the volume's clone, LVM resource and constraints (handed over). */
  static String handedOverCib(DrbdVolume volume) {
    StringBuilder resources = new StringBuilder("<resources>");
    StringBuilder constraints = new StringBuilder("<constraints>");
    for (CibElement element : DrbdPacemakerElements.desired(volume)) {
      (element.scope().equals(CibElement.RESOURCES) ? resources : constraints)
          .append(element.xml());
    }
    return LAB_CIB
        .replace("<resources/>", resources + "</resources>")
        .replace("<constraints/>", constraints + "</constraints>");
  }
}
