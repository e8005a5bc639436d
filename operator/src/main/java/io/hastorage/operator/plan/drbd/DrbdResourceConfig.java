package io.hastorage.operator.plan.drbd;

import io.hastorage.operator.api.cluster.ClusterNode;
import io.hastorage.operator.api.cluster.NodeAddress;
import io.hastorage.operator.api.cluster.NodeRole;
import io.hastorage.operator.api.cluster.StorageClusterSpec;
import io.hastorage.operator.api.drbd.DrbdVolumeDisk;
import io.hastorage.operator.api.drbd.DrbdVolumeSpec;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Collectors;

/**
 * Everything {@link DrbdResourceRenderer} needs for one resource, resolved from the DrbdVolume and
 * its StorageCluster and checked, so that rendering cannot fail.
 *
 * <p>{@link #toString()} redacts the shared secret: this record travels through planners and may
 * end up in a log line or an exception.
 *
 * @param hosts the two targets sorted by name; the index is the DRBD 9 node-id, so reordering the
 *     StorageCluster's node list never renumbers a node (node-ids are stored in the DRBD metadata)
 */
public record DrbdResourceConfig(
    String name,
    String protocol,
    List<Volume> volumes,
    List<Host> hosts,
    DrbdTuning tuning,
    String sharedSecret) {

  /** DRBD's limit (drbdadm: "max len: 63"). */
  public static final int MAX_SECRET_LENGTH = 63;

  /** One volume: /dev/drbd{minor} on the backing disk of each host (keyed by host name). */
  public record Volume(int number, int minor, Map<String, String> disks) {
    public Volume {
      disks = Map.copyOf(disks);
    }
  }

  /** One target node: its name as {@code uname -n} prints it, replication address and port. */
  public record Host(String name, String address, int port, int nodeId) {}

  public DrbdResourceConfig {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(protocol, "protocol");
    Objects.requireNonNull(tuning, "tuning");
    volumes = List.copyOf(volumes);
    hosts = List.copyOf(hosts);
    checkSecret(sharedSecret);
  }

  /**
   * Resolves the volume against the cluster's two Target nodes.
   *
   * @throws IllegalArgumentException when a volume lacks a disk for a target or names another node,
   *     when a target has no address on {@code volume.network}, or the secret is unusable
   */
  public static DrbdResourceConfig from(
      DrbdVolumeSpec volume, StorageClusterSpec cluster, String sharedSecret) {
    List<ClusterNode> targets =
        cluster.nodesWithRole(NodeRole.Target).stream()
            .sorted(Comparator.comparing((ClusterNode n) -> n.name))
            .toList();
    List<Host> hosts =
        targets.stream()
            .map(n -> new Host(n.name, address(n, volume.network), volume.port, targets.indexOf(n)))
            .toList();
    List<String> names = hosts.stream().map(Host::name).toList();
    List<Volume> volumes =
        volume.volumes.stream()
            .map(v -> volume(v, names))
            .sorted(Comparator.comparingInt(Volume::number))
            .toList();
    requireUnique(volumes.stream().map(Volume::number).toList(), "volume numbers");
    requireUnique(volumes.stream().map(Volume::minor).toList(), "minors");
    String protocol = volume.protocol == null ? "C" : volume.protocol.name();
    return new DrbdResourceConfig(
        volume.resourceName,
        protocol,
        volumes,
        hosts,
        DrbdTuning.from(volume.options),
        sharedSecret);
  }

  private static String address(ClusterNode node, String network) {
    return node.addressOn(network)
        .map((NodeAddress a) -> a.address)
        .orElseThrow(
            () ->
                new IllegalArgumentException(
                    "node " + node.name + " has no address on network " + network));
  }

  private static Volume volume(DrbdVolumeDisk disk, List<String> targets) {
    Map<String, String> byNode =
        disk.backingDisks.stream()
            .collect(Collectors.toMap(b -> b.node, b -> b.disk, (a, b) -> a, TreeMap::new));
    if (!byNode.keySet().equals(Set.copyOf(targets))
        || disk.backingDisks.size() != targets.size()) {
      throw new IllegalArgumentException(
          "volume "
              + disk.volume
              + " must have exactly one backing disk on each target "
              + targets
              + ", has "
              + byNode.keySet());
    }
    return new Volume(disk.volume, disk.minor, byNode);
  }

  private static void requireUnique(List<Integer> values, String what) {
    if (Set.copyOf(values).size() != values.size()) {
      throw new IllegalArgumentException("duplicate " + what + " in " + values);
    }
  }

  /**
   * The secret goes between double quotes in drbd.conf, where drbdadm has no escapes: a quote,
   * backslash or line break would end it early or corrupt the file. Only printable ASCII is
   * allowed. Messages never contain the secret.
   */
  /** Why the secret cannot be used, if it cannot; the message never contains the value. */
  public static java.util.Optional<String> secretProblem(String secret) {
    try {
      checkSecret(secret);
      return java.util.Optional.empty();
    } catch (IllegalArgumentException e) {
      return java.util.Optional.of(e.getMessage());
    }
  }

  static void checkSecret(String secret) {
    if (secret == null || secret.isEmpty()) {
      throw new IllegalArgumentException("the DRBD shared secret is empty");
    }
    if (secret.length() > MAX_SECRET_LENGTH) {
      throw new IllegalArgumentException(
          "the DRBD shared secret is longer than " + MAX_SECRET_LENGTH + " characters");
    }
    for (char c : secret.toCharArray()) {
      if (c < 0x20 || c > 0x7e || c == '"' || c == '\\') {
        throw new IllegalArgumentException(
            "the DRBD shared secret may hold only printable ASCII without '\"' and '\\'");
      }
    }
  }

  @Override
  public String toString() {
    return "DrbdResourceConfig[name=%s, protocol=%s, volumes=%s, hosts=%s, tuning=%s, sharedSecret=redacted]"
        .formatted(name, protocol, volumes, hosts, tuning);
  }
}
