package io.hastorage.e2e.sim;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.security.KeyPair;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Target pairs with any names live side by side; each is its own cluster and replication. */
class SimulatedTargetPairTest {

  private final KeyPair clientKey = SshKeys.generate();

  @Test
  void pairsAreNamedAsAskedAndIndependent() throws IOException {
    SimulatedTools tools = SimulatedTools.standard();
    try (SimulatedTargetPair first =
            new SimulatedTargetPair("pair01-a", "pair01-b", List.of(clientKey.getPublic()), tools);
        SimulatedTargetPair second =
            new SimulatedTargetPair(
                "pair02-a", "pair02-b", List.of(clientKey.getPublic()), tools)) {
      first.start();
      second.start();

      assertThat(first.names()).containsExactly("pair01-a", "pair01-b");
      assertThat(first.cluster().nodeNames()).containsExactly("pair01-a", "pair01-b");
      assertThat(second.cluster().nodeNames()).containsExactly("pair02-a", "pair02-b");
      assertThat(first.node("pair01-a").disks().exists(SeedNodes.TARGET_DISK)).isTrue();
      assertThat(first.server("pair01-a").port()).isNotEqualTo(second.server("pair02-a").port());

      first.server("pair01-b").stop(); // a crash of one pair's machine
      assertThat(first.cluster().isHostUp("pair01-b")).isFalse();
      assertThat(second.cluster().isHostUp("pair02-b")).isTrue();
      assertThatThrownBy(() -> first.node("pair02-a")).hasMessageContaining("pair01-a");
    }
  }

  @Test
  void aPairHasTwoNodes() {
    assertThatThrownBy(
            () ->
                new SimulatedTargetPair(
                    List.of(SeedNodes.centosTarget("lonely")),
                    List.of(clientKey.getPublic()),
                    SimulatedTools.standard()))
        .hasMessageContaining("2 nodes");
  }
}
