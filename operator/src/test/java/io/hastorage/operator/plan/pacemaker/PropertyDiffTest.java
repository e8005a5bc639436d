package io.hastorage.operator.plan.pacemaker;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class PropertyDiffTest {

  private static final Cib CURRENT =
      new Cib(
          Map.of(
              "stonith-enabled", "false",
              "no-quorum-policy", "stop",
              "dc-version", "2.1.5-a3f44794f94",
              "maintenance-mode", "true"),
          Map.of());

  @Test
  void setsOnlyMissingOrDifferentValuesInDesiredOrder() {
    Map<String, String> desired = new LinkedHashMap<>();
    desired.put("stonith-enabled", "true");
    desired.put("no-quorum-policy", "stop");
    desired.put("cluster-recheck-interval", "5min");

    assertThat(PropertyDiff.diff(desired, CURRENT))
        .containsExactly(
            new PropertyChange("stonith-enabled", "true", Optional.of("false")),
            new PropertyChange("cluster-recheck-interval", "5min", Optional.empty()));
  }

  @Test
  void neverUnsetsPropertiesItDoesNotManage() {
    assertThat(PropertyDiff.diff(Map.of("no-quorum-policy", "stop"), CURRENT)).isEmpty();
  }

  @Test
  void describesTheChange() {
    assertThat(new PropertyChange("a", "1", Optional.of("0"))).hasToString("a=1 (was 0)");
    assertThat(new PropertyChange("a", "1", Optional.empty())).hasToString("a=1 (unset)");
  }
}
