package io.hastorage.operator.api.drbd;

import static io.hastorage.operator.api.common.ValidationPatterns.RATE;

import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Default;
import io.fabric8.generator.annotation.Max;
import io.fabric8.generator.annotation.Min;
import io.fabric8.generator.annotation.Pattern;

/**
 * The seed's startup, net, disk and resync options. Fencing is always resource-and-stonith with the
 * crm-fence-peer handlers; it is not optional because without it DRBD can promote stale data.
 */
public class DrbdOptions {

  /** DRBD's after-split-brain policies; automatic discarding is limited to the safe ones. */
  public enum AfterSplitBrain0 {
    disconnect,
    @com.fasterxml.jackson.annotation.JsonProperty("discard-zero-changes")
    discardZeroChanges
  }

  @Min(0)
  @Max(3600)
  @Default("30")
  public Integer wfcTimeout;

  @Min(0)
  @Max(3600)
  @Default("20")
  public Integer degrWfcTimeout;

  @Min(0)
  @Max(3600)
  @Default("10")
  public Integer outdatedWfcTimeout;

  @Pattern(RATE)
  @Default("40M")
  @JsonPropertyDescription("Resync rate (8.4 syncer rate; 9 resync-rate / c-max-rate).")
  public String resyncRate;

  @Min(1)
  @Max(600)
  @Default("60")
  @JsonPropertyDescription("net timeout in tenths of a second, as DRBD counts.")
  public Integer timeout;

  @Min(1)
  @Max(300)
  @Default("30")
  public Integer pingTimeout;

  @Min(1)
  @Max(120)
  @Default("30")
  public Integer pingInt;

  @Min(1)
  @Max(20000)
  @Default("8192")
  public Integer maxEpochSize;

  @Min(32)
  @Max(131072)
  @Default("8192")
  public Integer maxBuffers;

  @Default("discard-zero-changes")
  @JsonPropertyDescription(
      "after-sb-0pri. Only disconnect or discard-zero-changes: anything that discards real"
          + " writes is refused. after-sb-1pri/2pri are always disconnect.")
  public AfterSplitBrain0 afterSb0pri;
}
