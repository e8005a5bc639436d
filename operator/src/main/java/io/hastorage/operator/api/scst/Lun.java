package io.hastorage.operator.api.scst;

import static io.hastorage.operator.api.common.ValidationPatterns.LVM_NAME;
import static io.hastorage.operator.api.common.ValidationPatterns.SCST_DEVICE;

import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Default;
import io.fabric8.generator.annotation.Max;
import io.fabric8.generator.annotation.Min;
import io.fabric8.generator.annotation.Pattern;
import io.fabric8.generator.annotation.Required;
import io.hastorage.operator.api.common.LocalRef;

/**
 * A LUN exporting one LV of a DrbdVolume. Its identity (scsi_sn, t10_dev_id) is derived from the
 * IQN and LUN number, so both nodes present the same disk and multipath never sees a new one.
 */
public class Lun {

  /** SCST device handler. */
  public enum Handler {
    vdisk_fileio,
    vdisk_blockio
  }

  @Required
  @Min(0)
  @Max(255)
  public Integer number;

  @Required
  @JsonPropertyDescription("The DrbdVolume holding the LV.")
  public LocalRef volumeRef;

  @Required
  @Pattern(LVM_NAME)
  @JsonPropertyDescription("LV name inside that DrbdVolume's VG (the seed: lun1).")
  public String logicalVolume;

  @Default("vdisk_fileio")
  @JsonPropertyDescription("vdisk_fileio (the seed) or vdisk_blockio.")
  public Handler handler;

  @Required
  @Pattern(SCST_DEVICE)
  @JsonPropertyDescription("SCST device name (the seed: VDISK-LUN01).")
  public String deviceName;

  @JsonPropertyDescription("SCST device attributes, applied live with scstadmin -set_dev_attr.")
  public DeviceAttributes attributes;

  /** The seed's additional_parameters. */
  public static class DeviceAttributes {
    @Min(1)
    @Max(64)
    public Integer threadsNum;

    public Boolean nvCache;
    public Boolean writeThrough;
    public Boolean thinProvisioned;
  }
}
