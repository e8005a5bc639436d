package io.hastorage.operator.api.cluster;

import static io.hastorage.operator.api.common.ValidationPatterns.DEVICE_PATH;

import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Pattern;
import io.fabric8.generator.annotation.Size;
import java.util.ArrayList;
import java.util.List;

/**
 * LVM settings on the target nodes, written as a drop-in (lvmlocal.conf), never by rewriting the
 * admin's lvm.conf: only DRBD devices and the listed system disks are scanned, and the cluster's
 * VGs are never auto-activated outside Pacemaker.
 */
public class LvmSystemSpec {

  @Size(min = 0, max = 16)
  @JsonPropertyDescription(
      "System disks LVM may still scan besides /dev/drbd*, e.g. /dev/sda (the seed's filter).")
  public List<@Pattern(DEVICE_PATH) String> systemDevices = new ArrayList<>();
}
