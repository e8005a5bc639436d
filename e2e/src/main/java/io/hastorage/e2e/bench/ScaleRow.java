package io.hastorage.e2e.bench;

import io.hastorage.e2e.bench.scale.ScaleFigures;
import java.util.Locale;

/** One scale run's figures as a row of the report's scale table. */
final class ScaleRow {

  static final String HEADER =
      "| resources | StorageClusters (node pairs) | nodes | s to all Ready | heap after GC, MiB |"
          + " RSS, MiB | reconciles/s at steady state | execs per reconcile | node changes at"
          + " steady state |";

  private ScaleRow() {}

  static String markdown(ScaleFigures f) {
    return String.format(
        Locale.ROOT,
        "| %d | %d | %d | %.1f | %.0f | %.0f | %.1f | %.2f | %d |",
        f.resources(),
        f.clusters(),
        f.nodes(),
        f.secondsToReady(),
        f.heapAfterGcBytes() / 1048576.0,
        f.rssBytes() / 1048576.0,
        f.reconcilesPerSecond(),
        f.execsPerReconcile(),
        f.mutatingCommandsAtSteadyState());
  }

  static String failed(int resources, String why) {
    return "| " + resources + " | failed: " + why.replace('|', '/') + " | | | | | | | |";
  }
}
