package io.hastorage.e2e.bench.scale;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.hastorage.operator.api.Manifests;
import io.hastorage.operator.api.cluster.ClusterNode;
import io.hastorage.operator.api.cluster.StorageCluster;
import io.hastorage.operator.api.drbd.DrbdVolume;
import io.hastorage.operator.api.scst.ScstTarget;
import io.hastorage.operator.api.validation.Ipv4;
import io.hastorage.operator.api.validation.SpecValidator;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ScaleLayoutTest {

  @Test
  void disksAreNamedAsLinuxNamesThem() {
    assertThat(ScaleLayout.diskName(0)).isEqualTo("/dev/sda");
    assertThat(ScaleLayout.diskName(1)).isEqualTo("/dev/sdb");
    assertThat(ScaleLayout.diskName(25)).isEqualTo("/dev/sdz");
    assertThat(ScaleLayout.diskName(26)).isEqualTo("/dev/sdaa");
    assertThat(ScaleLayout.diskName(27)).isEqualTo("/dev/sdab");
    assertThat(ScaleLayout.diskName(701)).isEqualTo("/dev/sdzz");
    assertThat(ScaleLayout.diskName(702)).isEqualTo("/dev/sdaaa");
  }

  @Test
  void defaultClustersAreFiftyPairsOrOnePerVolume() {
    assertThat(ScaleLayout.defaultClusters(10)).isEqualTo(5);
    assertThat(ScaleLayout.defaultClusters(100)).isEqualTo(50);
    assertThat(ScaleLayout.defaultClusters(1000)).isEqualTo(50);
  }

  @ParameterizedTest
  @CsvSource({"10,5", "100,50", "1000,50", "400,7", "300,1"})
  void everyNameNumberAndAddressIsDistinct(int resources, int clusters) {
    ScaleLayout layout = ScaleLayout.of(resources, clusters);
    List<ScaleLayout.Volume> volumes = layout.volumes();

    assertThat(volumes).hasSize(resources / 2);
    assertThat(layout.clusters()).hasSize(clusters);
    assertThat(layout.nodes()).hasSize(2 * clusters).doesNotHaveDuplicates();
    assertDistinct(layout.clusters(), ScaleLayout.Cluster::name);
    assertDistinct(layout.clusters(), ScaleLayout.Cluster::storageCidr);
    assertDistinct(layout.clusters(), ScaleLayout.Cluster::publicCidr);
    assertDistinct(volumes, ScaleLayout.Volume::name);
    assertDistinct(volumes, ScaleLayout.Volume::targetName);
    assertDistinct(volumes, ScaleLayout.Volume::volumeGroup);
    assertDistinct(volumes, ScaleLayout.Volume::port);
    assertDistinct(volumes, ScaleLayout.Volume::minor);
    assertDistinct(volumes, ScaleLayout.Volume::iqn);
    assertDistinct(volumes, ScaleLayout.Volume::deviceName);
    assertDistinct(volumes, ScaleLayout.Volume::secretName);
    assertDistinct(volumes, ScaleLayout.Volume::storageVip);
    assertDistinct(volumes, ScaleLayout.Volume::publicVip);
    assertThat(volumes).allSatisfy(v -> assertThat(v.port()).isBetween(1024, 65535));

    for (ScaleLayout.Cluster cluster : layout.clusters()) {
      List<ScaleLayout.Volume> own = layout.volumesOf(cluster);
      assertThat(own).isNotEmpty();
      assertThat(layout.disksOf(cluster)).doesNotHaveDuplicates().doesNotContain("/dev/sda");
      Set<String> taken = new HashSet<>(cluster.storageAddresses().values());
      taken.addAll(cluster.publicAddresses().values());
      for (ScaleLayout.Volume volume : own) {
        assertThat(Ipv4.contains(cluster.storageCidr(), volume.storageVip())).isTrue();
        assertThat(Ipv4.contains(cluster.publicCidr(), volume.publicVip())).isTrue();
        assertThat(taken).doesNotContain(volume.storageVip(), volume.publicVip());
        assertThat(cluster.targets()).contains(volume.initialPrimary());
      }
      cluster
          .storageAddresses()
          .values()
          .forEach(a -> assertThat(Ipv4.contains(cluster.storageCidr(), a)).isTrue());
      cluster
          .publicAddresses()
          .values()
          .forEach(a -> assertThat(Ipv4.contains(cluster.publicCidr(), a)).isTrue());
    }
    // The targets share the primaries when a cluster has more than one volume.
    if (resources / 2 >= 2 * clusters) {
      assertThat(volumes.stream().map(ScaleLayout.Volume::initialPrimary).distinct().count())
          .isEqualTo(2L * clusters);
    }
  }

  @ParameterizedTest
  @CsvSource({"10,5", "100,50", "1000,50", "300,1"})
  void everyResourceIsValidAloneAndAgainstItsCluster(int resources, int clusters) {
    ScaleLayout layout = ScaleLayout.of(resources, clusters);
    List<HasMetadata> all = layout.resources(node -> 20000 + layout.nodes().indexOf(node));

    assertThat(all).hasSize(resources + clusters);
    assertThat(all)
        .allSatisfy(r -> assertThat(r.getMetadata().getNamespace()).isEqualTo("storage"));
    assertThat(all).allSatisfy(r -> assertThat(SpecValidator.validateResource(r)).isEmpty());
    Map<String, StorageCluster> byName =
        Manifests.ofKind(all, StorageCluster.class).stream()
            .collect(Collectors.toMap(c -> c.getMetadata().getName(), c -> c));
    assertThat(byName).hasSize(clusters);
    for (DrbdVolume volume : Manifests.ofKind(all, DrbdVolume.class)) {
      StorageCluster cluster = byName.get(volume.getSpec().clusterRef.name);
      assertThat(SpecValidator.validateAgainst(volume.getSpec(), cluster.getSpec())).isEmpty();
    }
    for (ScstTarget target : Manifests.ofKind(all, ScstTarget.class)) {
      StorageCluster cluster = byName.get(target.getSpec().clusterRef.name);
      assertThat(SpecValidator.validateAgainst(target.getSpec(), cluster.getSpec())).isEmpty();
      assertThat(target.getSpec().luns.get(0).volumeRef.name)
          .isEqualTo(target.getMetadata().getName().replace("-target", ""));
    }
    List<Integer> ports = new ArrayList<>();
    for (StorageCluster cluster : byName.values()) {
      for (ClusterNode node : cluster.getSpec().nodes) {
        assertThat(node.address).isEqualTo("127.0.0.1");
        ports.add(node.port);
      }
    }
    assertThat(ports).hasSize(2 * clusters).doesNotHaveDuplicates();
  }

  @Test
  void theFirstVolumeIsTheExampleRenamed() {
    ScaleLayout layout = ScaleLayout.of(12, 2);
    ScaleLayout.Volume first = layout.volumes().get(0);
    DrbdVolume volume = layout.drbdVolume(first);
    ScstTarget target = layout.scstTarget(first);

    assertThat(volume.getMetadata().getName()).isEqualTo("vol0001");
    assertThat(volume.getSpec().port).isEqualTo(7788);
    assertThat(volume.getSpec().clusterRef.name).isEqualTo("pair01");
    assertThat(volume.getSpec().volumes.get(0).backingDisks)
        .extracting(d -> d.node + ":" + d.disk)
        .containsExactly("pair01-a:/dev/sdb", "pair01-b:/dev/sdb");
    assertThat(volume.getSpec().lvm.volumeGroup).isEqualTo("vg0001");
    assertThat(volume.getSpec().lvm.logicalVolumes.get(0).size).isEqualTo("100%VG");
    assertThat(target.getSpec().iqn).isEqualTo("iqn.2016-02.local.virtual:virtual.vol0001");
    assertThat(target.getSpec().portals)
        .extracting(p -> p.network + "=" + p.ip)
        .containsExactly("public=192.168.1.100", "storage=10.20.1.100");
    ScaleLayout.Volume third = layout.volumes().get(2);
    assertThat(third.cluster().name()).isEqualTo("pair01");
    assertThat(third.disk()).isEqualTo("/dev/sdc");
    assertThat(third.initialPrimary()).isEqualTo("pair01-b");
    assertThat(third.storageVip()).isEqualTo("10.20.1.101");
  }

  @Test
  void refusesSizesTheSchemeCannotName() {
    assertThatThrownBy(() -> ScaleLayout.of(11, 5)).hasMessageContaining("even");
    assertThatThrownBy(() -> ScaleLayout.of(0, 1)).hasMessageContaining("even");
    assertThatThrownBy(() -> ScaleLayout.of(10, 6)).hasMessageContaining("empty");
    assertThatThrownBy(() -> ScaleLayout.of(1000, 0)).hasMessageContaining("clusters");
    assertThatThrownBy(() -> ScaleLayout.of(1000, 1)).hasMessageContaining("per cluster");
  }

  @Test
  void figuresRoundTripThroughTheJsonLine() throws Exception {
    ScaleFigures figures =
        new ScaleFigures(1000, 50, 100, 123.4, 1L << 30, 2L << 30, 105.5, 2.5, 0);
    Map<String, Object> line = new java.util.LinkedHashMap<>(figures.toMap());
    line.put("details", Map.of("resyncSeconds", 10.0));

    assertThat(ScaleFigures.fromJson(new ObjectMapper().writeValueAsString(line)))
        .isEqualTo(figures);
    assertThatThrownBy(() -> ScaleFigures.fromJson("{\"resources\": 1}"))
        .hasMessageContaining("clusters");
  }

  @Test
  void percentilesAreNearestRank() {
    List<Double> values = List.of(5.0, 1.0, 4.0, 2.0, 3.0);
    assertThat(ScaleBenchmark.percentile(values, 50)).isEqualTo(3.0);
    assertThat(ScaleBenchmark.percentile(values, 95)).isEqualTo(5.0);
    assertThat(ScaleBenchmark.percentile(List.of(), 50)).isEqualTo(0.0);
    List<Double> hundred = new ArrayList<>();
    for (int i = 1; i <= 100; i++) {
      hundred.add((double) i);
    }
    assertThat(ScaleBenchmark.percentile(hundred, 95)).isEqualTo(95.0);
  }

  @Test
  void apiRequestsAreClassifiedByVerbAndResource() {
    assertThat(ScaleApiServer.classify("GET", "/api/v1/namespaces/storage/secrets/ssh-pair01-a"))
        .isEqualTo("GET secrets");
    assertThat(
            ScaleApiServer.classify(
                "GET", "/apis/hastorage.io/v1alpha1/namespaces/storage/ocfs2mounts?limit=500"))
        .isEqualTo("LIST ocfs2mounts");
    assertThat(
            ScaleApiServer.classify(
                "GET",
                "/apis/hastorage.io/v1alpha1/drbdvolumes?allowWatchBookmarks=true&watch=true"))
        .isEqualTo("WATCH drbdvolumes");
    assertThat(
            ScaleApiServer.classify(
                "PATCH",
                "/apis/hastorage.io/v1alpha1/namespaces/storage/drbdvolumes/vol0001/status"))
        .isEqualTo("PATCH drbdvolumes/status");
    assertThat(ScaleApiServer.classify("POST", "/api/v1/namespaces/storage/events"))
        .isEqualTo("POST events");
    assertThat(ScaleApiServer.classify("GET", "/version")).isEqualTo("GET /version");
  }

  @Test
  void threadNamesAreFoldedIntoGroups() {
    assertThat(ScaleBenchmark.foldThreadName("sim-pair07-a-exec")).isEqualTo("sim-pair*-exec");
    assertThat(ScaleBenchmark.foldThreadName("sshd-SshServer[3f2a1b](port=41234)-nio2-thread-3"))
        .isEqualTo("sshd-SshServer[*](port=#)-nio#-thread-#");
    assertThat(ScaleBenchmark.foldThreadName("sshj-Reader-/127.0.0.1:41234-1"))
        .isEqualTo("sshj-Reader-/*-#");
  }

  private static <T, K> void assertDistinct(List<T> items, Function<T, K> key) {
    assertThat(items.stream().map(key).toList()).doesNotHaveDuplicates();
  }
}
