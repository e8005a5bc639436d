package io.hastorage.operator.status;

import io.hastorage.operator.api.drbd.DrbdVolumeSpec;
import io.hastorage.operator.api.drbd.DrbdVolumeStatus;
import io.hastorage.operator.api.validation.Violation;
import java.util.ArrayList;
import java.util.List;

/**
 * A DrbdVolume's DRBD resource and VG names are fixed once it was reconciled: renaming either would
 * leave the old resource running and its Pacemaker elements behind, and a second resource file on
 * the same disks and minor breaks every drbdadm command. The CRD refuses the change (CEL {@code
 * self == oldSelf}); this is the same rule in code, against the names recorded in status, for an
 * API server that did not enforce it.
 */
public final class ImmutableIdentity {

  private ImmutableIdentity() {}

  public static List<Violation> check(DrbdVolumeSpec spec, DrbdVolumeStatus status) {
    List<Violation> out = new ArrayList<>();
    if (status == null || spec == null) {
      return out;
    }
    if (status.resourceName != null && !status.resourceName.equals(spec.resourceName)) {
      out.add(
          new Violation(
              "spec.resourceName",
              "is immutable: this volume is DRBD resource " + status.resourceName));
    }
    if (status.volumeGroup != null
        && spec.lvm != null
        && !status.volumeGroup.equals(spec.lvm.volumeGroup)) {
      out.add(
          new Violation(
              "spec.lvm.volumeGroup", "is immutable: this volume's VG is " + status.volumeGroup));
    }
    return out;
  }

  /** The names to record: kept from before once set, else the spec's. */
  static void record(DrbdVolumeStatus status, DrbdVolumeSpec spec, DrbdVolumeStatus previous) {
    status.resourceName =
        previous != null && previous.resourceName != null
            ? previous.resourceName
            : spec.resourceName;
    status.volumeGroup =
        previous != null && previous.volumeGroup != null
            ? previous.volumeGroup
            : spec.lvm == null ? null : spec.lvm.volumeGroup;
  }
}
