package io.hastorage.operator.api.drbd;

import static io.hastorage.operator.api.common.ValidationPatterns.LVM_NAME;
import static io.hastorage.operator.api.common.ValidationPatterns.LV_SIZE;

import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Pattern;
import io.fabric8.generator.annotation.Required;
import io.fabric8.generator.annotation.Size;
import io.fabric8.generator.annotation.ValidationRule;
import java.util.ArrayList;
import java.util.List;

/** The VG on the DRBD device(s) and its LVs. */
public class LvmLayout {

  @Required
  @Pattern(LVM_NAME)
  @ValidationRule(value = "self == oldSelf", message = "volumeGroup is immutable")
  @JsonPropertyDescription("Volume group name (the seed: vg1). Cannot be changed.")
  public String volumeGroup;

  @Required
  @Size(min = 1, max = 64)
  public List<LogicalVolume> logicalVolumes = new ArrayList<>();

  /** One LV; growing size extends it, shrinking is refused. */
  public static class LogicalVolume {
    @Required
    @Pattern(LVM_NAME)
    @JsonPropertyDescription("LV name (the seed: lun1).")
    public String name;

    @Required
    @Pattern(LV_SIZE)
    @JsonPropertyDescription("Absolute size (e.g. 20G) or a percentage: 100%VG, 50%FREE.")
    public String size;

    public LogicalVolume() {}

    public LogicalVolume(String name, String size) {
      this.name = name;
      this.size = size;
    }
  }
}
