package io.hastorage.operator.api.cluster;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.hastorage.operator.api.common.ResourceStatus;
import java.util.ArrayList;
import java.util.List;

/** Per-node facts and cluster-level conditions. */
@JsonInclude(JsonInclude.Include.NON_EMPTY)
public class StorageClusterStatus extends ResourceStatus {

  @JsonPropertyDescription("One entry per node in spec.nodes.")
  public List<NodeStatus> nodes = new ArrayList<>();

  @JsonPropertyDescription("Nodes that were reached, as 'reachable/total'.")
  public String nodesReachable;

  @JsonPropertyDescription("Pacemaker's view of the cluster.")
  public ClusterState cluster;

  /** The cluster layer's health as crm_mon and corosync-cfgtool report it. */
  @JsonInclude(JsonInclude.Include.NON_EMPTY)
  public static class ClusterState {
    @JsonPropertyDescription("The partition the operator observed has quorum.")
    public Boolean quorate;

    @JsonPropertyDescription("Target nodes Pacemaker reports online.")
    public List<String> nodesOnline = new ArrayList<>();

    @JsonPropertyDescription("Pacemaker's designated controller (DC).")
    public String designatedController;

    @JsonPropertyDescription(
        "stonith-enabled is true and every target is fenced by a device in the CIB.")
    public Boolean fencingConfigured;

    @JsonPropertyDescription("Corosync link (ring) state as seen from each target node.")
    public List<LinkState> links = new ArrayList<>();
  }

  /** One Corosync link as one node sees it. */
  @JsonInclude(JsonInclude.Include.NON_EMPTY)
  public static class LinkState {
    public String node;
    public Integer link;
    public String network;
    public Boolean connected;
  }
}
