package io.hastorage.operator.api.cluster;

import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Required;
import io.fabric8.generator.annotation.Size;
import io.fabric8.generator.annotation.ValidationRule;
import java.util.ArrayList;
import java.util.List;

/** The machines and the cluster layer: who the nodes are, how they talk, how they are fenced. */
public class StorageClusterSpec {

  @Required
  @Size(min = 2, max = 66)
  @ValidationRule(
      value = "self.filter(n, n.role == 'Target').size() == 2",
      message = "exactly two nodes must have role Target")
  @ValidationRule(
      value = "self.all(a, self.exists_one(b, b.name == a.name))",
      message = "node names must be unique")
  @JsonPropertyDescription("The target pair and the initiator nodes.")
  public List<ClusterNode> nodes = new ArrayList<>();

  @Required
  @Size(min = 1, max = 8)
  @JsonPropertyDescription("Networks the nodes share (replication, storage, public).")
  public List<Network> networks = new ArrayList<>();

  @Required
  @JsonPropertyDescription("Corosync on the target pair.")
  public CorosyncSpec corosync;

  @JsonPropertyDescription("Pacemaker properties and fencing.")
  public PacemakerSpec pacemaker;

  @JsonPropertyDescription("Packages and kernel modules the nodes need.")
  public PrerequisitesSpec prerequisites;

  @JsonPropertyDescription("LVM system settings on the target nodes.")
  public LvmSystemSpec lvm;

  public List<ClusterNode> nodesWithRole(NodeRole role) {
    return nodes.stream().filter(n -> n.role == role).toList();
  }

  public PacemakerSpec pacemakerOrEmpty() {
    return pacemaker == null ? new PacemakerSpec() : pacemaker;
  }

  public PrerequisitesSpec prerequisitesOrEmpty() {
    return prerequisites == null ? new PrerequisitesSpec() : prerequisites;
  }
}
