package io.hastorage.e2e.bench.scale;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.hastorage.operator.api.Manifests;
import io.hastorage.operator.api.cluster.StorageCluster;
import io.hastorage.operator.api.drbd.DrbdVolume;
import io.hastorage.operator.api.scst.ScstTarget;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.ToIntFunction;

/**
 * Where every benchmark resource goes, and the resources themselves: {@code resources} resources
 * are {@code resources / 2} DrbdVolumes, each exported by one ScstTarget with one LUN, spread
 * round-robin over {@code clusters} StorageClusters of one target pair each (two CentOS targets, no
 * initiators). Every cluster is the example manifest's cluster (two Corosync links, IPMI fencing,
 * prerequisites installed, the seed's LVM filter) on its own networks; every volume and target is
 * the example's vg1 and vg1-target with its own names, port, minor, disks, VG and VIPs.
 *
 * <p>Cluster {@code c} (from 0) is {@code pairNN} with nodes {@code pairNN-a} and {@code pairNN-b},
 * storage network 10.20.(c+1).0/24 and public network 192.168.(c+1).0/24; the targets are .11 and
 * .12 on both. Volume {@code i} (from 0) lives on cluster {@code i % clusters} as its {@code j = i
 * / clusters}-th volume: DRBD resource, name and VG {@code vol0001}/{@code vg0001}, port 7788 + i,
 * minor i, backing disk the (j+1)-th extra disk of each target ({@code /dev/sdb}, {@code /dev/sdc},
 * ... as Linux names them), initial primary alternating between the two targets, and VIPs .(100 +
 * j) on both networks.
 */
public final class ScaleLayout {

  /** The first DRBD port, as in the example. */
  public static final int FIRST_PORT = 7788;

  /** VIPs are .100 and up inside each cluster's /24 networks, so at most this many per cluster. */
  public static final int MAX_VOLUMES_PER_CLUSTER = 150;

  /** Networks are 10.20.(c+1).0/24 and 192.168.(c+1).0/24. */
  public static final int MAX_CLUSTERS = 250;

  /** Names carry four digits. */
  public static final int MAX_VOLUMES = 9999;

  /** Size of each extra backing disk: 64 GiB, as the seed's /dev/sdb. */
  public static final long DISK_BYTES = 64L << 30;

  /** The namespace every benchmark resource lives in. */
  public static final String NAMESPACE = "storage";

  /** One target pair and its StorageCluster. */
  public record Cluster(
      int index,
      String name,
      List<String> targets,
      String storageCidr,
      String publicCidr,
      Map<String, String> storageAddresses,
      Map<String, String> publicAddresses) {}

  /** One DrbdVolume and the ScstTarget exporting it. */
  public record Volume(
      int index,
      Cluster cluster,
      int slot,
      String name,
      String volumeGroup,
      String logicalVolume,
      int port,
      int minor,
      String disk,
      String initialPrimary,
      String secretName,
      String targetName,
      String iqn,
      String storageVip,
      String publicVip,
      String deviceName) {}

  private final int resources;
  private final List<Cluster> clusters;
  private final List<Volume> volumes;

  private ScaleLayout(int resources, List<Cluster> clusters, List<Volume> volumes) {
    this.resources = resources;
    this.clusters = clusters;
    this.volumes = volumes;
  }

  /**
   * The layout of {@code resources} resources (even, at least 2) over {@code clusters} clusters.
   *
   * @throws IllegalArgumentException when the numbers do not fit the naming and addressing scheme
   */
  public static ScaleLayout of(int resources, int clusters) {
    if (resources < 2 || resources % 2 != 0) {
      throw new IllegalArgumentException(
          "resources must be even and at least 2 (half DrbdVolumes, half ScstTargets): "
              + resources);
    }
    int volumeCount = resources / 2;
    if (clusters < 1 || clusters > MAX_CLUSTERS) {
      throw new IllegalArgumentException("clusters must be 1.." + MAX_CLUSTERS + ": " + clusters);
    }
    if (clusters > volumeCount) {
      throw new IllegalArgumentException(
          clusters + " clusters for " + volumeCount + " volumes would leave clusters empty");
    }
    if (volumeCount > MAX_VOLUMES) {
      throw new IllegalArgumentException("at most " + MAX_VOLUMES + " volumes: " + volumeCount);
    }
    int perCluster = (volumeCount + clusters - 1) / clusters;
    if (perCluster > MAX_VOLUMES_PER_CLUSTER) {
      throw new IllegalArgumentException(
          perCluster + " volumes per cluster; at most " + MAX_VOLUMES_PER_CLUSTER);
    }
    List<Cluster> clusterList = new ArrayList<>();
    for (int c = 0; c < clusters; c++) {
      clusterList.add(cluster(c, clusters));
    }
    List<Volume> volumeList = new ArrayList<>();
    for (int i = 0; i < volumeCount; i++) {
      volumeList.add(volume(i, clusterList.get(i % clusters), i / clusters));
    }
    return new ScaleLayout(resources, List.copyOf(clusterList), List.copyOf(volumeList));
  }

  /** The default cluster count for a size: 50 pairs, fewer when there are fewer volumes. */
  public static int defaultClusters(int resources) {
    return Math.max(1, Math.min(50, resources / 2));
  }

  private static Cluster cluster(int c, int clusters) {
    String name = String.format(clusters < 100 ? "pair%02d" : "pair%03d", c + 1);
    List<String> targets = List.of(name + "-a", name + "-b");
    int octet = c + 1;
    return new Cluster(
        c,
        name,
        targets,
        "10.20." + octet + ".0/24",
        "192.168." + octet + ".0/24",
        Map.of(targets.get(0), "10.20." + octet + ".11", targets.get(1), "10.20." + octet + ".12"),
        Map.of(
            targets.get(0),
            "192.168." + octet + ".11",
            targets.get(1),
            "192.168." + octet + ".12"));
  }

  private static Volume volume(int i, Cluster cluster, int slot) {
    String number = String.format("%04d", i + 1);
    String name = "vol" + number;
    int octet = cluster.index() + 1;
    return new Volume(
        i,
        cluster,
        slot,
        name,
        "vg" + number,
        "lun1",
        FIRST_PORT + i,
        i,
        diskName(slot + 1),
        cluster.targets().get(slot % 2),
        "drbd-" + name,
        name + "-target",
        "iqn.2016-02.local.virtual:virtual." + name,
        "10.20." + octet + "." + (100 + slot),
        "192.168." + octet + "." + (100 + slot),
        "VDISK-" + number);
  }

  /**
   * The {@code k}-th SCSI disk as Linux names it, from 0: {@code /dev/sda}, ... {@code /dev/sdz},
   * {@code /dev/sdaa}, {@code /dev/sdab}, ...
   */
  public static String diskName(int k) {
    if (k < 0) {
      throw new IllegalArgumentException("disk index " + k);
    }
    StringBuilder letters = new StringBuilder();
    int n = k;
    do {
      letters.insert(0, (char) ('a' + n % 26));
      n = n / 26 - 1;
    } while (n >= 0);
    return "/dev/sd" + letters;
  }

  public int resources() {
    return resources;
  }

  public List<Cluster> clusters() {
    return clusters;
  }

  public List<Volume> volumes() {
    return volumes;
  }

  /** Every target node, cluster by cluster. */
  public List<String> nodes() {
    return clusters.stream().flatMap(c -> c.targets().stream()).toList();
  }

  /** The volumes of one cluster, in slot order. */
  public List<Volume> volumesOf(Cluster cluster) {
    return volumes.stream().filter(v -> v.cluster().equals(cluster)).toList();
  }

  /** The extra backing disks each target of {@code cluster} needs, in slot order. */
  public List<String> disksOf(Cluster cluster) {
    return volumesOf(cluster).stream().map(Volume::disk).toList();
  }

  /** The fence Secret of a target node (key {@code password}). */
  public static String fenceSecret(String node) {
    return "ipmi-" + node;
  }

  /** The SSH Secret of a node (keys {@code ssh-privatekey}, {@code known_hosts}). */
  public static String sshSecret(String node) {
    return "ssh-" + node;
  }

  /**
   * Every resource: the StorageClusters first, then each DrbdVolume followed by its ScstTarget.
   * Node addresses are 127.0.0.1 with the port {@code sshPort} gives for the node.
   */
  public List<HasMetadata> resources(ToIntFunction<String> sshPort) {
    List<HasMetadata> out = new ArrayList<>();
    clusters.forEach(c -> out.add(storageCluster(c, sshPort)));
    for (Volume volume : volumes) {
      out.add(drbdVolume(volume));
      out.add(scstTarget(volume));
    }
    return out;
  }

  /** The example's StorageCluster for one pair, its nodes reached at 127.0.0.1:port. */
  public StorageCluster storageCluster(Cluster cluster, ToIntFunction<String> sshPort) {
    String a = cluster.targets().get(0);
    String b = cluster.targets().get(1);
    int octet = cluster.index() + 1;
    String yaml =
        """
        apiVersion: hastorage.io/v1alpha1
        kind: StorageCluster
        metadata:
          name: %1$s
          namespace: %2$s
        spec:
          networks:
            - {name: storage, cidr: %3$s, purpose: Storage}
            - {name: public, cidr: %4$s, purpose: Public}
          nodes:
        %5$s%6$s  corosync:
            clusterName: %1$s
            links: [storage, public]
            tokenMs: 3000
            consensusMs: 3600
            crypto: true
            quorum: {twoNode: true, waitForAll: true}
          pacemaker:
            properties:
              - {name: no-quorum-policy, value: stop}
            stonith:
        %7$s%8$s  prerequisites:
            install: true
          lvm:
            systemDevices: [/dev/sda]
            autoActivateVolumeGroups: [vg_centos]
        """
            .formatted(
                cluster.name(),
                NAMESPACE,
                cluster.storageCidr(),
                cluster.publicCidr(),
                nodeYaml(cluster, a, sshPort.applyAsInt(a)),
                nodeYaml(cluster, b, sshPort.applyAsInt(b)),
                stonithYaml(a, "192.168." + octet + ".201"),
                stonithYaml(b, "192.168." + octet + ".202"));
    return (StorageCluster) parseOne(yaml);
  }

  private static String nodeYaml(Cluster cluster, String node, int port) {
    return """
            - name: %1$s
              role: Target
              address: 127.0.0.1
              port: %2$d
              sshSecretRef: {name: %3$s}
              addresses:
                - {network: storage, address: %4$s, nic: eth2}
                - {network: public, address: %5$s, nic: eth1}
        """
        .formatted(
            node,
            port,
            sshSecret(node),
            cluster.storageAddresses().get(node),
            cluster.publicAddresses().get(node));
  }

  private static String stonithYaml(String node, String bmc) {
    return """
              - name: ipmi-%1$s
                agent: fence_ipmilan
                fencesNode: %1$s
                parameters:
                  - {name: ip, value: %2$s}
                  - {name: username, value: admin}
                  - {name: lanplus, value: "1"}
                secretParameters:
                  - name: password
                    secretKeyRef: {name: %3$s, key: password}
        """
        .formatted(node, bmc, fenceSecret(node));
  }

  /** The example's DrbdVolume vg1 with this volume's names, port, minor and disks. */
  public DrbdVolume drbdVolume(Volume volume) {
    List<String> targets = volume.cluster().targets();
    String yaml =
        """
        apiVersion: hastorage.io/v1alpha1
        kind: DrbdVolume
        metadata:
          name: %1$s
          namespace: %2$s
        spec:
          clusterRef: {name: %3$s}
          resourceName: %1$s
          port: %4$d
          network: storage
          protocol: C
          initialPrimary: %5$s
          sharedSecretRef: {name: %6$s, key: shared-secret}
          volumes:
            - volume: 0
              minor: %7$d
              backingDisks:
                - {node: %8$s, disk: %10$s}
                - {node: %9$s, disk: %10$s}
          options:
            wfcTimeout: 30
            degrWfcTimeout: 20
            outdatedWfcTimeout: 10
            resyncRate: 40M
            timeout: 60
            pingTimeout: 30
            pingInt: 30
            maxEpochSize: 8192
            maxBuffers: 8912
            afterSb0pri: discard-zero-changes
          lvm:
            volumeGroup: %11$s
            logicalVolumes:
              - {name: %12$s, size: 100%%VG}
        """
            .formatted(
                volume.name(),
                NAMESPACE,
                volume.cluster().name(),
                volume.port(),
                volume.initialPrimary(),
                volume.secretName(),
                volume.minor(),
                targets.get(0),
                targets.get(1),
                volume.disk(),
                volume.volumeGroup(),
                volume.logicalVolume());
    return (DrbdVolume) parseOne(yaml);
  }

  /** The example's ScstTarget vg1-target exporting this volume's LV on its own VIPs. */
  public ScstTarget scstTarget(Volume volume) {
    String yaml =
        """
        apiVersion: hastorage.io/v1alpha1
        kind: ScstTarget
        metadata:
          name: %1$s
          namespace: %2$s
        spec:
          clusterRef: {name: %3$s}
          iqn: %4$s
          backend: scst
          portals:
            - {network: public, ip: %5$s, cidr: 24, nic: eth1}
            - {network: storage, ip: %6$s, cidr: 24, nic: eth2}
          luns:
            - number: 0
              volumeRef: {name: %7$s}
              logicalVolume: %8$s
              handler: vdisk_fileio
              deviceName: %9$s
              attributes: {nvCache: false, writeThrough: true, thinProvisioned: false}
          iscsiParameters:
            - {name: DefaultTime2Retain, value: "60"}
            - {name: DefaultTime2Wait, value: "5"}
          portblock: true
          mailTo: {email: storage-admin@example.com, subject: Cluster Failover}
        """
            .formatted(
                volume.targetName(),
                NAMESPACE,
                volume.cluster().name(),
                volume.iqn(),
                volume.publicVip(),
                volume.storageVip(),
                volume.name(),
                volume.logicalVolume(),
                volume.deviceName());
    return (ScstTarget) parseOne(yaml);
  }

  private static HasMetadata parseOne(String yaml) {
    try {
      List<HasMetadata> parsed = Manifests.parse(yaml);
      if (parsed.size() != 1) {
        throw new IllegalStateException("expected one resource, parsed " + parsed.size());
      }
      return parsed.get(0);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
