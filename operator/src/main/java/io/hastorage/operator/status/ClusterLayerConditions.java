package io.hastorage.operator.status;

import static io.hastorage.operator.status.ConditionTypes.CLUSTER_FORMED;
import static io.hastorage.operator.status.ConditionTypes.COROSYNC_RUNTIME;
import static io.hastorage.operator.status.ConditionTypes.FENCING_CONFIGURED;
import static io.hastorage.operator.status.ConditionTypes.LINKS_HEALTHY;
import static io.hastorage.operator.status.ConditionTypes.SECRETS_AVAILABLE;

import io.hastorage.operator.api.cluster.NodeRole;
import io.hastorage.operator.api.cluster.PacemakerSpec;
import io.hastorage.operator.api.cluster.StorageClusterStatus;
import io.hastorage.operator.plan.cluster.ClusterView;
import io.hastorage.operator.plan.corosync.LinkStatus;
import io.hastorage.operator.plan.pacemaker.ClusterState;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/** Conditions and status of the Corosync/Pacemaker layer, from the observed cluster view. */
final class ClusterLayerConditions {

  private ClusterLayerConditions() {}

  static DesiredCondition fencing(ClusterSnapshot snapshot) {
    PacemakerSpec pacemaker = snapshot.spec().pacemakerOrEmpty();
    Set<String> fenced =
        pacemaker.stonith.stream().map(d -> d.fencesNode).collect(Collectors.toSet());
    List<String> unfenced = targets(snapshot).stream().filter(n -> !fenced.contains(n)).toList();
    if (!unfenced.isEmpty()) {
      return pacemaker.unfencedLabOrDefault()
          ? DesiredCondition.of(
              FENCING_CONFIGURED,
              false,
              Reasons.UNFENCED_LAB,
              "no STONITH for "
                  + String.join(", ", unfenced)
                  + "; allowed by spec.pacemaker.unfencedLab")
          : DesiredCondition.of(
              FENCING_CONFIGURED,
              false,
              Reasons.NO_FENCING,
              "no STONITH device fences "
                  + String.join(", ", unfenced)
                  + ": declare spec.pacemaker.stonith, or set unfencedLab for a lab");
    }
    boolean inCib = snapshot.cluster().map(v -> v.fencingInCib(snapshot.spec())).orElse(false);
    return inCib
        ? DesiredCondition.of(
            FENCING_CONFIGURED,
            true,
            "FencingConfigured",
            "stonith-enabled and a device for every target are in the CIB")
        : DesiredCondition.of(
            FENCING_CONFIGURED,
            false,
            Reasons.FENCING_PENDING,
            "STONITH devices are declared but not yet in the CIB");
  }

  static DesiredCondition clusterFormed(ClusterSnapshot snapshot) {
    Optional<ClusterState> state = snapshot.cluster().flatMap(ClusterView::pacemaker);
    if (state.isEmpty()) {
      return DesiredCondition.of(
          CLUSTER_FORMED,
          false,
          Reasons.CLUSTER_NOT_RUNNING,
          "no target node answered crm_mon: Pacemaker is not running yet");
    }
    if (!state.get().quorate()) {
      return DesiredCondition.of(
          CLUSTER_FORMED,
          false,
          Reasons.NOT_QUORATE,
          "the partition seen by the operator has no quorum; online: " + state.get().onlineNodes());
    }
    List<String> offline =
        targets(snapshot).stream().filter(n -> !state.get().onlineNodes().contains(n)).toList();
    if (!offline.isEmpty()) {
      return DesiredCondition.of(
          CLUSTER_FORMED,
          false,
          Reasons.TARGET_OFFLINE,
          String.join(", ", offline)
              + " offline in Pacemaker; online: "
              + state.get().onlineNodes());
    }
    return DesiredCondition.of(
        CLUSTER_FORMED,
        true,
        "ClusterFormed",
        "quorate, DC "
            + state.get().designatedController().orElse("none")
            + ", online: "
            + String.join(", ", state.get().onlineNodes()));
  }

  /** Link health is reported, not required for Ready: a redundant ring may be down. */
  static Optional<DesiredCondition> links(ClusterSnapshot snapshot) {
    Map<String, List<LinkStatus>> links =
        snapshot.cluster().map(ClusterView::links).orElse(Map.of());
    if (links.isEmpty()) {
      return Optional.empty();
    }
    List<String> down = new ArrayList<>();
    links.forEach(
        (node, statuses) ->
            statuses.forEach(
                link ->
                    link.peers()
                        .forEach(
                            (peer, state) -> {
                              if (!LinkStatus.LOCALHOST.equals(state)
                                  && !LinkStatus.CONNECTED.equals(state)) {
                                down.add(
                                    node
                                        + " link "
                                        + link.linkId()
                                        + " to node "
                                        + peer
                                        + ": "
                                        + state);
                              }
                            })));
    return Optional.of(
        down.isEmpty()
            ? DesiredCondition.of(
                LINKS_HEALTHY, true, "AllLinksConnected", "every Corosync link reaches every peer")
            : DesiredCondition.of(
                LINKS_HEALTHY, false, Reasons.LINK_DOWN, String.join("; ", down)));
  }

  /**
   * A reload cannot move a running Corosync link to another address or add one: only a restart can,
   * and the operator never restarts a running cluster by itself. Each target's runtime link
   * addresses (corosync-cfgtool -s) are compared with the spec's.
   */
  static Optional<DesiredCondition> corosyncRuntime(ClusterSnapshot snapshot) {
    Map<String, List<LinkStatus>> links =
        snapshot.cluster().map(ClusterView::links).orElse(Map.of());
    if (links.isEmpty()) {
      return Optional.empty();
    }
    List<String> differences = new ArrayList<>();
    List<String> networks = snapshot.spec().corosync.links;
    links.forEach(
        (node, statuses) -> {
          for (int link = 0; link < networks.size(); link++) {
            differences.addAll(
                linkDifference(
                    node, link, addressOn(snapshot, node, networks.get(link)), statuses));
          }
        });
    return Optional.of(
        differences.isEmpty()
            ? DesiredCondition.of(
                COROSYNC_RUNTIME,
                true,
                "MatchesSpec",
                "every running link uses the address the spec gives")
            : DesiredCondition.of(
                COROSYNC_RUNTIME,
                false,
                Reasons.RESTART_REQUIRED,
                String.join("; ", differences)
                    + ": a reload cannot move or add a link; restart Corosync on both targets in a maintenance window"));
  }

  private static List<String> linkDifference(
      String node, int link, String wanted, List<LinkStatus> statuses) {
    Optional<LinkStatus> running = statuses.stream().filter(s -> s.linkId() == link).findFirst();
    if (running.isEmpty()) {
      return List.of(node + " link " + link + " (" + wanted + ") is not running");
    }
    return running.get().localAddress().equals(wanted)
        ? List.of()
        : List.of(
            node
                + " link "
                + link
                + " runs on "
                + running.get().localAddress()
                + ", the spec says "
                + wanted);
  }

  private static String addressOn(ClusterSnapshot snapshot, String node, String network) {
    return snapshot.spec().nodes.stream()
        .filter(n -> n.name.equals(node))
        .findFirst()
        .flatMap(n -> n.addressOn(network))
        .map(a -> a.address)
        .orElse("");
  }

  static DesiredCondition secrets(ClusterSnapshot snapshot) {
    return snapshot.secretProblems().isEmpty()
        ? DesiredCondition.of(
            SECRETS_AVAILABLE,
            true,
            "SecretsAvailable",
            "the authkey and fence secrets are readable")
        : DesiredCondition.of(
            SECRETS_AVAILABLE,
            false,
            Reasons.SECRET_MISSING,
            String.join("; ", snapshot.secretProblems()));
  }

  static StorageClusterStatus.ClusterState clusterState(ClusterSnapshot snapshot) {
    StorageClusterStatus.ClusterState status = new StorageClusterStatus.ClusterState();
    Optional<ClusterView> view = snapshot.cluster();
    view.flatMap(ClusterView::pacemaker)
        .ifPresent(
            state -> {
              status.quorate = state.quorate();
              status.nodesOnline = new ArrayList<>(state.onlineNodes());
              status.designatedController = state.designatedController().orElse(null);
            });
    status.fencingConfigured = view.map(v -> v.fencingInCib(snapshot.spec())).orElse(false);
    List<String> networks = snapshot.spec().corosync.links;
    view.map(ClusterView::links)
        .orElse(Map.of())
        .forEach(
            (node, statuses) ->
                statuses.forEach(
                    link -> {
                      StorageClusterStatus.LinkState state = new StorageClusterStatus.LinkState();
                      state.node = node;
                      state.link = link.linkId();
                      state.network =
                          link.linkId() < networks.size() ? networks.get(link.linkId()) : null;
                      state.connected = link.allPeersConnected();
                      status.links.add(state);
                    }));
    return status;
  }

  private static List<String> targets(ClusterSnapshot snapshot) {
    return snapshot.spec().nodesWithRole(NodeRole.Target).stream().map(n -> n.name).toList();
  }
}
