package io.hastorage.operator.status;

import static org.assertj.core.api.Assertions.assertThat;

import io.hastorage.operator.api.cluster.StorageClusterSpec;
import io.hastorage.operator.api.cluster.StorageClusterStatus;
import io.hastorage.operator.plan.Plan;
import io.hastorage.operator.plan.cluster.ClusterView;
import io.hastorage.operator.plan.corosync.CorosyncLinkStatusParser;
import io.hastorage.operator.plan.corosync.LinkStatus;
import io.hastorage.operator.plan.pacemaker.CrmMonParser;
import io.hastorage.operator.testing.Captured;
import io.hastorage.operator.testing.Examples;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class ClusterLayerConditionsTest {

  private final StorageClusterStatusAggregator aggregator =
      new StorageClusterStatusAggregator(
          Clock.fixed(Instant.parse("2026-11-25T10:00:00Z"), ZoneOffset.UTC));

  private static ClusterSnapshot snapshot(StorageClusterSpec spec, ClusterView view) {
    return new ClusterSnapshot(
        spec,
        1,
        false,
        false,
        List.of(),
        Map.of(),
        Map.of(),
        Optional.of(view),
        List.of(),
        Plan.empty(),
        Map.of());
  }

  private static List<LinkStatus> links(String... addresses) {
    List<LinkStatus> links = new java.util.ArrayList<>();
    for (int i = 0; i < addresses.length; i++) {
      links.add(
          new LinkStatus(
              i, addresses[i], Map.of(1, LinkStatus.LOCALHOST, 2, LinkStatus.CONNECTED)));
    }
    return links;
  }

  @Test
  void aLinkRunningOnAnOldAddressNeedsARestartAndSaysSo() {
    StorageClusterSpec spec = Examples.seedCluster().getSpec();
    ClusterView view =
        new ClusterView(
            Optional.empty(),
            Map.of(
                "centos01", links("10.20.1.99", "192.168.0.178"), "centos02", links("10.20.1.11")),
            Optional.empty());

    StorageClusterStatus status = aggregator.aggregate(snapshot(spec, view), null);

    var condition = status.condition("CorosyncRuntimeMatchesSpec").orElseThrow();
    assertThat(condition.getReason()).isEqualTo("RestartRequired");
    assertThat(condition.getMessage())
        .contains("centos01 link 0 runs on 10.20.1.99, the spec says 10.20.1.17")
        .contains("centos02 link 1 (192.168.0.179) is not running")
        .contains("restart Corosync on both targets");
  }

  @Test
  void runningLinksOnTheSpecsAddressesMatch() {
    StorageClusterSpec spec = Examples.seedCluster().getSpec();
    ClusterView view =
        new ClusterView(
            Optional.empty(),
            Map.of(
                "centos01",
                links("10.20.1.17", "192.168.0.178"),
                "centos02",
                links("10.20.1.11", "192.168.0.179")),
            Optional.empty());

    StorageClusterStatus status = aggregator.aggregate(snapshot(spec, view), null);

    assertThat(status.condition("CorosyncRuntimeMatchesSpec").orElseThrow().getStatus())
        .isEqualTo("True");
    assertThat(status.condition("LinksHealthy").orElseThrow().getStatus()).isEqualTo("True");
  }

  @Test
  void aCrashedPeerShowsAsOfflineWithTheLinkDown() {
    StorageClusterSpec spec = Examples.seedCluster().getSpec();
    spec.nodes.get(0).name = "t1";
    spec.nodes.get(1).name = "t2";
    spec.pacemaker.stonith.get(0).fencesNode = "t1";
    spec.pacemaker.stonith.get(1).fencesNode = "t2";
    ClusterView view =
        new ClusterView(
            Optional.of(
                CrmMonParser.parse(Captured.read("lab-pacemaker-2.1.5/crm_mon-peer-crashed.xml"))),
            Map.of(
                "t1",
                CorosyncLinkStatusParser.parse(
                    Captured.read("lab-pacemaker-2.1.5/corosync-cfgtool-s-peer-down.txt"))),
            Optional.empty());

    StorageClusterStatus status = aggregator.aggregate(snapshot(spec, view), null);

    assertThat(status.condition("ClusterFormed").orElseThrow().getReason())
        .isEqualTo("TargetOffline");
    assertThat(status.condition("LinksHealthy").orElseThrow().getMessage())
        .contains("t1 link 0 to node 2: disconnected");
    assertThat(status.cluster.nodesOnline).containsExactly("t1");
    assertThat(status.cluster.designatedController).isEqualTo("t1");
    assertThat(status.condition("Ready").orElseThrow().getStatus()).isEqualTo("False");
  }
}
