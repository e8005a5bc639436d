package io.hastorage.e2e.sandbox;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.client.CustomResource;
import io.hastorage.e2e.sim.SimulatedNode;
import io.hastorage.operator.OperatorRunner;
import io.hastorage.operator.api.cluster.StorageCluster;
import io.hastorage.operator.api.common.ResourceStatus;
import io.hastorage.operator.config.OperatorConfig;
import java.io.PrintStream;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The sandbox: embedded Kubernetes API, four simulated nodes over real SSH, and the operator, in
 * one process. It applies the example, prints conditions as they change, then proves the steady
 * state and prints a summary. Exit code 0 when all four resources (StorageCluster, DrbdVolume,
 * ScstTarget, Ocfs2Mount) became Ready.
 */
public final class SandboxMain {

  private static final Duration READY_TIMEOUT = Duration.ofSeconds(120);
  private static final Duration POLL = Duration.ofMillis(200);

  /** /proc/drbd reads (both targets, every probe) the first sync takes in the sandbox. */
  static final int FIRST_SYNC_READS = 24;

  private SandboxMain() {}

  public static void main(String[] args) throws Exception {
    boolean keepRunning = List.of(args).contains("--keep-running");
    Path repoRoot =
        Path.of(System.getProperty("hastorage.repoRoot", ".")).toAbsolutePath().normalize();
    java.util.logging.Logger.getLogger("io.fabric8.mockwebserver")
        .setLevel(java.util.logging.Level.WARNING);
    int code;
    try {
      code = run(repoRoot, keepRunning, System.out);
    } catch (Exception e) {
      e.printStackTrace();
      code = 1;
    }
    System.exit(code); // the embedded servers' threads would otherwise keep the JVM alive
  }

  /** Runs the whole sandbox; returns 0 when all four resources became Ready and stayed put. */
  public static int run(Path repoRoot, boolean keepRunning, PrintStream out) throws Exception {
    OperatorConfig config =
        OperatorConfig.defaults()
            .with(
                Map.of(
                    "HASTORAGE_HTTP_PORT",
                    "0",
                    "HASTORAGE_RESYNC_PERIOD",
                    "5s",
                    "HASTORAGE_CONVERGING_REQUEUE",
                    "1s",
                    "HASTORAGE_LEADER_ELECTION",
                    "false"));
    // Leader election stays off in the sandbox: JOSDK first checks its Lease permissions with a
    // SelfSubjectRulesReview, which the mock API server cannot answer.
    Instant start = Instant.now();
    try (SandboxEnvironment env = SandboxEnvironment.start(repoRoot, config)) {
      // a first sync that outlasts the export, as on a real disk (hours): Ready means serving, so
      // the LUN is exported and mounted while the DrbdVolume still reports Degraded InitialSync
      env.fleet().replication().setReadsToSync(FIRST_SYNC_READS);
      out.println("Embedded Kubernetes API: " + env.apiUrl());
      env.fleet()
          .names()
          .forEach(
              n ->
                  out.printf(
                      "Simulated node %-9s ssh 127.0.0.1:%d  %s%n",
                      n, env.fleet().server(n).port(), prettyName(env.fleet().node(n))));
      List<HasMetadata> resources = env.exampleResources();
      env.apply(resources);
      out.println(
          "Applied deploy/examples/storagecluster.yaml ("
              + resources.size()
              + " resources; node addresses pointed at the simulated servers)");
      try (OperatorRunner operator = env.startOperator()) {
        out.println("Operator metrics: http://127.0.0.1:" + operator.httpPort() + "/metrics");
        String name =
            resources.stream()
                .filter(StorageCluster.class::isInstance)
                .findFirst()
                .orElseThrow()
                .getMetadata()
                .getName();
        ConditionPrinter printer = new ConditionPrinter(out, start);
        boolean ready = awaitReady(env, name, printer, resources, out);
        SandboxSummary summary =
            new SandboxSummary(env, name, Duration.between(start, Instant.now()));
        summary.recordDegradedAtReady();
        boolean redundant = ready && awaitRedundant(env, printer, resources);
        Map<String, Integer> before = snapshotExecs(env);
        boolean steady =
            redundant
                && summary.awaitSteadyState(
                    config.get(OperatorConfig.RESYNC_PERIOD).multipliedBy(3));
        summary.print(out, ready, before, steady);
        if (keepRunning) {
          out.println(
              "Running until Ctrl-C; metrics at http://127.0.0.1:"
                  + operator.httpPort()
                  + "/metrics");
          Thread.currentThread().join();
        }
        return ready && steady ? 0 : 1;
      }
    }
  }

  private static boolean awaitReady(
      SandboxEnvironment env,
      String name,
      ConditionPrinter printer,
      List<HasMetadata> resources,
      PrintStream out)
      throws InterruptedException {
    if (awaitAll(env, printer, resources, "Ready", "True")) {
      return true;
    }
    out.println(
        "StorageCluster "
            + name
            + ", its DrbdVolume, ScstTarget and Ocfs2Mount did not all become Ready within "
            + READY_TIMEOUT.toSeconds()
            + "s");
    return false;
  }

  /** Until no resource reports Degraded=True: the first sync has finished. */
  private static boolean awaitRedundant(
      SandboxEnvironment env, ConditionPrinter printer, List<HasMetadata> resources)
      throws InterruptedException {
    return awaitAll(env, printer, resources, "Degraded", "False");
  }

  /**
   * Polls every resource, printing its conditions as they change, until each one's condition {@code
   * type} has {@code status}; false after READY_TIMEOUT.
   */
  private static boolean awaitAll(
      SandboxEnvironment env,
      ConditionPrinter printer,
      List<HasMetadata> resources,
      String type,
      String status)
      throws InterruptedException {
    Instant deadline = Instant.now().plus(READY_TIMEOUT);
    while (Instant.now().isBefore(deadline)) {
      boolean all = true;
      for (HasMetadata resource : resources) {
        HasMetadata current =
            env.client().resource(resource).inNamespace(SandboxEnvironment.NAMESPACE).get();
        if (current != null) {
          printer.print(current);
        }
        all &=
            current instanceof CustomResource<?, ?> custom
                && custom.getStatus() instanceof ResourceStatus s
                && s.condition(type).map(c -> status.equals(c.getStatus())).orElse(false);
      }
      if (all) {
        return true;
      }
      Thread.sleep(POLL.toMillis());
    }
    return false;
  }

  private static String prettyName(SimulatedNode node) {
    java.util.regex.Matcher m =
        java.util.regex.Pattern.compile("(?m)^PRETTY_NAME=\"?([^\"\n]*)")
            .matcher(node.readText("/etc/os-release").orElse(""));
    return m.find() ? m.group(1) : node.distro().family().name();
  }

  static Map<String, Integer> snapshotExecs(SandboxEnvironment env) {
    Map<String, Integer> counts = new HashMap<>();
    for (String node : env.fleet().names()) {
      SimulatedNode simulated = env.fleet().node(node);
      counts.put(node, simulated.execCount());
    }
    return counts;
  }
}
