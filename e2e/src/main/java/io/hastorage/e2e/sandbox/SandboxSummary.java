package io.hastorage.e2e.sandbox;

import io.hastorage.e2e.sim.ExecLog;
import io.hastorage.e2e.sim.SimulatedNode;
import io.hastorage.operator.api.cluster.NodeStatus;
import io.hastorage.operator.api.cluster.StorageCluster;
import io.hastorage.operator.api.common.ResourceStatus;
import io.hastorage.operator.api.drbd.DrbdVolume;
import io.hastorage.operator.api.drbd.DrbdVolumeStatus;
import io.hastorage.operator.api.ocfs2.Ocfs2Mount;
import io.hastorage.operator.api.ocfs2.Ocfs2MountStatus;
import io.hastorage.operator.api.scst.ScstTarget;
import io.hastorage.operator.api.scst.ScstTargetStatus;
import java.io.PrintStream;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** The sandbox's closing report, and the check that a converged cluster stays untouched. */
final class SandboxSummary {

  /** The operator's atomic file write: the fixed script, then the path and mode as arguments. */
  private static final java.util.regex.Pattern ATOMIC_WRITE =
      java.util.regex.Pattern.compile(
          "\\.hastorage\\.XXXXXX.*' sh (/\\S+) (0[0-7]{3})$", java.util.regex.Pattern.DOTALL);

  private final SandboxEnvironment env;
  private final String clusterName;
  private final Duration timeToReady;
  private final Map<String, Integer> steadyExecs = new HashMap<>();
  private final Map<String, Integer> steadyChanges = new HashMap<>();
  private boolean statusWritten;
  private final List<String> degradedAtReady = new java.util.ArrayList<>();

  SandboxSummary(SandboxEnvironment env, String clusterName, Duration timeToReady) {
    this.env = env;
    this.clusterName = clusterName;
    this.timeToReady = timeToReady;
  }

  /** Which resources were Ready yet Degraded when all four became Ready, and why. */
  void recordDegradedAtReady() {
    List<io.fabric8.kubernetes.client.CustomResource<?, ? extends ResourceStatus>> resources =
        new java.util.ArrayList<>();
    volume().ifPresent(resources::add);
    target().ifPresent(resources::add);
    mount().ifPresent(resources::add);
    for (var r : resources) {
      if (r.getStatus() == null) {
        continue;
      }
      r.getStatus()
          .condition("Degraded")
          .filter(c -> "True".equals(c.getStatus()))
          .ifPresent(
              c ->
                  degradedAtReady.add(
                      r.getKind()
                          + " "
                          + r.getMetadata().getName()
                          + " Degraded="
                          + c.getReason()));
    }
  }

  /**
   * Waits for the next periodic reconcile to probe every node, then records what it cost: execs and
   * changes per node, and whether the status was written. True when nothing changed.
   */
  boolean awaitSteadyState(Duration timeout) throws InterruptedException {
    Map<String, Integer> execs = SandboxMain.snapshotExecs(env);
    Map<String, Integer> changes = new HashMap<>();
    env.fleet().names().forEach(n -> changes.put(n, env.fleet().node(n).mutatingCommandCount()));
    String version = env.storageCluster(clusterName).getMetadata().getResourceVersion();
    String versions = resourceVersions();
    Instant deadline = Instant.now().plus(timeout);
    while (Instant.now().isBefore(deadline) && !everyNodeProbedSince(execs)) {
      Thread.sleep(100);
    }
    Thread.sleep(500); // let that reconcile finish planning and deciding about status
    for (String node : env.fleet().names()) {
      SimulatedNode simulated = env.fleet().node(node);
      steadyExecs.put(node, simulated.execCount() - execs.get(node));
      steadyChanges.put(node, simulated.mutatingCommandCount() - changes.get(node));
    }
    statusWritten =
        !version.equals(env.storageCluster(clusterName).getMetadata().getResourceVersion())
            || !versions.equals(resourceVersions());
    return everyNodeProbedSince(execs)
        && steadyChanges.values().stream().allMatch(c -> c == 0)
        && !statusWritten;
  }

  void print(PrintStream out, boolean ready, Map<String, Integer> execsAtReady, boolean steady) {
    StorageCluster cluster = env.storageCluster(clusterName);
    out.println();
    out.println("== Summary ==");
    out.printf(
        "StorageCluster %s%s: %s after %.1fs%n",
        clusterName,
        volume().map(v -> ", DrbdVolume " + v.getMetadata().getName()).orElse("")
            + target().map(t -> ", ScstTarget " + t.getMetadata().getName()).orElse("")
            + mount().map(m -> " and Ocfs2Mount " + m.getMetadata().getName()).orElse(""),
        ready ? "Ready" : "NOT Ready",
        timeToReady.toMillis() / 1000.0);
    if (!degradedAtReady.isEmpty()) {
      out.println(
          "Serving before redundant: all Ready while "
              + String.join(", ", degradedAtReady)
              + " (the first DRBD sync ran on)");
    }
    out.printf(
        "%-9s %-9s %-24s %-13s %-6s %-8s %-10s%n",
        "node", "role", "os", "prerequisites", "execs", "changes", "handshakes");
    for (NodeStatus node : cluster.getStatus().nodes) {
      SimulatedNode simulated = env.fleet().node(node.name);
      out.printf(
          "%-9s %-9s %-24s %-13s %-6d %-8d %-10d%n",
          node.name,
          node.role,
          node.os,
          Boolean.TRUE.equals(node.prerequisitesMet) ? "met" : "missing",
          execsAtReady.get(node.name),
          simulated.mutatingCommandCount(),
          env.fleet().server(node.name).sessionCount());
    }
    out.println("Changes the operator made:");
    for (String node : env.fleet().names()) {
      List<ExecLog.Entry> changes =
          env.fleet().node(node).execLog().entries().stream()
              .filter(ExecLog.Entry::mutating)
              .toList();
      changes.forEach(c -> out.printf("  %-9s %s%n", node, describe(c.commandLine())));
    }
    out.printf(
        "Steady state (next periodic reconcile): execs per node %s, changes %s, status written: %s -> %s%n",
        steadyExecs,
        steadyChanges,
        statusWritten ? "yes" : "no",
        steady ? "converged, nothing to do" : "NOT STEADY");
    volume().ifPresent(v -> printVolume(out, v));
    target().ifPresent(t -> printTarget(out, t));
    mount().ifPresent(m -> printMount(out, m));
  }

  private void printMount(PrintStream out, Ocfs2Mount mount) {
    Ocfs2MountStatus status = mount.getStatus();
    if (status == null) {
      return;
    }
    out.printf(
        "Ocfs2Mount %s (%s on %s): mounted %s, WWID %s, OCFS2 UUID %s%n",
        mount.getMetadata().getName(),
        mount.getSpec().filesystem.label,
        mount.getSpec().mountPoint,
        status.mounted,
        status.wwid,
        status.filesystemUuid);
    status.nodes.forEach(
        n ->
            out.printf(
                "  %-9s %s  sessions %d  paths %d/%d  %s%n",
                n.node,
                n.initiatorName,
                n.sessions,
                n.pathsUp,
                n.pathsTotal,
                Boolean.TRUE.equals(n.mounted) ? "mounted" : "not mounted"));
  }

  /** The resourceVersions of the DrbdVolume, ScstTarget and Ocfs2Mount: any status write shows. */
  private String resourceVersions() {
    return volume().map(v -> v.getMetadata().getResourceVersion()).orElse("")
        + "/"
        + target().map(t -> t.getMetadata().getResourceVersion()).orElse("")
        + "/"
        + mount().map(m -> m.getMetadata().getResourceVersion()).orElse("");
  }

  private java.util.Optional<Ocfs2Mount> mount() {
    return env
        .client()
        .resources(Ocfs2Mount.class)
        .inNamespace(SandboxEnvironment.NAMESPACE)
        .list()
        .getItems()
        .stream()
        .findFirst();
  }

  private void printVolume(PrintStream out, DrbdVolume volume) {
    DrbdVolumeStatus status = volume.getStatus();
    if (status == null) {
      return;
    }
    out.printf(
        "DrbdVolume %s (DRBD %s, VG %s): primary %s, split brain: %s%n",
        volume.getMetadata().getName(),
        volume.getSpec().resourceName,
        volume.getSpec().lvm.volumeGroup,
        status.primary,
        Boolean.TRUE.equals(status.splitBrain) ? "YES" : "no");
    for (DrbdVolumeStatus.DrbdNodeState node : status.nodes) {
      out.printf(
          "  %-9s volume %d  %-9s %-10s %s/%s%n",
          node.node,
          node.volume,
          node.role,
          node.connectionState,
          node.diskState,
          node.peerDiskState);
    }
    out.printf(
        "  LVs on the primary: %s; Pacemaker: %s%n",
        env.fleet().replication().logicalVolumes(volume.getSpec().resourceName),
        env.fleet().cluster().cibXml().contains("hastorage-drbd-" + volume.getSpec().resourceName)
            ? "promotable clone + LVM-activate + constraints"
            : "not handed over");
  }

  private void printTarget(PrintStream out, ScstTarget target) {
    ScstTargetStatus status = target.getStatus();
    if (status == null) {
      return;
    }
    out.printf(
        "ScstTarget %s (%s, %s agents): active on %s%n",
        target.getMetadata().getName(), target.getSpec().iqn, status.agents, status.activeNode);
    status.portals.forEach(
        p -> out.printf("  portal %s:%d (%s) %s%n", p.ip, p.port, p.network, p.up ? "up" : "down"));
    status.luns.forEach(
        l ->
            out.printf(
                "  LUN %d %s scsi_sn %s t10_dev_id %s%n",
                l.number, l.deviceName, l.scsiSn, l.t10DevId));
  }

  private java.util.Optional<ScstTarget> target() {
    return env
        .client()
        .resources(ScstTarget.class)
        .inNamespace(SandboxEnvironment.NAMESPACE)
        .list()
        .getItems()
        .stream()
        .findFirst();
  }

  private java.util.Optional<DrbdVolume> volume() {
    return env
        .client()
        .resources(DrbdVolume.class)
        .inNamespace(SandboxEnvironment.NAMESPACE)
        .list()
        .getItems()
        .stream()
        .findFirst();
  }

  private boolean everyNodeProbedSince(Map<String, Integer> execs) {
    return env.fleet().names().stream()
        .allMatch(n -> env.fleet().node(n).execCount() > execs.get(n));
  }

  /** A command line cut to one readable line (file contents travel on stdin, never here). */
  private static String describe(String commandLine) {
    java.util.regex.Matcher write = ATOMIC_WRITE.matcher(commandLine);
    if (write.find()) {
      return "write " + write.group(1) + " (mode " + write.group(2) + ", content on stdin)";
    }
    String flat = commandLine.replace('\n', ' ');
    return flat.length() > 110 ? flat.substring(0, 107) + "..." : flat;
  }
}
