package io.hastorage.operator.api.cluster;

import com.fasterxml.jackson.annotation.JsonPropertyDescription;
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

  public boolean unfencedLabOrDefault() {
    return Boolean.TRUE.equals(unfencedLab);
  }
}
