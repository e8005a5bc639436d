package io.hastorage.operator.api.cluster;

import static io.hastorage.operator.api.common.ValidationPatterns.DEVICE_PATH;
import static io.hastorage.operator.api.common.ValidationPatterns.LVM_NAME;

import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Pattern;
import io.fabric8.generator.annotation.Size;
import java.util.ArrayList;
import java.util.List;

/**
 * LVM settings on the target nodes, written to /etc/lvm/lvmlocal.conf (never by rewriting the
 * admin's lvm.conf): only DRBD devices and the listed system disks are scanned, and only the listed
 * system VGs auto-activate, so the cluster's VGs are activated by Pacemaker alone (the seed's
 * filter and volume_list).
 */
public class LvmSystemSpec {

  @Size(min = 0, max = 16)
  @JsonPropertyDescription(
      "System disks LVM may still scan besides /dev/drbd*, e.g. /dev/sda (the seed's filter)."
          + " Their partitions are admitted too.")
  public List<@Pattern(DEVICE_PATH) String> systemDevices = new ArrayList<>();

  @Size(min = 0, max = 16)
  @JsonPropertyDescription(
      "System VGs that may still auto-activate at boot, e.g. vg_centos. Every other VG (the"
          + " cluster's) is activated only by Pacemaker. List any non-root system VG here.")
  public List<@Pattern(LVM_NAME) String> autoActivateVolumeGroups = new ArrayList<>();
}
