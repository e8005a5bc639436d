package io.hastorage.e2e.bench.scale;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.SecretBuilder;
import io.fabric8.kubernetes.client.CustomResource;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.informers.ResourceEventHandler;
import io.fabric8.kubernetes.client.informers.SharedIndexInformer;
import io.hastorage.e2e.sim.SshKeys;
import io.hastorage.operator.OperatorMain;
import io.hastorage.operator.OperatorRunner;
import io.hastorage.operator.api.cluster.StorageCluster;
import io.hastorage.operator.api.common.ResourceStatus;
import io.hastorage.operator.api.drbd.DrbdVolume;
import io.hastorage.operator.api.scst.ScstTarget;
import io.hastorage.operator.config.OperatorConfig;
import io.hastorage.operator.node.ssh.SshjNodeShellFactory;
import io.micrometer.core.instrument.Counter;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.io.IOException;
import java.io.PrintStream;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Scale benchmark: many DrbdVolumes and ScstTargets over many simulated target pairs, converged by
 * the real operator (the shipped {@link OperatorRunner} wiring, JOSDK, its SSH transport) against
 * the embedded API server, with every node behind its own in-process SSH server.
 *
 * <p>One run: start the API server with the committed CRDs, the fleet ({@link ScaleFleet}) and
 * every Secret (SSH per node, IPMI per target, DRBD shared secret per volume); create all
 * resources; start the operator and time until all are Ready; then measure heap after GC and RSS;
 * then count reconciles, SSH execs and changing execs over a steady window. Everything is stopped
 * before returning, so runs can follow each other in one JVM - but the memory figures of a later
 * run then include what earlier runs left in the JVM (a heap grown and not given back, loaded
 * classes, JIT code). For clean memory figures run each size in a fresh JVM: {@link ScaleMain}, or
 * {@link #runForked}.
 *
 * <p>Everything shares one process and its cores: the operator, the API server ({@link
 * ScaleApiServer}: the sandbox's fabric8 mock server, counting requests and not storing Events), 2
 * x clusters SSH servers and the simulated nodes behind them. So the times and rates are those of
 * the whole system on this machine, a lower bound for the operator alone; {@code Details} carries
 * the CPU use and API requests that explain them. Heap and RSS likewise include the API server's
 * store, the simulated nodes' state and the benchmark's own informers ({@code
 * heapBeforeOperatorBytes} is the baseline without the operator).
 *
 * <p>Nothing here asserts a timing; the figures are reported as measured.
 */
public final class ScaleBenchmark {

  /** The resync period of the steady-state measurement (the shipped default is 60 s). */
  public static final Duration DEFAULT_RESYNC_PERIOD = Duration.ofSeconds(10);

  /** Give up waiting for Ready after this long. */
  public static final Duration DEFAULT_READY_TIMEOUT = Duration.ofMinutes(15);

  /** Wait after all are Ready (and after the memory figures) before the steady window opens. */
  private static final Duration SETTLE = Duration.ofSeconds(5);

  private static final long SECOND = 1_000_000_000L;

  private static final String RECONCILES_STARTED = "operator.sdk.reconciliations.started";

  private ScaleBenchmark() {}

  /**
   * What to run.
   *
   * @param storeEvents whether the embedded API server keeps the Events the operator records (see
   *     {@link ScaleApiServer}: stored, they slow every later request of the mock server)
   */
  public record Settings(
      int resources,
      int clusters,
      Duration steadyWindow,
      Duration resyncPeriod,
      Duration readyTimeout,
      boolean storeEvents) {

    public static Settings of(int resources, int clusters, Duration steadyWindow) {
      return new Settings(
          resources, clusters, steadyWindow, DEFAULT_RESYNC_PERIOD, DEFAULT_READY_TIMEOUT, false);
    }
  }

  /**
   * The figures and what explains them.
   *
   * @param secondsToClustersReady from the operator's start until every StorageCluster was Ready
   * @param medianSecondsToReady median over the resources (volumes and targets) of the time each
   *     first showed Ready
   * @param p95SecondsToReady 95th percentile of the same
   * @param heapBeforeOperatorBytes heap used after GC with the API server, the fleet and all
   *     resources in place, before the operator started (so the operator's share is roughly the
   *     difference, the simulated nodes' grown state aside)
   * @param resyncSeconds the operator's resync period in this run
   * @param expectedReconcilesPerSecond one reconcile per resource and StorageCluster per resync
   *     period: the rate the operator asks for itself at steady state
   * @param medianReconcilesPerSecond median of the per-second reconcile counts over the window
   * @param p95ReconcilesPerSecond 95th percentile of the same
   * @param statusWritesAtSteadyState resources whose resourceVersion changed over the window
   * @param sshSessions SSH sessions the servers accepted over the whole run (one per node when the
   *     operator's connection pool holds)
   * @param threads live JVM threads when all were Ready
   * @param windowSeconds the steady window actually measured
   * @param cpuSecondsToReady CPU time of the whole process (operator, API server, simulated nodes)
   *     from the operator's start until all were Ready
   * @param cpuUtilisationToReady that CPU time over the wall time and the available processors
   * @param cpuUtilisationAtSteadyState the same over the steady window
   * @param apiRequestsToReady requests the API server received until all were Ready (the
   *     benchmark's own informers included: one LIST and one WATCH per kind)
   * @param apiRequestsPerReconcile API requests over the steady window per reconcile
   * @param apiRequestsPerReconcileByKind the same split by verb and resource
   * @param heapCommittedBytes heap the JVM had committed at the same moment as the heap figure
   *     (most of the RSS: the heap grows to what convergence needed and is not given back)
   * @param nonHeapUsedBytes metaspace, code cache and other non-heap memory in use then
   * @param threadsByName live threads when all were Ready, by name with numbers and node names
   *     folded (e.g. {@code sshd-SshServer[*]-nio#-thread-#}), largest groups first
   * @param unsupported commands the simulation could not model
   */
  public record Details(
      ScaleFigures figures,
      double secondsToClustersReady,
      double medianSecondsToReady,
      double p95SecondsToReady,
      long heapBeforeOperatorBytes,
      double resyncSeconds,
      double expectedReconcilesPerSecond,
      double medianReconcilesPerSecond,
      double p95ReconcilesPerSecond,
      long statusWritesAtSteadyState,
      long sshSessions,
      int threads,
      double windowSeconds,
      double cpuSecondsToReady,
      double cpuUtilisationToReady,
      double cpuUtilisationAtSteadyState,
      long apiRequestsToReady,
      double apiRequestsPerReconcile,
      Map<String, Double> apiRequestsPerReconcileByKind,
      long heapCommittedBytes,
      long nonHeapUsedBytes,
      Map<String, Integer> threadsByName,
      List<String> unsupported) {}

  /**
   * Runs {@code resources} resources (half DrbdVolumes, half ScstTargets) over {@code clusters}
   * target pairs with the default resync period, printing progress to stderr. Reconciles come in
   * bursts one resync period apart, so {@code steadyWindow} should span several periods (30 s for
   * the default 10 s).
   */
  public static ScaleFigures run(Path repoRoot, int resources, int clusters, Duration steadyWindow)
      throws Exception {
    return run(repoRoot, Settings.of(resources, clusters, steadyWindow), System.err).figures();
  }

  /**
   * Runs {@link ScaleMain} in a fresh JVM (this JVM's java and class path, {@code jvmOptions}
   * added) and reads its figures; its stderr (progress, operator log) goes to {@code log}.
   */
  public static ScaleFigures runForked(
      Path repoRoot,
      int resources,
      int clusters,
      Duration steadyWindow,
      List<String> jvmOptions,
      Path log)
      throws IOException, InterruptedException {
    List<String> command = new ArrayList<>();
    command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    command.addAll(jvmOptions);
    command.add("-Dhastorage.repoRoot=" + repoRoot.toAbsolutePath());
    command.add("-cp");
    command.add(System.getProperty("java.class.path"));
    command.add(ScaleMain.class.getName());
    command.add(Integer.toString(resources));
    command.add(Integer.toString(clusters));
    command.add(Long.toString(steadyWindow.toSeconds()));
    Process process =
        new ProcessBuilder(command)
            .redirectError(ProcessBuilder.Redirect.appendTo(log.toFile()))
            .redirectInput(ProcessBuilder.Redirect.PIPE)
            .start();
    process.getOutputStream().close();
    String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    int code = process.waitFor();
    String line = out.lines().filter(l -> l.startsWith("{")).reduce((a, b) -> b).orElse("").strip();
    if (code != 0 || line.isEmpty()) {
      throw new IOException(
          "ScaleMain " + resources + " " + clusters + " exited " + code + "; see " + log);
    }
    return ScaleFigures.fromJson(line);
  }

  /** Runs one size; progress lines go to {@code progress}. */
  public static Details run(Path repoRoot, Settings settings, PrintStream progress)
      throws Exception {
    ScaleLayout layout = ScaleLayout.of(settings.resources(), settings.clusters());
    OperatorConfig config =
        OperatorConfig.defaults()
            .with(
                Map.of(
                    "HASTORAGE_HTTP_PORT",
                    "0",
                    "HASTORAGE_RESYNC_PERIOD",
                    settings.resyncPeriod().toMillis() + "ms",
                    "HASTORAGE_CONVERGING_REQUEUE",
                    "1s",
                    "HASTORAGE_LEADER_ELECTION",
                    "false"));
    // Leader election stays off: the mock API server cannot answer JOSDK's permission check.
    PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    KeyPair key = SshKeys.generate();
    try (ScaleApiServer api = ScaleApiServer.start(settings.storeEvents());
        ScaleFleet fleet = new ScaleFleet(layout, List.of(key.getPublic()));
        SshjNodeShellFactory shells = OperatorMain.sshShells(config, registry)) {
      api.installCrds(repoRoot.resolve("crds"));
      fleet.start();
      KubernetesClient client = api.client();
      putSecrets(client, layout, fleet, key);
      List<HasMetadata> resources = layout.resources(fleet::port);
      for (HasMetadata resource : resources) {
        client.resource(resource).inNamespace(ScaleLayout.NAMESPACE).create();
      }
      progress.printf(
          "scale: %d resources (%d DrbdVolumes, %d ScstTargets) and %d StorageClusters created;"
              + " %d simulated nodes on SSH%n",
          layout.resources(),
          layout.volumes().size(),
          layout.volumes().size(),
          layout.clusters().size(),
          fleet.names().size());
      try (ReadinessTracker readiness = new ReadinessTracker(client, layout)) {
        long heapBefore = heapAfterGc();
        long requestsBefore = total(api.requestCounts());
        double cpuBefore = processCpuSeconds();
        long start = System.nanoTime();
        try (OperatorRunner operator =
            OperatorRunner.start(
                new OperatorRunner.Dependencies(
                    client, config, shells, registry, Clock.systemUTC()))) {
          readiness.await(start, settings.readyTimeout(), fleet, progress);
          double toReady = seconds(readiness.allReadyNanos() - start);
          double cpuToReady = processCpuSeconds() - cpuBefore;
          long requestsToReady = total(api.requestCounts()) - requestsBefore;
          int threads = ManagementFactory.getThreadMXBean().getThreadCount();
          Map<String, Integer> threadsByName = threadsByName();
          fleet.clearExecLogs();
          long heap = heapAfterGc();
          long rss = rssBytes();
          long heapCommitted =
              ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getCommitted();
          long nonHeap = ManagementFactory.getMemoryMXBean().getNonHeapMemoryUsage().getUsed();
          progress.printf(
              "scale: all Ready after %.1fs (StorageClusters after %.1fs); heap after GC %d MiB,"
                  + " RSS %d MiB, %d threads, %.0f CPU seconds, %d API requests%n",
              toReady,
              seconds(readiness.clustersReadyNanos() - start),
              heap >> 20,
              rss >> 20,
              threads,
              cpuToReady,
              requestsToReady);
          Thread.sleep(SETTLE.toMillis());

          Map<String, String> versionsBefore = readiness.resourceVersions();
          Map<String, Long> requestsAtStart = api.requestCounts();
          long execsBefore = fleet.execs();
          long changesBefore = fleet.mutatingCommands();
          double cpuWindowBefore = processCpuSeconds();
          double reconcilesBefore = reconcilesStarted(registry);
          List<Double> perSecond = new ArrayList<>();
          long windowStart = System.nanoTime();
          long windowNanos = settings.steadyWindow().toNanos();
          double previous = reconcilesBefore;
          for (long t = SECOND; ; t += SECOND) {
            long elapsed = Math.min(t, windowNanos);
            sleepUntil(windowStart + elapsed);
            double current = reconcilesStarted(registry);
            if (elapsed == t) {
              perSecond.add(current - previous); // whole seconds only
            }
            previous = current;
            if (t >= windowNanos) {
              break;
            }
          }
          double window = seconds(System.nanoTime() - windowStart);
          double reconciles = reconcilesStarted(registry) - reconcilesBefore;
          double cpuWindow = processCpuSeconds() - cpuWindowBefore;
          long execs = fleet.execs() - execsBefore;
          long changes = fleet.mutatingCommands() - changesBefore;
          Map<String, Long> requestsAtEnd = api.requestCounts();
          Map<String, String> versionsAfter = readiness.resourceVersions();
          long statusWrites =
              versionsAfter.entrySet().stream()
                  .filter(e -> !e.getValue().equals(versionsBefore.get(e.getKey())))
                  .count();
          Map<String, Double> requestsPerReconcile = new TreeMap<>();
          requestsAtEnd.forEach(
              (kind, count) -> {
                long delta = count - requestsAtStart.getOrDefault(kind, 0L);
                if (delta > 0 && reconciles > 0) {
                  requestsPerReconcile.put(kind, delta / reconciles);
                }
              });
          long requestsInWindow = total(requestsAtEnd) - total(requestsAtStart);
          ScaleFigures figures =
              new ScaleFigures(
                  layout.resources(),
                  layout.clusters().size(),
                  fleet.names().size(),
                  toReady,
                  heap,
                  rss,
                  reconciles / window,
                  reconciles == 0 ? 0 : execs / reconciles,
                  changes);
          int total = layout.resources() + layout.clusters().size();
          double resync = settings.resyncPeriod().toMillis() / 1000.0;
          int cores = Runtime.getRuntime().availableProcessors();
          List<Double> readyTimes = readiness.resourceReadySeconds(start);
          Details details =
              new Details(
                  figures,
                  seconds(readiness.clustersReadyNanos() - start),
                  percentile(readyTimes, 50),
                  percentile(readyTimes, 95),
                  heapBefore,
                  resync,
                  total / resync,
                  percentile(perSecond, 50),
                  percentile(perSecond, 95),
                  statusWrites,
                  fleet.sessions(),
                  threads,
                  window,
                  cpuToReady,
                  cpuToReady / (toReady * cores),
                  cpuWindow / (window * cores),
                  requestsToReady,
                  reconciles == 0 ? 0 : requestsInWindow / reconciles,
                  requestsPerReconcile,
                  heapCommitted,
                  nonHeap,
                  threadsByName,
                  fleet.unsupported());
          progress.printf(
              "scale: steady window %.1fs: %.0f reconciles (%.1f/s, asked for %.1f/s), %d execs,"
                  + " %d changing, %d status writes, %d API requests, CPU %.0f%%%n",
              window,
              reconciles,
              figures.reconcilesPerSecond(),
              details.expectedReconcilesPerSecond(),
              execs,
              changes,
              statusWrites,
              requestsInWindow,
              100 * details.cpuUtilisationAtSteadyState());
          return details;
        }
      }
    }
  }

  private static long total(Map<String, Long> counts) {
    return counts.values().stream().mapToLong(Long::longValue).sum();
  }

  /** Live threads grouped by name, numbers and simulated node names folded, largest first. */
  static Map<String, Integer> threadsByName() {
    Map<String, Integer> counts = new HashMap<>();
    for (Thread thread : Thread.getAllStackTraces().keySet()) {
      counts.merge(foldThreadName(thread.getName()), 1, Integer::sum);
    }
    Map<String, Integer> sorted = new java.util.LinkedHashMap<>();
    counts.entrySet().stream()
        .sorted(
            Map.Entry.<String, Integer>comparingByValue()
                .reversed()
                .thenComparing(Map.Entry.comparingByKey()))
        .forEach(e -> sorted.put(e.getKey(), e.getValue()));
    return sorted;
  }

  /** E.g. {@code sim-pair07-a-exec} to {@code sim-pair*-exec}, digits to {@code #}. */
  static String foldThreadName(String name) {
    return name.replaceAll("\\[[^\\]]*\\]", "[*]")
        .replaceAll("pair\\d+-[ab]", "pair*")
        .replaceAll("/\\d+\\.\\d+\\.\\d+\\.\\d+:\\d+", "/*")
        .replaceAll("\\d+", "#");
  }

  /** CPU time of this process so far, all threads (GC and JIT included). */
  static double processCpuSeconds() {
    if (ManagementFactory.getOperatingSystemMXBean()
        instanceof com.sun.management.OperatingSystemMXBean os) {
      return os.getProcessCpuTime() / 1e9;
    }
    return Double.NaN;
  }

  private static void putSecrets(
      KubernetesClient client, ScaleLayout layout, ScaleFleet fleet, KeyPair key) {
    String privateKey = SshKeys.openSshPrivateKey(key, "ha-iscsi-operator");
    for (String node : fleet.names()) {
      putSecret(
          client,
          ScaleLayout.sshSecret(node),
          Map.of("ssh-privatekey", privateKey, "known_hosts", fleet.server(node).knownHostsLine()));
      putSecret(
          client, ScaleLayout.fenceSecret(node), Map.of("password", "ipmi-" + UUID.randomUUID()));
    }
    for (ScaleLayout.Volume volume : layout.volumes()) {
      putSecret(
          client,
          volume.secretName(),
          Map.of("shared-secret", "drbd-" + UUID.randomUUID().toString().substring(0, 18)));
    }
  }

  private static void putSecret(KubernetesClient client, String name, Map<String, String> data) {
    Map<String, String> encoded = new HashMap<>();
    data.forEach(
        (k, v) ->
            encoded.put(k, Base64.getEncoder().encodeToString(v.getBytes(StandardCharsets.UTF_8))));
    client
        .secrets()
        .inNamespace(ScaleLayout.NAMESPACE)
        .resource(
            new SecretBuilder()
                .withNewMetadata()
                .withName(name)
                .withNamespace(ScaleLayout.NAMESPACE)
                .endMetadata()
                .withData(encoded)
                .build())
        .create();
  }

  /** Reconciles JOSDK started so far, summed over every resource's counter. */
  static double reconcilesStarted(PrometheusMeterRegistry registry) {
    return registry.find(RECONCILES_STARTED).counters().stream().mapToDouble(Counter::count).sum();
  }

  /** Heap used after asking for a full collection (twice, so finalizable garbage goes too). */
  static long heapAfterGc() {
    System.gc();
    System.gc();
    return ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
  }

  /** This process's resident set size from /proc/self/status (VmRSS), or -1 where there is none. */
  static long rssBytes() {
    try {
      for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
        if (line.startsWith("VmRSS:")) {
          return Long.parseLong(line.replaceAll("[^0-9]", "")) * 1024;
        }
      }
    } catch (IOException | NumberFormatException e) {
      return -1;
    }
    return -1;
  }

  /** Nearest-rank percentile of {@code values} (0 for none). */
  static double percentile(List<Double> values, int percent) {
    if (values.isEmpty()) {
      return 0;
    }
    List<Double> sorted = new ArrayList<>(values);
    sorted.sort(Double::compare);
    int rank = (int) Math.ceil(percent / 100.0 * sorted.size());
    return sorted.get(Math.max(0, Math.min(sorted.size() - 1, rank - 1)));
  }

  private static void sleepUntil(long nanoTime) throws InterruptedException {
    long left = nanoTime - System.nanoTime();
    if (left > 0) {
      Thread.sleep(left / 1_000_000L, (int) (left % 1_000_000L));
    }
  }

  static double seconds(long nanos) {
    return nanos / 1e9;
  }

  /**
   * Watches the three kinds through informers (one LIST and one WATCH each, so no polling load on
   * the API server) and remembers when each resource first showed Ready.
   */
  static final class ReadinessTracker implements AutoCloseable {

    static final List<Class<? extends CustomResource<?, ?>>> KINDS =
        List.of(StorageCluster.class, DrbdVolume.class, ScstTarget.class);

    private final ScaleLayout layout;
    private final Map<String, Long> readySince = new ConcurrentHashMap<>();
    private final List<SharedIndexInformer<? extends CustomResource<?, ?>>> informers =
        new ArrayList<>();
    private long clustersReady = -1;
    private long allReady = -1;

    ReadinessTracker(KubernetesClient client, ScaleLayout layout) {
      this.layout = layout;
      for (Class<? extends CustomResource<?, ?>> kind : KINDS) {
        informers.add(inform(client, kind));
      }
    }

    private <T extends CustomResource<?, ?>> SharedIndexInformer<T> inform(
        KubernetesClient client, Class<T> kind) {
      return client
          .resources(kind)
          .inNamespace(ScaleLayout.NAMESPACE)
          .inform(
              new ResourceEventHandler<T>() {
                @Override
                public void onAdd(T resource) {
                  seen(resource);
                }

                @Override
                public void onUpdate(T old, T resource) {
                  seen(resource);
                }

                @Override
                public void onDelete(T resource, boolean unknownFinalState) {}
              });
    }

    private void seen(CustomResource<?, ?> resource) {
      if (isReady(resource)) {
        readySince.putIfAbsent(key(resource), System.nanoTime());
      }
    }

    private static String key(HasMetadata resource) {
      return resource.getKind() + "/" + resource.getMetadata().getName();
    }

    void await(long start, Duration timeout, ScaleFleet fleet, PrintStream progress)
        throws InterruptedException {
      long deadline = start + timeout.toNanos();
      long nextReport = start + Duration.ofSeconds(10).toNanos();
      int clusterCount = layout.clusters().size();
      int volumeCount = layout.volumes().size();
      while (true) {
        Map<String, Integer> counts = counts();
        int clusters = counts.getOrDefault("StorageCluster", 0);
        int volumes = counts.getOrDefault("DrbdVolume", 0);
        int targets = counts.getOrDefault("ScstTarget", 0);
        if (clustersReady < 0 && clusters == clusterCount) {
          clustersReady = latest("StorageCluster/");
        }
        if (clusters == clusterCount && volumes == volumeCount && targets == volumeCount) {
          allReady = latest("");
          return;
        }
        long now = System.nanoTime();
        String line =
            String.format(
                "%5.1fs Ready: StorageClusters %d/%d, DrbdVolumes %d/%d, ScstTargets %d/%d;"
                    + " %d SSH execs",
                seconds(now - start),
                clusters,
                clusterCount,
                volumes,
                volumeCount,
                targets,
                volumeCount,
                fleet.execs());
        if (now >= nextReport) {
          progress.println("scale: " + line);
          nextReport += Duration.ofSeconds(10).toNanos();
        }
        if (now >= deadline) {
          throw new IllegalStateException(
              "not all Ready within " + timeout.toSeconds() + "s: " + line);
        }
        Thread.sleep(100);
      }
    }

    private Map<String, Integer> counts() {
      Map<String, Integer> counts = new HashMap<>();
      readySince
          .keySet()
          .forEach(k -> counts.merge(k.substring(0, k.indexOf('/')), 1, Integer::sum));
      return counts;
    }

    private long latest(String keyPrefix) {
      return readySince.entrySet().stream()
          .filter(e -> e.getKey().startsWith(keyPrefix))
          .mapToLong(Map.Entry::getValue)
          .max()
          .orElse(-1);
    }

    private static boolean isReady(CustomResource<?, ?> resource) {
      return resource.getStatus() instanceof ResourceStatus status
          && status.condition("Ready").map(c -> "True".equals(c.getStatus())).orElse(false);
    }

    long clustersReadyNanos() {
      return clustersReady;
    }

    long allReadyNanos() {
      return allReady;
    }

    /** When each DrbdVolume and ScstTarget first showed Ready, in seconds after {@code start}. */
    List<Double> resourceReadySeconds(long start) {
      return readySince.entrySet().stream()
          .filter(e -> !e.getKey().startsWith("StorageCluster/"))
          .map(e -> seconds(e.getValue() - start))
          .toList();
    }

    /** Kind/name to resourceVersion of every benchmark resource, from the informers' caches. */
    Map<String, String> resourceVersions() {
      Map<String, String> versions = new HashMap<>();
      for (SharedIndexInformer<? extends CustomResource<?, ?>> informer : informers) {
        for (CustomResource<?, ?> item : informer.getStore().list()) {
          versions.put(key(item), item.getMetadata().getResourceVersion());
        }
      }
      return versions;
    }

    @Override
    public void close() {
      informers.forEach(SharedIndexInformer::close);
    }
  }
}
