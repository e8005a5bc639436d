package io.hastorage.e2e.bench;

import io.hastorage.e2e.sim.SimulatedFleet;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The benchmark: the cost of steady state and of cold convergence for the seed topology, exec
 * latency on the pooled connection against bare sshj and OpenSSH, a seed-style script of one ssh
 * per check, and (forked, one JVM per size) the scale run. Prints a Markdown report; {@code --write
 * FILE} also writes it there. Timings are reported, never asserted.
 *
 * <p>Usage: {@code ./benchmark [--quick] [--no-scale] [--no-lab] [--write docs/benchmarks.md]}
 */
public final class BenchmarkMain {

  private final Path repoRoot;
  private final boolean quick;
  private final StringBuilder report = new StringBuilder();

  /** centos01's probes of one steady round, replayed on the node lab. */
  private final List<io.hastorage.operator.node.Command> recordedTargetProbes = new ArrayList<>();

  /** Sections by number, printed in order whatever order they were measured in. */
  private final java.util.TreeMap<Integer, StringBuilder> sections = new java.util.TreeMap<>();

  private StringBuilder current = report;

  private BenchmarkMain(Path repoRoot, boolean quick) {
    this.repoRoot = repoRoot;
    this.quick = quick;
  }

  public static void main(String[] args) throws Exception {
    List<String> options = List.of(args);
    Path repoRoot = Path.of(System.getProperty("hastorage.repoRoot", ".")).toAbsolutePath();
    java.util.logging.Logger.getLogger("io.fabric8.mockwebserver")
        .setLevel(java.util.logging.Level.WARNING);
    ((ch.qos.logback.classic.Logger)
            org.slf4j.LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME))
        .setLevel(ch.qos.logback.classic.Level.WARN); // the report is the output
    BenchmarkMain bench = new BenchmarkMain(repoRoot, options.contains("--quick"));
    bench.header(String.join(" ", args));
    bench.steadyStateAndComparison();
    bench.coldConvergence();
    if (!options.contains("--no-lab")) {
      bench.realSshd();
    }
    if (!options.contains("--no-scale")) {
      bench.scale();
    }
    bench.sections.values().forEach(bench.report::append);
    String text = bench.report.toString();
    System.out.print(text);
    int write = options.indexOf("--write");
    if (write >= 0 && write + 1 < options.size()) {
      Files.writeString(repoRoot.resolve(options.get(write + 1)), text);
    }
    System.exit(0); // the embedded servers' threads would otherwise keep the JVM alive
  }

  private void line(String format, Object... args) {
    current.append(String.format(Locale.ROOT, format, args)).append('\n');
  }

  private void section(int number) {
    current = sections.computeIfAbsent(number, n -> new StringBuilder());
  }

  private void header(String args) {
    line("# Benchmarks");
    line("");
    line("Produced by `./benchmark%s` on %s.", args.isEmpty() ? "" : " " + args, LocalDate.now());
    line("Machine: %s.", MachineInfo.describe());
    line("");
    line(
        "Every figure is median / p95 over the samples given. The nodes are the sandbox's simulated");
    line(
        "nodes (in-process SSH servers on 127.0.0.1 running the simulated tools), so the figures are");
    line(
        "the operator's own cost plus loopback SSH, not a storage host's. Timings are reported, never");
    line("asserted; the counts are guarded by `SteadyStateCostIT`.");
    line("");
    line(
        "Reproduce: `./benchmark --write docs/benchmarks.md` (about 10 minutes on 2 cores; `--quick`");
    line(
        "for a short run, `--no-scale`, `--no-lab`). Section 6 needs root and `../shared` beside the");
    line("repository, and must not run while the node-lab tests do. One scale size alone:");
    line("`java -Dhastorage.repoRoot=$PWD -cp e2e/target/ha-iscsi-sandbox.jar");
    line("io.hastorage.e2e.bench.scale.ScaleMain 1000 50 30` (one JSON line on stdout).");
    line("");
  }

  private void steadyStateAndComparison() throws Exception {
    int rounds = quick ? 10 : 50;
    RecordingShells[] recording = new RecordingShells[1];
    try (ReconcileDriver driver =
        ReconcileDriver.start(
            repoRoot,
            shells -> {
              recording[0] = new RecordingShells(shells);
              return recording[0];
            })) {
      if (driver.convergeAll(40) < 0) {
        throw new IllegalStateException("the seed did not converge");
      }
      driver.round();
      SteadyStateRun.Figures f = SteadyStateRun.measure(driver, recording[0], rounds);
      section(1);
      line("## 1. Steady state (seed topology: 2 targets + 2 initiators, all four resources)");
      line("");
      line(
          "A round reconciles the StorageCluster, DrbdVolume, ScstTarget and Ocfs2Mount once each,");
      line("with the seed converged; %d rounds.", rounds);
      line("");
      line("| figure | median / p95 | physical limit |");
      line("|---|---|---|");
      line(
          "| SSH execs per node per reconcile | %s | 1 |",
          Stats.of(f.execsPerNodePerReconcile()).format(0));
      line("| new SSH handshakes per round | %s | 0 |", Stats.of(f.handshakes()).format(0));
      line(
          "| bytes received from the nodes per round | %s | |",
          Stats.of(f.receivedBytes()).format(0));
      line(
          "| Kubernetes API writes per round (status + Events) | %s | 0 |",
          Stats.of(f.apiWrites()).format(0));
      line(
          "| commands that changed a node, per round | %s | 0 |",
          Stats.of(f.nodeChanges()).format(0));
      line("| wall time of a round, ms | %s | |", Stats.of(f.roundMillis()).format(1));
      f.reconcileMillisByKind()
          .forEach(
              (kind, ms) ->
                  line(
                      "| wall time of one %s reconcile, ms | %s | |",
                      kind, Stats.of(ms).format(1)));
      line("");
      line(
          "Execs per round by node (one per resource that needs the node): %s.",
          f.execsPerRoundByNode());
      line("");
      parsingCost();
      comparison(driver, f);
      latency(driver);
    }
  }

  /** JMH, in its own JVM: the CPU cost of parsing one steady-state round's probe answers. */
  private void parsingCost() throws Exception {
    org.openjdk.jmh.runner.options.Options options =
        new org.openjdk.jmh.runner.options.OptionsBuilder()
            .include(ProbeParsingBenchmark.class.getName())
            .forks(1)
            .jvmArgsAppend("-Dhastorage.repoRoot=" + repoRoot)
            .warmupIterations(quick ? 1 : 3)
            .warmupTime(org.openjdk.jmh.runner.options.TimeValue.seconds(1))
            .measurementIterations(quick ? 2 : 5)
            .measurementTime(org.openjdk.jmh.runner.options.TimeValue.seconds(2))
            .verbosity(org.openjdk.jmh.runner.options.VerboseMode.SILENT)
            .build();
    org.openjdk.jmh.util.Statistics stats =
        new org.openjdk.jmh.runner.Runner(options).runSingle().getPrimaryResult().getStatistics();
    line(
        "JMH (`ProbeParsingBenchmark`, sample mode, %d samples): parsing every probe answer of one",
        stats.getN());
    line(
        "round into typed facts costs %.0f / %.0f µs (median / p95) of CPU.",
        stats.getPercentile(50.0), stats.getPercentile(95.0));
    line("");
  }

  private void comparison(ReconcileDriver driver, SteadyStateRun.Figures f) throws Exception {
    recordedTargetProbes.addAll(f.lastRoundCommands().get(SimulatedFleet.TARGETS.get(0)));
    Path dir = Files.createTempDirectory("hastorage-bench");
    Map<String, List<String>> checks = new LinkedHashMap<>();
    Map<String, SshTarget> targets = new LinkedHashMap<>();
    for (String node : driver.env().fleet().names()) {
      List<String> items = new ArrayList<>();
      f.lastRoundCommands().get(node).forEach(c -> items.addAll(SeedStyleChecks.items(c)));
      checks.put(node, items);
      targets.put(node, SshTarget.simulated(driver.env(), node, dir));
    }
    int repeats = quick ? 1 : 5;
    List<Double> script = new ArrayList<>();
    for (int i = 0; i < repeats; i++) {
      double total = 0;
      for (String node : checks.keySet()) {
        total += SeedStyleChecks.run(targets.get(node), checks.get(node));
      }
      script.add(total);
    }
    int checkCount = checks.values().stream().mapToInt(List::size).sum();
    int execCount = f.execsPerRoundByNode().values().stream().mapToInt(Integer::intValue).sum();
    Stats scripted = Stats.of(script);
    Stats operator = Stats.of(f.roundMillis());
    section(5);
    line("## 5. Comparison with the seed's way: one `ssh` per check");
    line("");
    line(
        "The same checks the operator's probes ran in one round (%d checks: %s), each as its own",
        checkCount, counts(checks));
    line(
        "`ssh -i KEY -p PORT root@HOST 'CHECK'` (OpenSSH, a new connection per check, as a script");
    line("looping over checks does), node after node; %d repetitions.", repeats);
    line("");
    line("| way | SSH commands per round | wall time per round, ms (median / p95) |");
    line("|---|---|---|");
    line(
        "| the operator (4 reconciles, one batched probe per node each) | %d | %s |",
        execCount, operator.format(1));
    line("| seed-style script (one ssh per check) | %d | %s |", checkCount, scripted.format(1));
    line("");
    line("Ratio (script / operator, medians): **%.1fx**.", scripted.median() / operator.median());
    line("");
  }

  private static String counts(Map<String, List<String>> checks) {
    List<String> parts = new ArrayList<>();
    checks.forEach((node, items) -> parts.add(node + " " + items.size()));
    return String.join(", ", parts);
  }

  private void latency(ReconcileDriver driver) throws Exception {
    int samples = quick ? 50 : 300;
    Path dir = Files.createTempDirectory("hastorage-latency");
    SshTarget target = SshTarget.simulated(driver.env(), SimulatedFleet.TARGETS.get(0), dir);
    ExecLatency.Result r =
        ExecLatency.measure(target, driver.env().dependencies().shells(), samples);
    section(3);
    line("## 3. Exec latency of `true` on one node");
    line("");
    line(
        "Against simulated node %s (loopback), %d samples each (the new-connection row fewer).",
        target.node(), samples);
    line("");
    line("| way | ms per exec (median / p95) |");
    line("|---|---|");
    line(
        "| the operator's pooled connection (sshj, TCP_NODELAY, its whole transport) | %s |",
        Stats.of(r.pooled()).format(2));
    line(
        "| bare sshj: a session per exec on one connected client (default socket) | %s |",
        Stats.of(r.bareSshj()).format(2));
    line("| bare sshj as above, with TCP_NODELAY | %s |", Stats.of(r.bareSshjNoDelay()).format(2));
    line(
        "| OpenSSH `ssh host true` through a ControlMaster connection | %s |",
        Stats.of(r.controlMaster()).format(2));
    line(
        "| OpenSSH `ssh host true`, a new connection each time | %s |",
        Stats.of(r.newConnection()).format(2));
    line("");
  }

  /**
   * Section 6, as root only: exec latency against a node lab node's real OpenSSH sshd, and one
   * round's recorded probe of a target replayed there (pooled, one exec) against the same checks as
   * one ssh each.
   */
  private void realSshd() throws Exception {
    section(6);
    line("## 6. Against a real OpenSSH sshd (the node lab)");
    line("");
    java.util.Optional<String> unavailable = LabNodes.unavailable(repoRoot);
    if (unavailable.isPresent()) {
      line(
          "Not run: %s (run `./benchmark` as root with ../shared beside the repository).",
          unavailable.get());
      line("");
      return;
    }
    int samples = quick ? 50 : 300;
    Path dir = Files.createTempDirectory("hastorage-lab-bench");
    try (LabNodes lab = LabNodes.up(repoRoot);
        io.hastorage.operator.node.ssh.SshjNodeShellFactory shells =
            io.hastorage.operator.OperatorMain.sshShells(
                io.hastorage.operator.config.OperatorConfig.defaults(),
                new io.micrometer.prometheusmetrics.PrometheusMeterRegistry(
                    io.micrometer.prometheusmetrics.PrometheusConfig.DEFAULT))) {
      SshTarget target = lab.target("t1", "10.99.0.11", dir);
      ExecLatency.Result r = ExecLatency.measure(target, shells, samples);
      line("Node t1 of `../shared/lab/node-lab.sh` (OpenSSH sshd in a network namespace, over a");
      line("bridge), %d samples each (the new-connection row fewer).", samples);
      line("");
      line("| way | ms per exec (median / p95) |");
      line("|---|---|");
      line("| the operator's pooled connection | %s |", Stats.of(r.pooled()).format(2));
      line("| bare sshj, default socket | %s |", Stats.of(r.bareSshj()).format(2));
      line("| bare sshj, TCP_NODELAY | %s |", Stats.of(r.bareSshjNoDelay()).format(2));
      line(
          "| OpenSSH through a ControlMaster connection | %s |",
          Stats.of(r.controlMaster()).format(2));
      line("| OpenSSH, a new connection each time | %s |", Stats.of(r.newConnection()).format(2));
      line("");
      if (!recordedTargetProbes.isEmpty()) {
        replayOnLab(target, shells);
      }
    }
  }

  /** A target's recorded steady-state probes, replayed on a real sshd both ways. */
  private void replayOnLab(SshTarget target, io.hastorage.operator.node.NodeShellFactory shells)
      throws Exception {
    io.hastorage.operator.node.NodeShell shell =
        shells.shellFor(
            new io.hastorage.operator.node.NodeEndpoint(
                target.node(), target.host(), 22, "root", false),
            new io.hastorage.operator.node.NodeCredentials(
                io.hastorage.operator.node.SensitiveBytes.secret(target.privateKey()),
                target.knownHostsLine()));
    List<String> checks = new ArrayList<>();
    recordedTargetProbes.forEach(c -> checks.addAll(SeedStyleChecks.items(c)));
    int repeats = quick ? 3 : 10;
    List<Double> operator =
        ExecLatency.time(
            repeats,
            () ->
                recordedTargetProbes.forEach(
                    c -> {
                      try {
                        shell.exec(c);
                      } catch (io.hastorage.operator.node.NodeAccessException e) {
                        throw new IllegalStateException(e);
                      }
                    }));
    List<Double> scripted = new ArrayList<>();
    for (int i = 0; i < Math.max(1, repeats / 3); i++) {
      scripted.add(SeedStyleChecks.run(target, checks));
    }
    line(
        "One round's probes of a target (%d batched probes, %d checks), replayed on t1 (the lab",
        recordedTargetProbes.size(), checks.size());
    line(
        "lacks most storage tools, so many checks answer \"not found\": the transport cost is what");
    line("is compared):");
    line("");
    line("| way | ms per round (median / p95) |");
    line("|---|---|");
    line(
        "| the operator's pooled connection, one exec per probe | %s |",
        Stats.of(operator).format(1));
    line("| one `ssh` per check | %s |", Stats.of(scripted).format(1));
    line("");
    line("Ratio: **%.0fx**.", Stats.of(scripted).median() / Stats.of(operator).median());
    line("");
  }

  private void coldConvergence() throws Exception {
    int runs = quick ? 1 : 3;
    List<Double> seconds = new ArrayList<>();
    List<Integer> rounds = new ArrayList<>();
    List<Integer> execsPerNode = new ArrayList<>();
    List<Integer> handshakes = new ArrayList<>();
    List<Integer> commands = new ArrayList<>();
    for (int run = 0; run < runs; run++) {
      try (ReconcileDriver driver = ReconcileDriver.start(repoRoot)) {
        SimulatedFleet fleet = driver.env().fleet();
        long start = System.nanoTime();
        int used = driver.convergeAll(60);
        seconds.add((System.nanoTime() - start) / 1e9);
        if (used < 0) {
          throw new IllegalStateException("cold convergence did not reach Ready");
        }
        rounds.add(used);
        fleet.names().forEach(n -> execsPerNode.add(fleet.node(n).execCount()));
        handshakes.add(fleet.servers().stream().mapToInt(s -> s.sessionCount()).sum());
        commands.add(
            fleet.names().stream().mapToInt(n -> fleet.node(n).mutatingCommandCount()).sum());
      }
    }
    section(2);
    line("## 2. Cold convergence (empty simulated nodes to all four resources Ready)");
    line("");
    line(
        "Reconciles run back to back in dependency order (no requeue delay, which the operator adds");
    line("between passes in production: `HASTORAGE_CONVERGING_REQUEUE`); %d runs.", runs);
    line("");
    line("| figure | median / p95 |");
    line("|---|---|");
    line("| wall time to all Ready, s | %s |", Stats.of(seconds).format(2));
    line("| rounds (passes over the four resources) | %s |", Stats.of(rounds).format(0));
    line("| commands that changed a node, all nodes | %s |", Stats.of(commands).format(0));
    line("| SSH execs per node | %s |", Stats.of(execsPerNode).format(0));
    line("| SSH handshakes, all nodes | %s |", Stats.of(handshakes).format(0));
    line("");
    line("Rounds track the dependency phases (cluster layer, DRBD bootstrap and sync, Pacemaker");
    line(
        "hand-over, target, initiator configuration, WWID learnt, format, mount), not the number of");
    line("commands: each round runs every step a phase allows on every node at once.");
    line("");
  }

  private void scale() throws Exception {
    section(4);
    line("## 4. Scale");
    line("");
    List<int[]> sizes =
        quick
            ? List.of(new int[] {10, 5})
            : List.of(new int[] {10, 5}, new int[] {100, 50}, new int[] {1000, 50});
    // each size in its own JVM, for clean heap and RSS figures; its log goes to a file
    Path log = Files.createTempFile("hastorage-scale", ".log");
    List<String> rows = new ArrayList<>();
    for (int[] size : sizes) {
      try {
        rows.add(
            ScaleRow.markdown(
                io.hastorage.e2e.bench.scale.ScaleBenchmark.runForked(
                    repoRoot,
                    size[0],
                    size[1],
                    java.time.Duration.ofSeconds(quick ? 10 : 30),
                    List.of(),
                    log)));
      } catch (IOException e) {
        rows.add(ScaleRow.failed(size[0], e.getMessage()));
      }
    }
    line(
        "N resources = N/2 DrbdVolumes, each exported by its own ScstTarget, over P StorageClusters of");
    line(
        "one simulated target pair each (2P nodes, each its own SSH server; the real operator with");
    line(
        "JOSDK, resync every 10 s). Each size runs in its own JVM. Heap and RSS are the whole process:");
    line(
        "the mock API server (which here does not store Events), the simulated nodes and their SSH");
    line(
        "servers share it with the operator, as they share the 2 cores, so the figures are an upper");
    line(
        "bound for the operator alone. Reconciles/s is what the 2 cores sustained over a 30 s window");
    line(
        "(at 1,000 resources below the 100/s the resync period asks for: CPU-bound); steady state");
    line("changed nothing on any node at every size.");
    line("");
    line(ScaleRow.HEADER);
    line("|---|---|---|---|---|---|---|---|---|");
    rows.forEach(this::line);
    line("");
  }
}
