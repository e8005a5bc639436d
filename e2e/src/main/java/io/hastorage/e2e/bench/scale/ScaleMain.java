package io.hastorage.e2e.bench.scale;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.PrintStream;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * One scale run in its own JVM, so its memory figures hold nothing from earlier runs:
 *
 * <pre>
 * java -cp ... io.hastorage.e2e.bench.scale.ScaleMain RESOURCES [CLUSTERS [WINDOW_S [RESYNC_S]]]
 * </pre>
 *
 * CLUSTERS defaults to min(50, RESOURCES / 2), the steady window to 30 s, the resync period to
 * {@link ScaleBenchmark#DEFAULT_RESYNC_PERIOD}; the repository root (for crds/) comes from {@code
 * -Dhastorage.repoRoot} (default: the working directory). {@code
 * -Dhastorage.scale.storeEvents=true} makes the embedded API server keep Events (see {@link
 * ScaleApiServer}).
 *
 * <p>Stdout gets exactly one line: a JSON object with the {@link ScaleFigures} fields and a {@code
 * details} object ({@link ScaleBenchmark.Details}). Progress and the operator's log go to stderr.
 * Exit code 0 when the run finished, 1 when it failed (e.g. not all Ready in time).
 */
public final class ScaleMain {

  /** Held so the level sticks: java.util.logging keeps loggers only weakly. */
  private static final java.util.logging.Logger MOCK_SERVER_LOG =
      java.util.logging.Logger.getLogger("io.fabric8.mockwebserver");

  private ScaleMain() {}

  public static void main(String[] args) {
    PrintStream stdout = System.out;
    // Everything else (the operator's logback console appender included) writes to stderr.
    System.setOut(System.err);
    // The embedded API server logs every request; that is the harness, not the operator.
    MOCK_SERVER_LOG.setLevel(java.util.logging.Level.WARNING);
    int code;
    try {
      if (args.length < 1 || args.length > 4) {
        throw new IllegalArgumentException(
            "usage: ScaleMain RESOURCES [CLUSTERS [WINDOW_SECONDS [RESYNC_SECONDS]]]");
      }
      int resources = Integer.parseInt(args[0]);
      int clusters =
          args.length > 1 ? Integer.parseInt(args[1]) : ScaleLayout.defaultClusters(resources);
      Duration window = Duration.ofSeconds(args.length > 2 ? Long.parseLong(args[2]) : 30);
      Duration resync =
          args.length > 3
              ? Duration.ofSeconds(Long.parseLong(args[3]))
              : ScaleBenchmark.DEFAULT_RESYNC_PERIOD;
      Path repoRoot =
          Path.of(System.getProperty("hastorage.repoRoot", ".")).toAbsolutePath().normalize();
      ScaleBenchmark.Details details =
          ScaleBenchmark.run(
              repoRoot,
              new ScaleBenchmark.Settings(
                  resources,
                  clusters,
                  window,
                  resync,
                  ScaleBenchmark.DEFAULT_READY_TIMEOUT,
                  Boolean.getBoolean("hastorage.scale.storeEvents")),
              System.err);
      stdout.println(json(details));
      stdout.flush();
      code = 0;
    } catch (Exception e) {
      e.printStackTrace();
      code = 1;
    }
    System.exit(code); // the operator's and the servers' threads would keep the JVM alive
  }

  static String json(ScaleBenchmark.Details details) throws Exception {
    Map<String, Object> out = new LinkedHashMap<>(details.figures().toMap());
    Map<String, Object> more = new LinkedHashMap<>();
    more.put("secondsToClustersReady", details.secondsToClustersReady());
    more.put("medianSecondsToReady", details.medianSecondsToReady());
    more.put("p95SecondsToReady", details.p95SecondsToReady());
    more.put("heapBeforeOperatorBytes", details.heapBeforeOperatorBytes());
    more.put("resyncSeconds", details.resyncSeconds());
    more.put("expectedReconcilesPerSecond", details.expectedReconcilesPerSecond());
    more.put("medianReconcilesPerSecond", details.medianReconcilesPerSecond());
    more.put("p95ReconcilesPerSecond", details.p95ReconcilesPerSecond());
    more.put("statusWritesAtSteadyState", details.statusWritesAtSteadyState());
    more.put("sshSessions", details.sshSessions());
    more.put("threads", details.threads());
    more.put("windowSeconds", details.windowSeconds());
    more.put("availableProcessors", Runtime.getRuntime().availableProcessors());
    more.put("maxHeapBytes", Runtime.getRuntime().maxMemory());
    more.put("cpuSecondsToReady", details.cpuSecondsToReady());
    more.put("cpuUtilisationToReady", details.cpuUtilisationToReady());
    more.put("cpuUtilisationAtSteadyState", details.cpuUtilisationAtSteadyState());
    more.put("apiRequestsToReady", details.apiRequestsToReady());
    more.put("apiRequestsPerReconcile", details.apiRequestsPerReconcile());
    more.put("apiRequestsPerReconcileByKind", details.apiRequestsPerReconcileByKind());
    more.put("heapCommittedBytes", details.heapCommittedBytes());
    more.put("nonHeapUsedBytes", details.nonHeapUsedBytes());
    more.put("threadsByName", details.threadsByName());
    more.put("storeEvents", Boolean.getBoolean("hastorage.scale.storeEvents"));
    more.put("unsupported", details.unsupported());
    out.put("details", more);
    return new ObjectMapper().writeValueAsString(out);
  }
}
