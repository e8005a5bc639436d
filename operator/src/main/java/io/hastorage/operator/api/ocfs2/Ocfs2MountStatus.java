package io.hastorage.operator.api.ocfs2;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.hastorage.operator.api.common.ResourceStatus;
import java.util.ArrayList;
import java.util.List;

/** Per initiator: sessions, paths, mount; and the file system's identity. */
@JsonInclude(JsonInclude.Include.NON_EMPTY)
public class Ocfs2MountStatus extends ResourceStatus {

  @JsonPropertyDescription("UUID of the OCFS2 file system.")
  public String filesystemUuid;

  @JsonPropertyDescription("Multipath WWID of the LUN.")
  public String wwid;

  @JsonPropertyDescription("Initiators with the file system mounted, as 'mounted/total'.")
  public String mounted;

  @JsonPropertyDescription(
      "metadata.generation of the exported DrbdVolume when the initiators last rescanned the LUN.")
  public Long volumeGeneration;

  public List<InitiatorState> nodes = new ArrayList<>();

  /** One initiator's view. */
  @JsonInclude(JsonInclude.Include.NON_EMPTY)
  public static class InitiatorState {
    public String node;
    public String initiatorName;
    public Integer sessions;
    public Integer pathsUp;
    public Integer pathsTotal;
    public Boolean mounted;
    public String wwid;
  }
}
