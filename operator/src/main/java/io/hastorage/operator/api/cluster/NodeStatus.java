package io.hastorage.operator.api.cluster;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/** What the last probe found on one node. Contains no timestamps, so it only changes with facts. */
@JsonInclude(JsonInclude.Include.NON_EMPTY)
public class NodeStatus {

  public String name;
  public NodeRole role;

  @JsonPropertyDescription("The probe ran on the node.")
  public Boolean reachable;

  @JsonPropertyDescription(
      "Why the node could not be used (NodeUnreachable, HostKeyMismatch, ...).")
  public String reason;

  public String os;
  public String kernel;

  @JsonPropertyDescription("Versions of the storage tools found on the node.")
  public ToolVersions versions;

  @JsonPropertyDescription("Required packages that are not installed.")
  public List<String> missingPackages = new ArrayList<>();

  @JsonPropertyDescription("Required kernel modules that are not loaded.")
  public List<String> missingModules = new ArrayList<>();

  @JsonPropertyDescription("True when nothing is missing.")
  public Boolean prerequisitesMet;

  /** Tool versions as reported by the tools themselves; absent when not installed. */
  @JsonInclude(JsonInclude.Include.NON_EMPTY)
  public static class ToolVersions {
    public String drbdUtils;
    public String drbdKernel;
    public String scst;
    public String pacemaker;
    public String corosync;
    public String openIscsi;
    public String ocfs2Tools;

    @Override
    public boolean equals(Object o) {
      return o instanceof ToolVersions v
          && Objects.equals(drbdUtils, v.drbdUtils)
          && Objects.equals(drbdKernel, v.drbdKernel)
          && Objects.equals(scst, v.scst)
          && Objects.equals(pacemaker, v.pacemaker)
          && Objects.equals(corosync, v.corosync)
          && Objects.equals(openIscsi, v.openIscsi)
          && Objects.equals(ocfs2Tools, v.ocfs2Tools);
    }

    @Override
    public int hashCode() {
      return Objects.hash(drbdUtils, drbdKernel, scst, pacemaker, corosync, openIscsi, ocfs2Tools);
    }
  }
}
