package io.hastorage.operator.cli;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.hastorage.operator.api.Manifests;
import io.hastorage.operator.api.cluster.ClusterNode;
import io.hastorage.operator.api.cluster.NodeRole;
import io.hastorage.operator.api.cluster.StorageCluster;
import io.hastorage.operator.api.drbd.DrbdVolume;
import io.hastorage.operator.api.scst.ScstTarget;
import io.hastorage.operator.api.validation.SpecValidator;
import io.hastorage.operator.api.validation.Violation;
import io.hastorage.operator.observe.NodeFacts;
import io.hastorage.operator.observe.NodeProbe;
import io.hastorage.operator.observe.OsInfo;
import io.hastorage.operator.observe.ProbeScript;
import io.hastorage.operator.plan.cluster.StorageClusterPlanner;
import io.hastorage.operator.plan.corosync.Authkey;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * {@code plan FILE [--facts DIR] [--assume-os OS | target=OS,initiator=OS]}: prints what the
 * operator would do, without any cluster or node. Nodes are assumed freshly installed unless {@code
 * DIR/<node>.probe} holds real probe output (see {@code probe-script}).
 *
 * <p>{@code probe-script FILE NODE}: prints the read-only probe for that node, to run as {@code ssh
 * root@node sh -s < probe.sh > NODE.probe}.
 */
public final class PlanCommand {

  private final PrintStream out;

  public PlanCommand(PrintStream out) {
    this.out = out;
  }

  /** Returns the process exit code: 0 planned, 2 invalid input. */
  public int plan(List<String> args) throws IOException {
    if (args.isEmpty()) {
      out.println(
          "usage: plan FILE [--facts DIR] [--assume-os OS | target=OS,initiator=OS] [--assume-installed]"
              + " (OS: debian, ubuntu, rhel9, centos7)");
      return 2;
    }
    Path factsDir = option(args, "--facts").map(Path::of).orElse(null);
    Map<NodeRole, OsInfo> os;
    try {
      os = AssumedFacts.distrosByRole(option(args, "--assume-os").orElse("debian"));
    } catch (IllegalArgumentException e) {
      out.println(e.getMessage());
      return 2;
    }
    List<HasMetadata> resources = Manifests.parse(Files.readString(Path.of(args.get(0))));
    int invalid = 0;
    PlanPrinter printer = new PlanPrinter(out);
    for (HasMetadata resource : resources) {
      List<Violation> violations = SpecValidator.validateResource(resource);
      if (!violations.isEmpty()) {
        invalid++;
        printer.note(resource.getKind() + " " + resource.getMetadata().getName() + ": INVALID");
        violations.forEach(v -> printer.note("  " + v));
      } else if (resource instanceof StorageCluster cluster) {
        planCluster(cluster, factsDir, os, args.contains("--assume-installed"), printer);
      } else if (resource instanceof DrbdVolume volume) {
        StorageDesign.volume(volume, resources, os.get(NodeRole.Target), printer);
      } else if (resource instanceof ScstTarget target) {
        StorageDesign.target(target, resources, os.get(NodeRole.Target), printer);
      } else {
        printer.note(
            resource.getKind()
                + " "
                + resource.getMetadata().getName()
                + ": spec valid; this version does not plan this kind yet");
      }
      printer.note("");
    }
    return invalid == 0 ? 0 : 2;
  }

  /** Prints the probe script a node would receive, with the nonce the plan command expects. */
  public int probeScript(List<String> args) throws IOException {
    if (args.size() != 2) {
      out.println("usage: probe-script FILE NODE");
      return 2;
    }
    for (StorageCluster cluster :
        Manifests.ofKind(
            Manifests.parse(Files.readString(Path.of(args.get(0)))), StorageCluster.class)) {
      for (ClusterNode node : cluster.getSpec().nodes) {
        if (node.name.equals(args.get(1))) {
          out.print(
              ProbeScript.render(
                  NodeProbe.items(StorageClusterPlanner.probeRequest(cluster.getSpec(), node)),
                  AssumedFacts.CAPTURE_NONCE));
          return 0;
        }
      }
    }
    out.println("no node " + args.get(1) + " in " + args.get(0));
    return 2;
  }

  private void planCluster(
      StorageCluster cluster,
      Path factsDir,
      Map<NodeRole, OsInfo> os,
      boolean installed,
      PlanPrinter printer)
      throws IOException {
    Map<String, NodeFacts> facts = new LinkedHashMap<>();
    Map<String, String> sources = new LinkedHashMap<>();
    for (ClusterNode node : cluster.getSpec().nodes) {
      Path captured = factsDir == null ? null : factsDir.resolve(node.name + ".probe");
      if (captured != null && Files.exists(captured)) {
        facts.put(
            node.name,
            AssumedFacts.captured(
                node.name,
                Files.readString(captured),
                StorageClusterPlanner.probeRequest(cluster.getSpec(), node)));
        sources.put(node.name, "facts from " + captured);
      } else {
        OsInfo assumedOs = os.get(node.role);
        facts.put(
            node.name,
            installed
                ? AssumedFacts.installed(node, assumedOs, cluster.getSpec().prerequisitesOrEmpty())
                : AssumedFacts.empty(node.name, assumedOs));
        sources.put(
            node.name,
            (installed ? "assumed prerequisites installed, " : "assumed empty ")
                + assumedOs.prettyName());
      }
    }
    // Offline there is no Secret: a throwaway key shows where the authkey goes (never printed);
    // fence secrets are not read, so no CIB change is planned.
    StorageClusterPlanner.Secrets secrets =
        new StorageClusterPlanner.Secrets(
            Optional.of(Authkey.generate(new SecureRandom())), Optional.empty());
    printer.cluster(
        cluster, StorageClusterPlanner.plan(cluster.getSpec(), facts, secrets), sources);
  }

  private static java.util.Optional<String> option(List<String> args, String name) {
    int at = args.indexOf(name);
    return at >= 0 && at + 1 < args.size()
        ? java.util.Optional.of(args.get(at + 1))
        : java.util.Optional.empty();
  }
}
