package io.hastorage.operator.api.scst;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.hastorage.operator.api.common.ResourceStatus;
import java.util.ArrayList;
import java.util.List;

/** Where the target runs, its portals and LUNs, and how many initiators are connected. */
@JsonInclude(JsonInclude.Include.NON_EMPTY)
public class ScstTargetStatus extends ResourceStatus {

  @JsonPropertyDescription("Node running the target group (the DRBD primary).")
  public String activeNode;

  @JsonPropertyDescription(
      "The last node seen running the target; kept while it moves, so a failover is noticed.")
  public String lastActiveNode;

  @JsonPropertyDescription("The agents the target runs with (scst-ocf or resource-agents).")
  public String agents;

  public List<PortalState> portals = new ArrayList<>();

  public List<LunState> luns = new ArrayList<>();

  @JsonPropertyDescription("Initiator sessions on the active node, where the backend reports them.")
  public Integer sessions;

  /** One portal: its VIP and whether Pacemaker has it up. */
  @JsonInclude(JsonInclude.Include.NON_EMPTY)
  public static class PortalState {
    public String ip;
    public Integer port;
    public String network;
    public Boolean up;
  }

  /** A LUN's stable identity. */
  @JsonInclude(JsonInclude.Include.NON_EMPTY)
  public static class LunState {
    public Integer number;
    public String deviceName;
    public String scsiSn;
    public String t10DevId;
  }
}
