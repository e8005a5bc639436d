package io.hastorage.operator.plan.drbd;

import io.hastorage.operator.api.drbd.DrbdVolumeSpec;
import io.hastorage.operator.observe.NodeFacts;
import io.hastorage.operator.observe.Tool;
import io.hastorage.operator.observe.drbd.DrbdDeviceState;
import java.util.List;
import java.util.Optional;

/**
 * One target's view of one DRBD resource, taken from its probe: the devices of the resource's
 * minors (empty when the state could not be read), the kernel module's version, and when the
 * split-brain handler fired there.
 *
 * @param moduleLoaded whether a DRBD module of a supported version (8.4, 9) is loaded; without it
 *     nothing is planned on the node
 * @param stateKnown whether the node's DRBD state could be read at all
 */
public record DrbdObservation(
    String node,
    boolean moduleLoaded,
    boolean stateKnown,
    List<DrbdDeviceState> devices,
    Optional<String> moduleVersion,
    Optional<String> splitBrainDetectedAt) {

  public DrbdObservation {
    devices = List.copyOf(devices);
  }

  public static DrbdObservation of(NodeFacts facts, DrbdVolumeSpec spec) {
    var state = DrbdState.of(facts);
    List<Integer> minors = DrbdVolumePlanner.minors(spec);
    List<DrbdDeviceState> devices =
        state
            .map(
                s ->
                    s.devices().stream()
                        .filter(d -> minors.contains(d.minor()))
                        .filter(d -> !"Unconfigured".equals(d.connectionState()))
                        .toList())
            .orElse(List.of());
    Optional<String> version =
        state.flatMap(s -> s.version()).or(() -> facts.version(Tool.DRBD_KERNEL));
    return new DrbdObservation(
        facts.nodeName(),
        DrbdSyntax.forNode(facts).isPresent(),
        state.isPresent(),
        devices,
        version,
        SplitBrainMarker.detectedAt(facts, spec.resourceName));
  }

  public boolean primary() {
    return !devices.isEmpty() && devices.stream().allMatch(d -> "Primary".equals(d.localRole()));
  }
}
