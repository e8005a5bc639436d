package io.hastorage.operator.api.ocfs2;

import static io.hastorage.operator.api.common.ValidationPatterns.ABSOLUTE_PATH;
import static io.hastorage.operator.api.common.ValidationPatterns.HOSTNAME;
import static io.hastorage.operator.api.common.ValidationPatterns.MOUNT_OPTION;

import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Max;
import io.fabric8.generator.annotation.Min;
import io.fabric8.generator.annotation.Pattern;
import io.fabric8.generator.annotation.Required;
import io.fabric8.generator.annotation.Size;
import io.hastorage.operator.api.common.DeletionPolicy;
import io.hastorage.operator.api.common.LocalRef;
import java.util.ArrayList;
import java.util.List;

/**
 * The client side: iSCSI sessions on every portal, dm-multipath, and one OCFS2 file system mounted
 * on every initiator. It never formats a device that is not blank and never uses mkfs -F.
 */
public class Ocfs2MountSpec {

  @Required
  @JsonPropertyDescription("The StorageCluster whose initiator nodes mount the file system.")
  public LocalRef clusterRef;

  @Required
  @JsonPropertyDescription("The ScstTarget exporting the LUN.")
  public LocalRef targetRef;

  @Required
  @Min(0)
  @Max(255)
  @JsonPropertyDescription("LUN number on that target.")
  public Integer lun;

  @Size(min = 0, max = 64)
  @JsonPropertyDescription("Initiator nodes that mount it. Empty: every Initiator node.")
  public List<@Pattern(HOSTNAME) String> nodes = new ArrayList<>();

  @Required
  @Pattern(ABSOLUTE_PATH)
  @JsonPropertyDescription("Mount point, e.g. /srv/shared.")
  public String mountPoint;

  @Size(min = 0, max = 16)
  @JsonPropertyDescription("Mount options besides _netdev, which is always set.")
  public List<@Pattern(MOUNT_OPTION) String> mountOptions = new ArrayList<>();

  @JsonPropertyDescription("iscsid settings on the initiators.")
  public IscsiSettings iscsi;

  @JsonPropertyDescription("dm-multipath settings.")
  public MultipathSettings multipath;

  @Required
  @JsonPropertyDescription("The OCFS2 file system and its o2cb cluster.")
  public Ocfs2Settings filesystem;

  @JsonPropertyDescription(
      "Adopt a device that already holds OCFS2 with another label instead of refusing.")
  public Boolean adoptExisting;

  @JsonPropertyDescription("Run tunefs.ocfs2 -S after the LUN grows.")
  public Boolean growFilesystem;

  @JsonPropertyDescription(
      "Deleting unmounts and logs out; the file system always stays. Only Retain is accepted:"
          + " the data belongs to the DrbdVolume, whose own policy can destroy it.")
  public DeletionPolicy deletionPolicy;
}
