package io.hastorage.operator.plan.ocfs2;

import io.hastorage.operator.api.cluster.ClusterNode;
import io.hastorage.operator.api.cluster.NodeRole;
import io.hastorage.operator.api.cluster.StorageClusterSpec;
import io.hastorage.operator.api.ocfs2.IscsiSettings;
import io.hastorage.operator.api.ocfs2.MultipathSettings;
import io.hastorage.operator.api.ocfs2.Ocfs2Mount;
import io.hastorage.operator.api.ocfs2.Ocfs2MountSpec;
import io.hastorage.operator.api.ocfs2.Ocfs2Settings;
import io.hastorage.operator.api.scst.Lun;
import io.hastorage.operator.api.scst.Portal;
import io.hastorage.operator.api.scst.ScstTarget;
import io.hastorage.operator.api.scst.ScstTargetSpec;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Resolves an Ocfs2Mount against its (validated) StorageCluster and ScstTarget into a {@link
 * MountDesign}, or says why it cannot: the LUN is not exported by the target, or the target belongs
 * to another cluster. The o2cb cluster holds every Initiator node of the StorageCluster with an
 * address on the o2cb network, numbered in spec order (add new initiators at the end).
 */
public final class MountDesigns {

  /** A design, or the problems that keep one from existing. */
  public record Resolved(Optional<MountDesign> design, List<String> problems) {}

  private MountDesigns() {}

  public static Resolved resolve(
      Ocfs2Mount mount,
      StorageClusterSpec cluster,
      ScstTarget target,
      Optional<MountDesign.Chap> chap) {
    Ocfs2MountSpec spec = mount.getSpec();
    ScstTargetSpec t = target.getSpec();
    List<String> problems = new ArrayList<>();
    if (!t.clusterRef.name.equals(spec.clusterRef.name)) {
      problems.add(
          "ScstTarget "
              + target.getMetadata().getName()
              + " belongs to StorageCluster "
              + t.clusterRef.name
              + ", not "
              + spec.clusterRef.name);
    }
    Optional<Lun> lun = t.luns.stream().filter(l -> l.number.equals(spec.lun)).findFirst();
    if (lun.isEmpty()) {
      problems.add("ScstTarget " + target.getMetadata().getName() + " exports no LUN " + spec.lun);
    }
    if (!problems.isEmpty()) {
      return new Resolved(Optional.empty(), problems);
    }
    Ocfs2Settings fs = spec.filesystem;
    List<ClusterNode> initiators = cluster.nodesWithRole(NodeRole.Initiator);
    List<String> nodes =
        spec.nodes.isEmpty() ? initiators.stream().map(n -> n.name).toList() : spec.nodes;
    List<MountDesign.O2cbNode> o2cbNodes = new ArrayList<>();
    for (int i = 0; i < initiators.size(); i++) {
      ClusterNode node = initiators.get(i);
      int number = i;
      node.addressOn(fs.network)
          .ifPresent(a -> o2cbNodes.add(new MountDesign.O2cbNode(node.name, number, a.address)));
    }
    String namespace = mount.getMetadata().getNamespace();
    String name = mount.getMetadata().getName();
    IscsiSettings iscsi = spec.iscsi == null ? new IscsiSettings() : spec.iscsi;
    MultipathSettings multipath = spec.multipath == null ? new MultipathSettings() : spec.multipath;
    MountDesign design =
        new MountDesign(
            namespace + "/" + name,
            "hastorage-" + namespace + "-" + name,
            t.iqn,
            t.portals.stream().map(MountDesigns::portal).toList(),
            spec.lun,
            vendors(t.backend),
            chap,
            new MountDesign.IscsiTimeouts(
                or(iscsi.replacementTimeoutSeconds, 15),
                or(iscsi.noopOutIntervalSeconds, 5),
                or(iscsi.noopOutTimeoutSeconds, 5)),
            new MountDesign.MultipathTuning(
                or(multipath.noPathRetry, 12), or(multipath.pollingIntervalSeconds, 5)),
            new MountDesign.O2cbCluster(
                fs.clusterName,
                or(fs.port, 7777),
                o2cbNodes,
                or(fs.heartbeatThreshold, 61),
                or(fs.idleTimeoutMs, 30000),
                or(fs.keepaliveDelayMs, 2000),
                or(fs.reconnectDelayMs, 2000)),
            new MountDesign.Mkfs(
                fs.label,
                or(fs.slots, nodes.size() + 1),
                or(fs.blockSize, 4096),
                or(fs.clusterSize, 4096)),
            spec.mountPoint,
            spec.mountOptions,
            nodes,
            Boolean.TRUE.equals(spec.adoptExisting),
            Boolean.TRUE.equals(spec.growFilesystem));
    return new Resolved(Optional.of(design), List.of());
  }

  static String portal(Portal p) {
    return p.ip + ":" + (p.port == null ? 3260 : p.port);
  }

  /** The SCSI vendor the target's LUNs report, as multipath's device section matches it. */
  static String vendors(ScstTargetSpec.Backend backend) {
    if (backend == null) {
      return "SCST_FIO|SCST_BIO";
    }
    return switch (backend) {
      case scst -> "SCST_FIO|SCST_BIO";
      case lioT -> "LIO-ORG";
      case tgt -> "IET";
    };
  }

  private static int or(Integer value, int fallback) {
    return value == null ? fallback : value;
  }
}
