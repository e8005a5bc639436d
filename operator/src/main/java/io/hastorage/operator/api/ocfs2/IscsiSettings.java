package io.hastorage.operator.api.ocfs2;

import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Default;
import io.fabric8.generator.annotation.Max;
import io.fabric8.generator.annotation.Min;

/** iscsid node settings; replacement_timeout is short because multipath handles path loss. */
public class IscsiSettings {

  @Min(1)
  @Max(600)
  @Default("15")
  @JsonPropertyDescription(
      "node.session.timeo.replacement_timeout in seconds (open-iscsi default 120; 5-20 with"
          + " multipath).")
  public Integer replacementTimeoutSeconds;

  @Min(1)
  @Max(60)
  @Default("5")
  public Integer noopOutIntervalSeconds;

  @Min(1)
  @Max(60)
  @Default("5")
  public Integer noopOutTimeoutSeconds;
}
