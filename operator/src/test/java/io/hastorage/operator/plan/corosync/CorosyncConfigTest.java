package io.hastorage.operator.plan.corosync;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.hastorage.operator.api.cluster.StorageClusterSpec;
import io.hastorage.operator.testing.Examples;
import java.util.List;
import org.junit.jupiter.api.Test;

class CorosyncConfigTest {

  private static StorageClusterSpec seedSpec() {
    return Examples.seedCluster().getSpec();
  }

  @Test
  void theSeedGivesTheTargetPairWithBothRingsInLinkOrder() {
    CorosyncConfig config = CorosyncConfig.from(seedSpec());

    assertThat(config.clusterName()).isEqualTo("vg1");
    assertThat(config.nodes())
        .containsExactly(
            new CorosyncNode("centos01", 1, List.of("10.20.1.17", "192.168.0.178")),
            new CorosyncNode("centos02", 2, List.of("10.20.1.11", "192.168.0.179")));
    assertThat(config.linkCount()).isEqualTo(2);
    assertThat(config.tokenMs()).isEqualTo(3000);
    assertThat(config.consensusMs()).isEqualTo(3600);
    assertThat(config.crypto()).isTrue();
    assertThat(config.twoNode()).isTrue();
    assertThat(config.waitForAll()).isTrue();
  }

  @Test
  void initiatorsAreNotCorosyncMembers() {
    CorosyncConfig config = CorosyncConfig.from(seedSpec());

    assertThat(config.hasNode("drbd01")).isFalse();
    assertThat(config.hasNode("drbd02")).isFalse();
    assertThat(config.hasNode("centos01")).isTrue();
  }

  @Test
  void unsetFieldsTakeTheSchemaDefaults() {
    StorageClusterSpec spec = seedSpec();
    spec.corosync.tokenMs = null;
    spec.corosync.consensusMs = null;
    spec.corosync.crypto = null;
    spec.corosync.quorum = null;

    CorosyncConfig config = CorosyncConfig.from(spec);

    assertThat(config.tokenMs()).isEqualTo(CorosyncConfig.DEFAULT_TOKEN_MS).isEqualTo(3000);
    assertThat(config.consensusMs()).isEqualTo(CorosyncConfig.DEFAULT_CONSENSUS_MS).isEqualTo(3600);
    assertThat(config.crypto()).isTrue();
    assertThat(config.twoNode()).isTrue();
    assertThat(config.waitForAll()).isTrue();
  }

  @Test
  void explicitValuesWin() {
    StorageClusterSpec spec = seedSpec();
    spec.corosync.tokenMs = 5000;
    spec.corosync.consensusMs = 6000;
    spec.corosync.crypto = false;
    spec.corosync.quorum.waitForAll = false;
    spec.corosync.links = List.of("public");

    CorosyncConfig config = CorosyncConfig.from(spec);

    assertThat(config.tokenMs()).isEqualTo(5000);
    assertThat(config.consensusMs()).isEqualTo(6000);
    assertThat(config.crypto()).isFalse();
    assertThat(config.twoNode()).isTrue();
    assertThat(config.waitForAll()).isFalse();
    assertThat(config.nodes().get(0).linkAddresses()).containsExactly("192.168.0.178");
  }

  @Test
  void aTargetWithoutAnAddressOnALinkNetworkIsRefused() {
    StorageClusterSpec spec = seedSpec();
    spec.nodes.get(1).addresses.removeIf(a -> a.network.equals("public"));

    assertThatThrownBy(() -> CorosyncConfig.from(spec))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("target centos02 has no address on network public");
  }

  @Test
  void valuesThatWouldChangeTheFileStructureAreRefused() {
    List<CorosyncNode> nodes = List.of(new CorosyncNode("a", 1, List.of("10.0.0.1")));

    assertThatThrownBy(() -> new CorosyncConfig("vg1\n}", nodes, 3000, 3600, true, true, true))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> new CorosyncNode("a }", 1, List.of("10.0.0.1")))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> new CorosyncNode("a", 1, List.of("10.0.0.1\nring1_addr: x")))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void nodesMustAgreeOnTheLinksAndBeUnique() {
    CorosyncNode a = new CorosyncNode("a", 1, List.of("10.0.0.1", "10.1.0.1"));

    assertThatThrownBy(
            () ->
                new CorosyncConfig(
                    "c",
                    List.of(a, new CorosyncNode("b", 2, List.of("10.0.0.2"))),
                    3000,
                    3600,
                    true,
                    true,
                    true))
        .hasMessage("node b has 1 links, not 2");
    assertThatThrownBy(
            () ->
                new CorosyncConfig(
                    "c",
                    List.of(a, new CorosyncNode("b", 1, List.of("10.0.0.2", "10.1.0.2"))),
                    3000,
                    3600,
                    true,
                    true,
                    true))
        .hasMessageStartingWith("duplicate node name or nodeid");
    assertThatThrownBy(() -> new CorosyncConfig("c", List.of(), 3000, 3600, true, true, true))
        .hasMessage("the nodelist is empty");
  }
}
