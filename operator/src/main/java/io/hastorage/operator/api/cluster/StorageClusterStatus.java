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

  /** The cluster layer's health as crm_mon reports it. */
  @JsonInclude(JsonInclude.Include.NON_EMPTY)
  public static class ClusterState {
    public Boolean quorate;
    public List<String> nodesOnline = new ArrayList<>();
    public String designatedController;
    public Boolean fencingConfigured;
  }
}
