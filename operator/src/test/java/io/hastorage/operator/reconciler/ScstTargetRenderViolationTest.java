package io.hastorage.operator.reconciler;

import static org.assertj.core.api.Assertions.assertThat;

import io.hastorage.operator.api.Manifests;
import io.hastorage.operator.api.scst.ScstTarget;
import io.hastorage.operator.api.validation.Violation;
import io.hastorage.operator.testing.Examples;
import org.junit.jupiter.api.Test;

/**
 * A refusal only the renderer can make (it sees the DrbdVolumes and the agents) becomes a violation
 * of the field it names, so the reconcile reports InvalidSpec instead of failing.
 */
class ScstTargetRenderViolationTest {

  private final ScstTarget target = Manifests.ofKind(Examples.seed(), ScstTarget.class).get(0);

  private Violation violation(String message) {
    return ScstTargetReconciler.renderViolation(target, new IllegalArgumentException(message));
  }

  @Test
  void theFieldTheRendererNamesIsThePath() {
    assertThat(
            violation(
                "ScstTarget vg1-target: spec.luns[0].logicalVolume is not an LV of DrbdVolume vg1"))
        .isEqualTo(new Violation("spec.luns[0].logicalVolume", "is not an LV of DrbdVolume vg1"));
    assertThat(
            violation(
                "ScstTarget vg1-target: spec.portals[0].port: these agents cannot bind a port;"
                    + " only 3260 is served"))
        .isEqualTo(
            new Violation(
                "spec.portals[0].port", "these agents cannot bind a port; only 3260 is served"));
  }

  @Test
  void aRefusalNamingNoFieldIsTheSpecs() {
    assertThat(violation("ScstTarget vg1-target: spec is missing").path()).isEqualTo("spec");
    assertThat(violation("ScstTarget vg1-target: tgt binds initiators by address").toString())
        .isEqualTo("spec: tgt binds initiators by address");
  }
}
