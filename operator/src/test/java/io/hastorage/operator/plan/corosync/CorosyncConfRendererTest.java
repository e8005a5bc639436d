package io.hastorage.operator.plan.corosync;

import static org.assertj.core.api.Assertions.assertThat;

import io.hastorage.operator.plan.ManagedFiles;
import io.hastorage.operator.testing.Captured;
import io.hastorage.operator.testing.Examples;
import java.util.List;
import org.junit.jupiter.api.Test;

class CorosyncConfRendererTest {

  static CorosyncConfig seed() {
    return CorosyncConfig.from(Examples.seedCluster().getSpec());
  }

  static CorosyncConfig oneLink(boolean crypto, boolean waitForAll) {
    return new CorosyncConfig(
        "lab",
        List.of(
            new CorosyncNode("t1", 1, List.of("10.99.0.11")),
            new CorosyncNode("t2", 2, List.of("10.99.0.12"))),
        3000,
        3600,
        crypto,
        true,
        waitForAll);
  }

  @Test
  void theSeedRendersExactlyAsTheGoldenFile() {
    assertThat(CorosyncConfRenderer.render(seed()))
        .isEqualTo(Captured.read("../golden/corosync/seed-corosync.conf"));
  }

  @Test
  void theFileStartsWithTheManagedHeader() {
    assertThat(CorosyncConfRenderer.render(seed())).startsWith(ManagedFiles.header("#"));
  }

  @Test
  void renderingIsDeterministic() {
    assertThat(CorosyncConfRenderer.render(seed())).isEqualTo(CorosyncConfRenderer.render(seed()));
  }

  @Test
  void withoutCryptoThereIsNoCipherAndNoKeyfile() {
    String conf = CorosyncConfRenderer.render(oneLink(false, true));

    assertThat(conf)
        .contains("  crypto_cipher: none\n  crypto_hash: none\n")
        .doesNotContain("keyfile")
        .doesNotContain("aes256");
  }

  @Test
  void oneLinkGivesOneInterfaceAndOnlyRing0() {
    String conf = CorosyncConfRenderer.render(oneLink(true, true));

    assertThat(conf).containsOnlyOnce("interface {").contains("    linknumber: 0\n");
    assertThat(conf).contains("ring0_addr: 10.99.0.11").doesNotContain("ring1_addr");
  }

  /** two_node turns wait_for_all on by itself (votequorum(5)), so off must be written as 0. */
  @Test
  void waitForAllOffIsWrittenExplicitly() {
    String conf = CorosyncConfRenderer.render(oneLink(true, false));

    assertThat(conf).contains("  two_node: 1\n  wait_for_all: 0\n");
  }
}
