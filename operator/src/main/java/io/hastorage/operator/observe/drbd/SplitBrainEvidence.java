package io.hastorage.operator.observe.drbd;

import java.util.List;
import java.util.Set;

/**
 * Flags devices whose state is consistent with a split brain, from one node's status alone.
 *
 * <p>The rule: a device that is {@code StandAlone} while its local disk holds data of its own
 * ({@code UpToDate}, {@code Consistent} or {@code Outdated}) may be in split brain. That is how
 * DRBD 8.4 and 9 leave a resource after "Split-Brain detected but unresolved, dropping
 * connection!". A brand-new pair that has not done its first sync is Inconsistent and is not
 * flagged, nor are Diskless or unconfigured devices.
 *
 * <p>Outdated is included on purpose: the published /proc/drbd of a node right after the
 * split-brain handler ran shows {@code cs:StandAlone ro:Secondary/Unknown ds:Outdated/DUnknown}.
 *
 * <p>What it cannot tell, so the result says "possible" and is only evidence:
 *
 * <ul>
 *   <li>whether DRBD actually detected a split brain; an administrator's {@code drbdadm disconnect}
 *       or a missing net section looks identical. The operator must combine this with the
 *       split-brain handler's marker (or the kernel log) before claiming a split brain;
 *   <li>whether the two sides' data really diverged, or which side is newer (that needs both nodes'
 *       generation identifiers, {@code drbdadm show-gi});
 *   <li>anything about a peer it cannot see: each node's status is checked on its own.
 * </ul>
 *
 * <p>It never suggests a resolution: the design forbids resolving split brain automatically.
 */
public final class SplitBrainEvidence {

  /** The condition reason the findings carry. */
  public static final String REASON = "PossibleSplitBrain";

  private static final Set<String> DISKS_WITH_OWN_DATA =
      Set.of("UpToDate", "Consistent", "Outdated");

  /**
   * One device that looks like it may be in split brain.
   *
   * @param device the device's {@link DrbdDeviceState#displayName()}
   * @param reason always {@link #REASON}
   * @param message a one-line human explanation naming the device and its states
   */
  public record Finding(String device, String reason, String message) {}

  private SplitBrainEvidence() {}

  /** Returns one finding per device whose state is consistent with a split brain, in order. */
  public static List<Finding> detect(DrbdKernelStatus status) {
    return status.devices().stream()
        .filter(SplitBrainEvidence::suspicious)
        .map(SplitBrainEvidence::finding)
        .toList();
  }

  private static boolean suspicious(DrbdDeviceState device) {
    return device.connectionState().equals("StandAlone")
        && DISKS_WITH_OWN_DATA.contains(device.localDisk());
  }

  private static Finding finding(DrbdDeviceState device) {
    String message =
        "possible split brain: connection StandAlone on "
            + device.displayName()
            + " with local disk "
            + device.localDisk()
            + " (role "
            + device.localRole()
            + ", "
            + device.outOfSyncKiB()
            + " KiB out of sync)";
    return new Finding(device.displayName(), REASON, message);
  }
}
