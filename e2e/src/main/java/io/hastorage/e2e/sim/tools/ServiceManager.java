package io.hastorage.e2e.sim.tools;

import io.hastorage.e2e.sim.ServiceUnit;
import io.hastorage.e2e.sim.SimulatedNode;
import java.util.Optional;

/**
 * What {@code systemctl start} and {@code stop} do to a unit that exists on the node. {@link
 * SystemctlTool} checks that units exist and keeps the unit file state ({@code enable}, {@code
 * disable}) itself; a manager decides whether a start succeeds. {@link #simple()} just flips the
 * unit's ActiveState; the simulated cluster plugs in its own manager for its daemons.
 */
public interface ServiceManager {

  /**
   * Why a start failed, as systemd reports it.
   *
   * @param dependency whether a unit this one requires failed (systemd then says "A dependency job
   *     ... failed") rather than the unit itself
   * @param journal what the daemon logged, one or more lines, appended to systemctl's stderr (a
   *     simulation convenience: the real systemctl points at {@code journalctl -xe} instead)
   */
  record StartFailure(boolean dependency, String journal) {}

  /** Starts {@code unitId} (already known to exist); empty when it runs afterwards. */
  Optional<StartFailure> start(SimulatedNode node, String unitId);

  /** Stops {@code unitId} (already known to exist); stopping a stopped unit is fine. */
  void stop(SimulatedNode node, String unitId);

  /** Stops and starts {@code unitId}; managers with dependent units restart those too. */
  default Optional<StartFailure> restart(SimulatedNode node, String unitId) {
    stop(node, unitId);
    return start(node, unitId);
  }

  /** Units without behaviour: start makes them active, stop inactive. */
  static ServiceManager simple() {
    return new ServiceManager() {
      @Override
      public Optional<StartFailure> start(SimulatedNode node, String unitId) {
        setActiveState(node, unitId, "active");
        return Optional.empty();
      }

      @Override
      public void stop(SimulatedNode node, String unitId) {
        setActiveState(node, unitId, "inactive");
      }
    };
  }

  /** Replaces a unit's ActiveState, keeping its unit file state; no-op for a missing unit. */
  static void setActiveState(SimulatedNode node, String unitId, String activeState) {
    node.services()
        .get(unitId)
        .ifPresent(
            unit ->
                node.services().put(new ServiceUnit(unit.id(), activeState, unit.unitFileState())));
  }
}
