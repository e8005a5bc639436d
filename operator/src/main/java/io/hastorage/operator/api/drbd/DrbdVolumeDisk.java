package io.hastorage.operator.api.drbd;

import static io.hastorage.operator.api.common.ValidationPatterns.DEVICE_PATH;
import static io.hastorage.operator.api.common.ValidationPatterns.HOSTNAME;

import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Max;
import io.fabric8.generator.annotation.Min;
import io.fabric8.generator.annotation.Pattern;
import io.fabric8.generator.annotation.Required;
import io.fabric8.generator.annotation.Size;
import java.util.ArrayList;
import java.util.List;

/** One DRBD volume: its number, its minor (/dev/drbdN) and the backing disk on each target. */
public class DrbdVolumeDisk {

  @Required
  @Min(0)
  @Max(65534)
  @JsonPropertyDescription("Volume number inside the resource.")
  public Integer volume;

  @Required
  @Min(0)
  @Max(1048575)
  @JsonPropertyDescription("Device minor: the volume is /dev/drbd<minor>.")
  public Integer minor;

  @Required
  @Size(min = 2, max = 2)
  @JsonPropertyDescription("The backing disk on each of the two target nodes.")
  public List<BackingDisk> backingDisks = new ArrayList<>();

  /** The local disk under DRBD on one node; metadata is internal, as in the seed. */
  public static class BackingDisk {
    @Required
    @Pattern(HOSTNAME)
    public String node;

    @Required
    @Pattern(DEVICE_PATH)
    @JsonPropertyDescription("Backing block device, preferably a /dev/disk/by-id path.")
    public String disk;

    public BackingDisk() {}

    public BackingDisk(String node, String disk) {
      this.node = node;
      this.disk = disk;
    }
  }
}
