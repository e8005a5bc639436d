package io.hastorage.operator.api.cluster;

import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Max;
import io.fabric8.generator.annotation.Min;
import io.fabric8.generator.annotation.Size;
import java.util.ArrayList;
import java.util.List;

/** Pacemaker cluster properties and fencing. */
public class PacemakerSpec {

  @Size(min = 0, max = 32)
  @JsonPropertyDescription(
      "cib-bootstrap-options to set, e.g. no-quorum-policy. stonith-enabled follows the fencing"
          + " settings.")
  public List<StonithDevice.Parameter> properties = new ArrayList<>();

  @Size(min = 0, max = 8)
  @JsonPropertyDescription("STONITH devices; every target node must be fenced by one.")
  public List<StonithDevice> stonith = new ArrayList<>();

  @JsonPropertyDescription(
      "Allow Ready without fencing. For labs only: shows a Warning condition. The seed's own note:"
          + " no production cluster without STONITH.")
  public Boolean unfencedLab;

  @Min(5)
  @Max(300)
  @JsonPropertyDescription(
      "Seconds between Pacemaker's monitor operations of the storage resources: the target, its"
          + " LUNs, VIPs and portblock rules, and DRBD where promoted (where not promoted, and"
          + " LVM-activate: three times as long). Default 10, the agents' advice. A longer interval"
          + " lowers the load on the targets and finds a failed resource later; a crashed node is"
          + " found by Corosync, not by monitors.")
  public Integer monitorIntervalSeconds;

  public static final int DEFAULT_MONITOR_INTERVAL_SECONDS = 10;

  public int monitorIntervalOrDefault() {
    return monitorIntervalSeconds == null
        ? DEFAULT_MONITOR_INTERVAL_SECONDS
        : monitorIntervalSeconds;
  }

  public boolean unfencedLabOrDefault() {
    return Boolean.TRUE.equals(unfencedLab);
  }
}
