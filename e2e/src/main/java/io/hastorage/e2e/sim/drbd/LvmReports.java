package io.hastorage.e2e.sim.drbd;

import io.hastorage.e2e.sim.ExecOutcome;
import io.hastorage.e2e.sim.SimulatedTool;
import io.hastorage.e2e.sim.ToolContext;
import io.hastorage.e2e.sim.UnsupportedFeatureException;
import io.hastorage.operator.plan.drbd.LvmReport;
import io.hastorage.operator.plan.lvm.PhysicalVolumes;
import java.util.List;
import java.util.function.BiFunction;

/**
 * The read-only LVM reports in the operator's exact forms, listing what {@link LvmVisibility} lets
 * this node see; {@code --noheadings} indents each row by two spaces as lvm does.
 */
final class LvmReports {

  // The operator's own probe items: the simulator answers exactly what the operator sends.
  static final List<String> PVS = PhysicalVolumes.PROBE.argv();
  static final List<String> LVS = LvmReport.LVS.argv();
  static final List<String> VGS = LvmReport.VGS.argv();

  private final DrbdReplication replication;

  LvmReports(DrbdReplication replication) {
    this.replication = replication;
  }

  SimulatedTool pvs() {
    return report(
        PVS,
        (pv, out) ->
            out.append("  ")
                .append(pv.device())
                .append('|')
                .append(pv.lvm().vg().orElse(""))
                .append('\n'));
  }

  SimulatedTool vgs() {
    return report(
        VGS,
        (pv, out) ->
            pv.lvm()
                .vg()
                .map(
                    vg ->
                        out.append("  ")
                            .append(vg)
                            .append('|')
                            .append(pv.lvm().totalExtents() * LvmData.EXTENT_BYTES)
                            .append('|')
                            .append(pv.lvm().freeExtents() * LvmData.EXTENT_BYTES)
                            .append('\n'))
                .orElse(out));
  }

  SimulatedTool lvs() {
    return report(
        LVS,
        (pv, out) -> {
          pv.lvm()
              .lvs()
              .forEach(
                  (lv, extents) ->
                      out.append("  ")
                          .append(pv.lvm().vg().orElseThrow())
                          .append('|')
                          .append(lv)
                          .append('|')
                          .append(extents * LvmData.EXTENT_BYTES)
                          .append('\n'));
          return out;
        });
  }

  private SimulatedTool report(
      List<String> form, BiFunction<LvmVisibility.VisiblePv, StringBuilder, StringBuilder> row) {
    return SimulatedTool.readOnly((argv, context) -> run(form, row, argv, context));
  }

  private ExecOutcome run(
      List<String> form,
      BiFunction<LvmVisibility.VisiblePv, StringBuilder, StringBuilder> row,
      List<String> argv,
      ToolContext context) {
    if (!argv.equals(form)) {
      throw new UnsupportedFeatureException(String.join(" ", argv));
    }
    String rows =
        replication.locked(
            all -> {
              StringBuilder out = new StringBuilder();
              LvmVisibility.pvs(all, context.node().name()).forEach(pv -> row.apply(pv, out));
              return out.toString();
            });
    return ExecOutcome.ok(rows);
  }
}
