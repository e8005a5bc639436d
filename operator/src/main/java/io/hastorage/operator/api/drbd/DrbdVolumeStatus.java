package io.hastorage.operator.api.drbd;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.hastorage.operator.api.common.ResourceStatus;
import java.util.ArrayList;
import java.util.List;

/** Roles, connection and disk states per node, sync progress and split brain. */
@JsonInclude(JsonInclude.Include.NON_EMPTY)
public class DrbdVolumeStatus extends ResourceStatus {

  @JsonPropertyDescription(
      "The DRBD resource and VG this volume was created with; a spec naming others is refused.")
  public String resourceName;

  public String volumeGroup;

  @JsonPropertyDescription("Node currently Primary, if any.")
  public String primary;

  @JsonPropertyDescription("Per node, per volume DRBD state.")
  public List<DrbdNodeState> nodes = new ArrayList<>();

  @JsonPropertyDescription("Split brain was detected. It is never resolved automatically.")
  public Boolean splitBrain;

  @JsonPropertyDescription("The one-time initial sync was started from the initial primary.")
  public Boolean initialSyncStarted;

  @JsonPropertyDescription(
      "Both sides were once seen UpToDate: a later resync is reported as Syncing, not InitialSync.")
  public Boolean initialSyncCompleted;

  /** DRBD state of one volume as seen from one node. */
  @JsonInclude(JsonInclude.Include.NON_EMPTY)
  public static class DrbdNodeState {
    public String node;
    public Integer volume;
    public String drbdVersion;
    public String role;
    public String connectionState;
    public String diskState;
    public String peerDiskState;
    public String syncProgressPercent;
    public Long outOfSyncBytes;

    @JsonPropertyDescription(
        "When DRBD's split-brain handler fired on this node (the marker the operator renders the"
            + " handler to leave; removed by hand after recovery).")
    public String splitBrainDetectedAt;
  }
}
