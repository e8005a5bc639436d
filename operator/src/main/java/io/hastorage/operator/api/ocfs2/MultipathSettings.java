package io.hastorage.operator.api.ocfs2;

import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Default;
import io.fabric8.generator.annotation.Max;
import io.fabric8.generator.annotation.Min;

/** The multipath drop-in: ALUA grouping for SCST and a bounded queueing time. */
public class MultipathSettings {

  @Min(1)
  @Max(600)
  @Default("12")
  @JsonPropertyDescription("no_path_retry: polling intervals to queue I/O with no path left.")
  public Integer noPathRetry;

  @Min(1)
  @Max(60)
  @Default("5")
  public Integer pollingIntervalSeconds;
}
