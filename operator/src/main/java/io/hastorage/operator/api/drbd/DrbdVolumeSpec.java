package io.hastorage.operator.api.drbd;

import static io.hastorage.operator.api.common.ValidationPatterns.DRBD_RESOURCE;
import static io.hastorage.operator.api.common.ValidationPatterns.HOSTNAME;
import static io.hastorage.operator.api.common.ValidationPatterns.K8S_NAME;

import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Default;
import io.fabric8.generator.annotation.Max;
import io.fabric8.generator.annotation.Min;
import io.fabric8.generator.annotation.Pattern;
import io.fabric8.generator.annotation.Required;
import io.fabric8.generator.annotation.Size;
import io.fabric8.generator.annotation.ValidationRule;
import io.hastorage.operator.api.common.DeletionPolicy;
import io.hastorage.operator.api.common.LocalRef;
import io.hastorage.operator.api.common.SecretKeyRef;
import java.util.ArrayList;
import java.util.List;

/**
 * One DRBD resource replicated between the target pair, with LVM on top (the seed's vg1 on
 * /dev/drbd0 with lv lun1).
 */
public class DrbdVolumeSpec {

  /** DRBD replication protocol. */
  public enum Protocol {
    A,
    B,
    C
  }

  @Required
  @JsonPropertyDescription("The StorageCluster whose target pair holds this volume.")
  public LocalRef clusterRef;

  @Required
  @Pattern(DRBD_RESOURCE)
  @ValidationRule(value = "self == oldSelf", message = "resourceName is immutable")
  @JsonPropertyDescription("DRBD resource name (the seed: vg1). Cannot be changed.")
  public String resourceName;

  @Required
  @Min(1024)
  @Max(65535)
  @JsonPropertyDescription("TCP port on the replication network (the seed: 7788).")
  public Integer port;

  @Required
  @Pattern(K8S_NAME)
  @JsonPropertyDescription("Network (from the StorageCluster) that carries replication.")
  public String network;

  @Default("C")
  @JsonPropertyDescription("Replication protocol; C is synchronous.")
  public Protocol protocol;

  @Required
  @Size(min = 1, max = 16)
  @JsonPropertyDescription(
      "Volumes of the resource. Growing storage adds a volume and extends the PV/VG/LV.")
  public List<DrbdVolumeDisk> volumes = new ArrayList<>();

  @Required
  @JsonPropertyDescription("Secret key holding the DRBD shared secret (default key shared-secret).")
  public SecretKeyRef sharedSecretRef;

  @Required
  @Pattern(HOSTNAME)
  @JsonPropertyDescription(
      "Node that becomes primary for the very first sync of a brand-new resource. Used once.")
  public String initialPrimary;

  @JsonPropertyDescription(
      "Adopt backing disks that already hold a file system, LVM or DRBD metadata instead of"
          + " refusing. Never set this unless the data on them is the data you want replicated.")
  public Boolean adoptExistingData;

  @JsonPropertyDescription("DRBD options; defaults follow the seed's vg1.res.")
  public DrbdOptions options;

  @Required
  @JsonPropertyDescription("The PV/VG/LVs created on the DRBD device.")
  public LvmLayout lvm;

  @JsonPropertyDescription("What deleting this resource does to data. Retain by default.")
  public DeletionPolicy deletionPolicy;
}
