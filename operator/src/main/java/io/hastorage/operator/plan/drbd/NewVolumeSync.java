package io.hastorage.operator.plan.drbd;

import io.hastorage.operator.api.drbd.DrbdVolumeDisk;
import io.hastorage.operator.api.drbd.DrbdVolumeSpec;
import io.hastorage.operator.node.Command;
import io.hastorage.operator.observe.NodeFacts;
import io.hastorage.operator.observe.drbd.DrbdDeviceState;
import io.hastorage.operator.observe.drbd.DrbdKernelStatus;
import io.hastorage.operator.plan.Action;
import io.hastorage.operator.plan.Decision;
import io.hastorage.operator.plan.Guard;
import io.hastorage.operator.plan.Step;
import java.util.List;
import java.util.Optional;

/**
 * The first "sync" of a volume added to a resource that already holds data (the seed grows storage
 * this way). Both new backing disks were blank when create-md ran ({@link MetadataGuard}), so there
 * is nothing to copy: on the Primary, {@code drbdadm new-current-uuid --clear-bitmap RES/VOL} marks
 * the new volume UpToDate on both sides without a full resync, as DRBD documents for fresh disks.
 *
 * <p>It is not {@code primary --force}, which is reserved for the first sync of a brand-new
 * resource. With {@code adoptExistingData} the new disks may differ, so the step is refused and the
 * condition says to choose the source by hand.
 */
final class NewVolumeSync {

  static final String ADOPTED = "AdoptedVolumeNeedsManualSync";
  static final String NOT_NEW = "NotANewVolume";

  private NewVolumeSync() {}

  static List<Step> plan(DrbdVolumeSpec spec, NodeFacts primary) {
    Optional<DrbdKernelStatus> state = DrbdState.of(primary);
    if (state.isEmpty()) {
      return List.of();
    }
    return spec.volumes.stream()
        .filter(v -> isNewVolume(state.get(), spec, v.minor))
        .map(v -> step(spec, primary.nodeName(), v))
        .toList();
  }

  private static Step step(DrbdVolumeSpec spec, String node, DrbdVolumeDisk volume) {
    String target = spec.resourceName + "/" + volume.volume;
    return new Step(
        node,
        "mark the new, blank volume " + target + " in sync on both sides (no full resync)",
        new NewVolumeGuard(spec, volume.minor),
        new Action.RunCommand(
            Command.of("drbdadm", "new-current-uuid", "--clear-bitmap", target)
                .withTimeout(DrbdVolumePlanner.DRBD_TIMEOUT)));
  }

  /**
   * New: Connected, Inconsistent on both sides, while another volume of the same resource is
   * UpToDate here (a brand-new resource has none, and gets primary --force instead).
   */
  static boolean isNewVolume(DrbdKernelStatus state, DrbdVolumeSpec spec, int minor) {
    Optional<DrbdDeviceState> device = DrbdVolumePlanner.device(state, minor);
    boolean blankPair =
        device
            .filter(d -> "Connected".equals(d.connectionState()))
            .filter(d -> "Inconsistent".equals(d.localDisk()))
            .filter(d -> "Inconsistent".equals(d.peerDisk()))
            .isPresent();
    boolean otherHasData =
        DrbdVolumePlanner.minors(spec).stream()
            .filter(m -> m != minor)
            .anyMatch(
                m ->
                    DrbdVolumePlanner.device(state, m)
                        .filter(d -> "UpToDate".equals(d.localDisk()))
                        .isPresent());
    return blankPair && otherHasData;
  }

  /** Re-checks the same facts at apply time, and refuses for adopted disks. */
  private record NewVolumeGuard(DrbdVolumeSpec spec, int minor) implements Guard {
    @Override
    public Decision check(NodeFacts facts) {
      if (Boolean.TRUE.equals(spec.adoptExistingData)) {
        return Decision.refuse(
            ADOPTED,
            facts.nodeName()
                + ": /dev/drbd"
                + minor
                + " was added with spec.adoptExistingData; its two disks may hold different"
                + " data, so the sync source must be chosen by hand (drbdadm invalidate on the"
                + " node whose copy is to be overwritten)");
      }
      boolean fresh =
          DrbdState.of(facts).map(s -> isNewVolume(s, spec, minor)).orElse(false)
              && DrbdVolumePlanner.isPrimary(facts, spec);
      return fresh
          ? Decision.allow()
          : Decision.refuse(
              NOT_NEW,
              facts.nodeName()
                  + ": /dev/drbd"
                  + minor
                  + " is not a new, blank volume of a live resource on its Primary");
    }
  }
}
