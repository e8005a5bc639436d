package io.hastorage.operator.api.scst;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.hastorage.operator.api.common.ResourceStatus;
import java.util.ArrayList;
import java.util.List;

/** Where the target runs and what clients are connected. */
@JsonInclude(JsonInclude.Include.NON_EMPTY)
public class ScstTargetStatus extends ResourceStatus {

  @JsonPropertyDescription("Node running the target group.")
  public String activeNode;

  @JsonPropertyDescription("Portals as ip:port.")
  public List<String> portals = new ArrayList<>();

  public List<LunState> luns = new ArrayList<>();

  @JsonPropertyDescription("Connected initiators.")
  public List<Session> sessions = new ArrayList<>();

  /** A LUN's stable identity. */
  @JsonInclude(JsonInclude.Include.NON_EMPTY)
  public static class LunState {
    public Integer number;
    public String deviceName;
    public String scsiSn;
    public String t10DevId;
  }

  /** One initiator session. */
  @JsonInclude(JsonInclude.Include.NON_EMPTY)
  public static class Session {
    public String initiator;
    public String portal;
  }
}
