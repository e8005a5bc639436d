package io.hastorage.e2e.sim.tools;

import io.hastorage.e2e.sim.ExecOutcome;
import io.hastorage.e2e.sim.SimulatedTool;
import io.hastorage.e2e.sim.ToolContext;
import io.hastorage.e2e.sim.UnsupportedFeatureException;
import io.hastorage.operator.plan.lvm.PhysicalVolumes;
import java.util.List;

/**
 * {@code pvs} in exactly the form the operator's LVM probe uses. The simulated machines' disks
 * carry no LVM physical volumes yet, so it lists none (as real pvs does: exit 0, no output).
 */
final class PvsTool implements SimulatedTool {

  static final List<String> PROBE_FORM = PhysicalVolumes.PROBE.argv();

  @Override
  public boolean mutates(List<String> argv) {
    return false;
  }

  @Override
  public ExecOutcome run(List<String> argv, ToolContext context) {
    if (!argv.equals(PROBE_FORM)) {
      throw new UnsupportedFeatureException(
          "pvs " + String.join(" ", argv.subList(1, argv.size())));
    }
    return ExecOutcome.ok("");
  }
}
