package io.hastorage.operator.plan.ocfs2;

import java.util.List;
import java.util.Optional;

/**
 * Everything the initiator side needs, resolved from the Ocfs2Mount, its StorageCluster and its
 * ScstTarget: the planners work from this alone.
 *
 * @param owner "namespace/name" of the Ocfs2Mount, written into the markers of what it owns
 * @param fileStem the stem of its own files on the nodes (hastorage-namespace-name)
 * @param portals "ip:port" of every portal of the target
 * @param vendors the SCSI vendor ids the target's LUNs report (regex for the multipath device)
 * @param nodes the initiators that mount the file system, in spec order; the first formats
 */
public record MountDesign(
    String owner,
    String fileStem,
    String iqn,
    List<String> portals,
    int lun,
    String vendors,
    Optional<Chap> chap,
    IscsiTimeouts iscsi,
    MultipathTuning multipath,
    O2cbCluster o2cb,
    Mkfs mkfs,
    String mountPoint,
    List<String> mountOptions,
    List<String> nodes,
    boolean adoptExisting,
    boolean growFilesystem) {

  public MountDesign {
    portals = List.copyOf(portals);
    mountOptions = List.copyOf(mountOptions);
    nodes = List.copyOf(nodes);
  }

  /** The node that runs mkfs.ocfs2, exactly one: the first in the list. */
  public String formatNode() {
    return nodes.get(0);
  }

  /** CHAP for the session (the target's incoming user). Never logged: see toString. */
  public record Chap(String username, String password) {
    @Override
    public String toString() {
      return "Chap[username=" + username + ", password=<redacted>]";
    }
  }

  public record IscsiTimeouts(int replacementTimeout, int noopOutInterval, int noopOutTimeout) {}

  public record MultipathTuning(int noPathRetry, int pollingInterval) {}

  /** One o2cb node: its hostname, its fixed number and its address on the o2cb network. */
  public record O2cbNode(String name, int number, String ip) {}

  public record O2cbCluster(
      String name,
      int port,
      List<O2cbNode> nodes,
      int heartbeatThreshold,
      int idleTimeoutMs,
      int keepaliveDelayMs,
      int reconnectDelayMs) {
    public O2cbCluster {
      nodes = List.copyOf(nodes);
    }
  }

  public record Mkfs(String label, int slots, int blockSize, int clusterSize) {}
}
