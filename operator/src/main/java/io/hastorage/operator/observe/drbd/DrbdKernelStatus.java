package io.hastorage.operator.observe.drbd;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * What one node's DRBD reports about all its devices, whichever DRBD version produced it.
 *
 * @param version the kernel module version when the output carries it (/proc/drbd does; {@code
 *     drbdsetup status --json} does not)
 * @param devices one entry per device and peer, in the tool's order
 */
public record DrbdKernelStatus(Optional<String> version, List<DrbdDeviceState> devices) {

  public DrbdKernelStatus {
    Objects.requireNonNull(version);
    devices = List.copyOf(devices);
  }
}
