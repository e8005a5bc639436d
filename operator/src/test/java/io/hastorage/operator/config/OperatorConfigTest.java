package io.hastorage.operator.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class OperatorConfigTest {

  @Test
  void defaultsApplyWhenUnset() {
    OperatorConfig config = OperatorConfig.defaults();

    assertThat(config.get(OperatorConfig.RESYNC_PERIOD)).isEqualTo(Duration.ofSeconds(60));
    assertThat(config.get(OperatorConfig.SSH_MAX_CHANNELS)).isEqualTo(8);
    assertThat(config.get(OperatorConfig.WATCH_NAMESPACES)).isEmpty();
    assertThat(config.get(OperatorConfig.LEADER_ELECTION)).isTrue();
  }

  @Test
  void readsTypedValuesFromTheEnvironment() {
    OperatorConfig config =
        OperatorConfig.from(
            Map.of(
                "HASTORAGE_RESYNC_PERIOD",
                "5m",
                "HASTORAGE_WATCH_NAMESPACES",
                "storage, lab",
                "HASTORAGE_PROBE_TIMEOUT",
                "PT45S",
                "HASTORAGE_LEADER_ELECTION",
                "false"));

    assertThat(config.get(OperatorConfig.RESYNC_PERIOD)).isEqualTo(Duration.ofMinutes(5));
    assertThat(config.get(OperatorConfig.PROBE_TIMEOUT)).isEqualTo(Duration.ofSeconds(45));
    assertThat(config.get(OperatorConfig.WATCH_NAMESPACES)).isEqualTo(Set.of("storage", "lab"));
    assertThat(config.get(OperatorConfig.LEADER_ELECTION)).isFalse();
    assertThat(config.with(Map.of("HASTORAGE_HTTP_PORT", "0")).get(OperatorConfig.RESYNC_PERIOD))
        .isEqualTo(Duration.ofMinutes(5));
  }

  @Test
  void badValuesFailLoudlyNamingTheKey() {
    assertThatThrownBy(() -> OperatorConfig.from(Map.of("HASTORAGE_SSH_MAX_CHANNELS", "lots")))
        .hasMessageContaining("HASTORAGE_SSH_MAX_CHANNELS");
    assertThatThrownBy(() -> OperatorConfig.from(Map.of("HASTORAGE_LEADER_ELECTION", "yes")))
        .hasMessageContaining("HASTORAGE_LEADER_ELECTION");
  }
}
