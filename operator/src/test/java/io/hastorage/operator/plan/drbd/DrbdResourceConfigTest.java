package io.hastorage.operator.plan.drbd;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.fabric8.generator.annotation.Default;
import io.hastorage.operator.api.cluster.StorageClusterSpec;
import io.hastorage.operator.api.drbd.DrbdOptions;
import io.hastorage.operator.api.drbd.DrbdVolumeDisk;
import io.hastorage.operator.api.drbd.DrbdVolumeSpec;
import io.hastorage.operator.testing.Examples;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class DrbdResourceConfigTest {

  @Test
  void theSeedResolvesToTheTargetsOnTheStorageNetwork() {
    DrbdResourceConfig config = DrbdFixtures.seed();

    assertThat(config.name()).isEqualTo("vg1");
    assertThat(config.protocol()).isEqualTo("C");
    assertThat(config.hosts())
        .containsExactly(
            new DrbdResourceConfig.Host("centos01", "10.20.1.17", 7788, 0),
            new DrbdResourceConfig.Host("centos02", "10.20.1.11", 7788, 1));
    assertThat(config.volumes())
        .containsExactly(
            new DrbdResourceConfig.Volume(
                0, 0, Map.of("centos01", "/dev/sdb", "centos02", "/dev/sdb")));
    assertThat(config.tuning().maxBuffers()).as("the seed's own 8912").isEqualTo(8912);
    assertThat(config.tuning().afterSb0pri()).isEqualTo("discard-zero-changes");
  }

  @Test
  void nodeIdsFollowNamesNotTheOrderOfTheNodeList() {
    StorageClusterSpec cluster = Examples.seedCluster().getSpec();
    Collections.reverse(cluster.nodes);

    var config = DrbdResourceConfig.from(DrbdFixtures.seedVolume(), cluster, "s");

    assertThat(config.hosts())
        .extracting(DrbdResourceConfig.Host::name)
        .containsExactly("centos01", "centos02");
  }

  @Test
  void withoutOptionsAndProtocolTheDefaultsApply() {
    DrbdVolumeSpec volume = DrbdFixtures.seedVolume();
    volume.options = null;
    volume.protocol = null;

    var config = DrbdResourceConfig.from(volume, Examples.seedCluster().getSpec(), "s");

    assertThat(config.protocol()).isEqualTo("C");
    assertThat(config.tuning()).isEqualTo(DrbdTuning.from(new DrbdOptions()));
    assertThat(config.tuning().maxBuffers()).isEqualTo(8192);
    assertThat(config.tuning().resyncRate()).isEqualTo("40M");
  }

  /** The CRD's @Default and DrbdTuning's constants must not drift apart. */
  @Test
  void tuningDefaultsEqualTheCrdDefaults() throws Exception {
    DrbdTuning tuning = DrbdTuning.from(null);
    Map<String, Object> expected =
        Map.of(
            "wfcTimeout", tuning.wfcTimeout(),
            "degrWfcTimeout", tuning.degrWfcTimeout(),
            "outdatedWfcTimeout", tuning.outdatedWfcTimeout(),
            "resyncRate", tuning.resyncRate(),
            "timeout", tuning.timeout(),
            "pingTimeout", tuning.pingTimeout(),
            "pingInt", tuning.pingInt(),
            "maxEpochSize", tuning.maxEpochSize(),
            "maxBuffers", tuning.maxBuffers(),
            "afterSb0pri", tuning.afterSb0pri());
    for (var entry : expected.entrySet()) {
      Default annotation = DrbdOptions.class.getField(entry.getKey()).getAnnotation(Default.class);
      assertThat(annotation.value()).as(entry.getKey()).isEqualTo(entry.getValue().toString());
    }
  }

  @Test
  void aTargetWithoutAnAddressOnTheNetworkIsRefused() {
    DrbdVolumeSpec volume = DrbdFixtures.seedVolume();
    volume.network = "public-but-misspelt";

    assertThatThrownBy(() -> DrbdResourceConfig.from(volume, Examples.seedCluster().getSpec(), "s"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("no address on network public-but-misspelt");
  }

  @Test
  void aBackingDiskOnANonTargetIsRefused() {
    DrbdVolumeSpec volume = DrbdFixtures.seedVolume();
    volume.volumes.get(0).backingDisks.set(1, new DrbdVolumeDisk.BackingDisk("other", "/dev/sdb"));

    assertThatThrownBy(() -> DrbdResourceConfig.from(volume, Examples.seedCluster().getSpec(), "s"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("exactly one backing disk on each target");
  }

  @Test
  void duplicateMinorsAreRefused() {
    DrbdVolumeSpec volume = DrbdFixtures.seedVolume();
    DrbdVolumeDisk second = new DrbdVolumeDisk();
    second.volume = 1;
    second.minor = 0;
    second.backingDisks = List.copyOf(volume.volumes.get(0).backingDisks);
    volume.volumes.add(second);

    assertThatThrownBy(() -> DrbdResourceConfig.from(volume, Examples.seedCluster().getSpec(), "s"))
        .hasMessageContaining("duplicate minors");
  }

  @ParameterizedTest
  @ValueSource(strings = {"", "a\"b", "a\\b", "a\nb", "a\tb", "a\u007fb", "caf\u00e9"})
  void unsafeSecretsAreRefusedWithoutEchoingThem(String secret) {
    assertThatThrownBy(
            () ->
                DrbdResourceConfig.from(
                    DrbdFixtures.seedVolume(), Examples.seedCluster().getSpec(), secret))
        .isInstanceOf(IllegalArgumentException.class)
        .satisfies(
            e -> assertThat(e.getMessage()).doesNotContain(secret.isEmpty() ? "\0" : secret));
  }

  @Test
  void aSecretLongerThanDrbdAllowsIsRefused() {
    String secret = "x".repeat(DrbdResourceConfig.MAX_SECRET_LENGTH + 1);

    assertThatThrownBy(
            () ->
                DrbdResourceConfig.from(
                    DrbdFixtures.seedVolume(), Examples.seedCluster().getSpec(), secret))
        .hasMessageNotContaining(secret);
    DrbdResourceConfig.checkSecret(secret.substring(1));
  }

  @Test
  void toStringRedactsTheSecret() {
    assertThat(DrbdFixtures.seed().toString())
        .doesNotContain(DrbdFixtures.SECRET)
        .contains("sharedSecret=redacted");
  }
}
