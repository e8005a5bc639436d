package io.hastorage.operator.cli;

import io.hastorage.operator.api.cluster.ClusterNode;
import io.hastorage.operator.api.cluster.NodeRole;
import io.hastorage.operator.api.cluster.PrerequisitesSpec;
import io.hastorage.operator.observe.FactsParser;
import io.hastorage.operator.observe.NodeFacts;
import io.hastorage.operator.observe.OsInfo;
import io.hastorage.operator.observe.ProbeOutput;
import io.hastorage.operator.observe.ProbeRequest;
import io.hastorage.operator.plan.prereq.PrerequisiteCatalog;
import java.util.EnumMap;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * Facts for the plan command: a freshly installed node of a chosen distribution (nothing of ours on
 * it), or what a real probe printed, captured into a file.
 */
final class AssumedFacts {

  /** The nonce the plan command's printed probe script uses, so captured output can be parsed. */
  static final String CAPTURE_NONCE = "captured";

  static final Map<String, OsInfo> DISTROS =
      Map.of(
          "debian", new OsInfo("debian", Set.of(), "12", "Debian GNU/Linux 12 (bookworm)"),
          "ubuntu", new OsInfo("ubuntu", Set.of("debian"), "22.04", "Ubuntu 22.04 LTS"),
          "rhel9", new OsInfo("rocky", Set.of("rhel", "centos", "fedora"), "9", "Rocky Linux 9"),
          "centos7", new OsInfo("centos", Set.of("rhel", "fedora"), "7", "CentOS Linux 7 (Core)"));

  /** Assumed nodes run systemd as PID 1, like every supported distribution's default install. */
  private static final String SYSTEMD_INIT =
      "@@" + CAPTURE_NONCE + " begin init\nsystemd\n\n@@" + CAPTURE_NONCE + " end init 0\n";

  private AssumedFacts() {}

  /** "centos7" for every node, or "target=centos7,initiator=ubuntu" per role. */
  static Map<NodeRole, OsInfo> distrosByRole(String spec) {
    Map<NodeRole, OsInfo> byRole = new EnumMap<>(NodeRole.class);
    for (String entry : spec.split(",")) {
      String[] parts = entry.strip().split("=", 2);
      OsInfo os = DISTROS.get(parts[parts.length - 1]);
      if (os == null) {
        throw new IllegalArgumentException(
            "unknown --assume-os "
                + parts[parts.length - 1]
                + "; known: debian, ubuntu, rhel9, centos7");
      }
      if (parts.length == 1) {
        byRole.put(NodeRole.Target, os);
        byRole.put(NodeRole.Initiator, os);
      } else {
        byRole.put(
            NodeRole.valueOf(
                parts[0].substring(0, 1).toUpperCase(java.util.Locale.ROOT)
                    + parts[0].substring(1)),
            os);
      }
    }
    byRole.putIfAbsent(NodeRole.Target, DISTROS.get("debian"));
    byRole.putIfAbsent(NodeRole.Initiator, DISTROS.get("debian"));
    return byRole;
  }

  static NodeFacts empty(String node, OsInfo os) {
    return assumed(node, os, Map.of(), Set.of());
  }

  /**
   * A node with the role's packages installed and modules loaded but nothing of the operator's
   * configuration yet: shows what the cluster layer would write once prerequisites are met.
   */
  static NodeFacts installed(ClusterNode node, OsInfo os, PrerequisitesSpec spec) {
    Map<String, String> packages = new TreeMap<>();
    PrerequisiteCatalog.packages(os.family(), node.role, spec)
        .forEach(r -> packages.put(r.preferred(), "assumed"));
    return assumed(
        node.name, os, packages, Set.copyOf(PrerequisiteCatalog.modules(node.role, spec)));
  }

  private static NodeFacts assumed(
      String node, OsInfo os, Map<String, String> packages, Set<String> modules) {
    return new NodeFacts(
        node,
        node,
        "",
        os,
        Map.of(),
        packages,
        modules,
        Map.of(),
        Map.of(),
        Map.of(),
        ProbeOutput.parse(SYSTEMD_INIT, CAPTURE_NONCE));
  }

  static NodeFacts captured(String node, String probeStdout, ProbeRequest request) {
    return FactsParser.parse(node, ProbeOutput.parse(probeStdout, CAPTURE_NONCE), request);
  }
}
