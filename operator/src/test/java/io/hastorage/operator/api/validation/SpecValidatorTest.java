package io.hastorage.operator.api.validation;

import static org.assertj.core.api.Assertions.assertThat;

import io.hastorage.operator.api.Manifests;
import io.hastorage.operator.api.cluster.ClusterNode;
import io.hastorage.operator.api.cluster.NodeRole;
import io.hastorage.operator.api.cluster.StorageClusterSpec;
import io.hastorage.operator.api.common.DeletionPolicy;
import io.hastorage.operator.api.drbd.DrbdVolume;
import io.hastorage.operator.api.ocfs2.Ocfs2Mount;
import io.hastorage.operator.api.scst.ScstTarget;
import io.hastorage.operator.testing.Examples;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class SpecValidatorTest {

  @Test
  void theSeedExampleIsValid() {
    var resources = Examples.seed();
    assertThat(SpecValidator.validate(Examples.seedCluster().getSpec())).isEmpty();
    assertThat(
            SpecValidator.validate(Manifests.ofKind(resources, DrbdVolume.class).get(0).getSpec()))
        .isEmpty();
    assertThat(
            SpecValidator.validate(Manifests.ofKind(resources, ScstTarget.class).get(0).getSpec()))
        .isEmpty();
    assertThat(
            SpecValidator.validate(Manifests.ofKind(resources, Ocfs2Mount.class).get(0).getSpec()))
        .isEmpty();
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "/dev/sdb; touch /tmp/pwned",
        "/dev/sdb$(reboot)",
        "/dev/`id`",
        "/dev/sd'b",
        "/dev/sdb\nrm -rf /",
        "-rf",
        "/dev/../etc/passwd",
        "/etc/passwd",
        "/dev/sdb /dev/sdc"
      })
  void hostileBackingDisksAreRejected(String disk) {
    DrbdVolume volume = Manifests.ofKind(Examples.seed(), DrbdVolume.class).get(0);
    volume.getSpec().volumes.get(0).backingDisks.get(0).disk = disk;

    List<Violation> violations = SpecValidator.validate(volume.getSpec());

    assertThat(violations)
        .extracting(Violation::path)
        .contains("spec.volumes[0].backingDisks[0].disk");
    assertThat(violations.toString()).doesNotContain("\n");
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "iqn.2016-02.local.virtual:vg1;reboot",
        "iqn.2016-13.local.virtual:vg1",
        "eui.02004567A425678D",
        "iqn.2016-02.Local.virtual",
        "iqn.2016-02.local.virtual:$(id)"
      })
  void malformedIqnsAreRejected(String iqn) {
    ScstTarget target = Manifests.ofKind(Examples.seed(), ScstTarget.class).get(0);
    target.getSpec().iqn = iqn;

    assertThat(SpecValidator.validate(target.getSpec()))
        .extracting(Violation::path)
        .contains("spec.iqn");
  }

  @Test
  void hostileValuesInEveryNodeFieldAreRejected() {
    StorageClusterSpec spec = Examples.seedCluster().getSpec();
    ClusterNode node = spec.nodes.get(0);
    node.address = "10.0.0.1;id";
    node.user = "root -oProxyCommand=x";
    node.addresses.get(0).nic = "eth0 up";
    spec.prerequisites.extraPackages = List.of("lvm2; reboot");

    assertThat(SpecValidator.validate(spec))
        .extracting(Violation::path)
        .contains(
            "spec.nodes[0].address",
            "spec.nodes[0].user",
            "spec.nodes[0].addresses[0].nic",
            "spec.prerequisites.extraPackages[0]");
  }

  @Test
  void aMonitorIntervalOutsideFiveToThreeHundredSecondsIsRejected() {
    StorageClusterSpec spec = Examples.seedCluster().getSpec();
    spec.pacemaker.monitorIntervalSeconds = 1;

    assertThat(SpecValidator.validate(spec))
        .extracting(Violation::path)
        .containsExactly("spec.pacemaker.monitorIntervalSeconds");

    spec.pacemaker.monitorIntervalSeconds = 30;
    assertThat(SpecValidator.validate(spec)).isEmpty();
  }

  @Test
  void clusterNeedsExactlyTwoTargets() {
    StorageClusterSpec spec = Examples.seedCluster().getSpec();
    spec.nodes.get(1).role = NodeRole.Initiator;

    assertThat(SpecValidator.validate(spec))
        .extracting(Violation::message)
        .contains("needs exactly 2 Target nodes, has 1");
  }

  @Test
  void addressesMustLieInTheirNetworkAndLinksMustExist() {
    StorageClusterSpec spec = Examples.seedCluster().getSpec();
    spec.nodes.get(0).addresses.get(0).address = "10.30.1.17";
    spec.corosync.links = List.of("storage", "nosuchnet");

    assertThat(SpecValidator.validate(spec))
        .extracting(Violation::message)
        .contains("10.30.1.17 is outside 10.20.1.0/24", "unknown network \"nosuchnet\"");
  }

  @Test
  void duplicateLunsAndUnknownInitialPrimaryAreRejected() {
    var resources = Examples.seed();
    ScstTarget target = Manifests.ofKind(resources, ScstTarget.class).get(0);
    target.getSpec().luns.add(target.getSpec().luns.get(0));
    DrbdVolume volume = Manifests.ofKind(resources, DrbdVolume.class).get(0);
    volume.getSpec().initialPrimary = "drbd01";

    assertThat(SpecValidator.validate(target.getSpec()))
        .extracting(Violation::message)
        .contains("duplicate LUN number \"0\"");
    assertThat(SpecValidator.validate(volume.getSpec()))
        .extracting(Violation::message)
        .contains("\"drbd01\" has no backing disk in spec.volumes");
  }

  @Test
  void boundsAndRequiredFieldsAreChecked() {
    StorageClusterSpec spec = Examples.seedCluster().getSpec();
    spec.nodes.get(0).port = 70000;
    spec.corosync = null;

    assertThat(SpecValidator.validate(spec))
        .extracting(Violation::toString)
        .contains(
            "spec.nodes[0].port: 70000 is below the minimum 1"
                .replace("below the minimum 1", "above the maximum 65535"),
            "spec.corosync: is required");
  }

  @Test
  void fencingSettingsThatWouldConflictAreRejected() {
    StorageClusterSpec spec = Examples.seedCluster().getSpec();
    spec.pacemaker.properties.add(
        new io.hastorage.operator.api.cluster.StonithDevice.Parameter("stonith-enabled", "false"));
    spec.pacemaker
        .stonith
        .get(0)
        .parameters
        .add(new io.hastorage.operator.api.cluster.StonithDevice.Parameter("pcmk_host_list", "x"));
    spec.pacemaker
        .stonith
        .get(1)
        .parameters
        .add(new io.hastorage.operator.api.cluster.StonithDevice.Parameter("password", "x"));

    assertThat(SpecValidator.validate(spec))
        .extracting(Violation::message)
        .contains(
            "stonith-enabled is derived from spec.pacemaker.stonith and unfencedLab; do not set it",
            "pcmk_host_list is set from fencesNode; remove it from the parameters",
            "duplicate parameter \"password\"");
  }

  @Test
  void theSeedVolumeFitsTheSeedCluster() {
    DrbdVolume volume = Manifests.ofKind(Examples.seed(), DrbdVolume.class).get(0);

    assertThat(SpecValidator.validateAgainst(volume.getSpec(), Examples.seedCluster().getSpec()))
        .isEmpty();
  }

  @Test
  void aVolumeOnAnUnknownNetworkIsRejectedAgainstItsCluster() {
    DrbdVolume volume = Manifests.ofKind(Examples.seed(), DrbdVolume.class).get(0);
    volume.getSpec().network = "backup";

    assertThat(SpecValidator.validateAgainst(volume.getSpec(), Examples.seedCluster().getSpec()))
        .extracting(Violation::toString)
        .containsExactly(
            "spec.network: \"backup\" is not a network of the StorageCluster",
            "spec.network: target centos01 has no address on \"backup\"",
            "spec.network: target centos02 has no address on \"backup\"");
  }

  @Test
  void theInitialPrimaryMustBeATargetOfTheCluster() {
    StorageClusterSpec cluster = Examples.seedCluster().getSpec();
    DrbdVolume volume = Manifests.ofKind(Examples.seed(), DrbdVolume.class).get(0);
    volume.getSpec().initialPrimary = "drbd01";

    assertThat(SpecValidator.validateAgainst(volume.getSpec(), cluster))
        .extracting(Violation::toString)
        .containsExactly("spec.initialPrimary: \"drbd01\" is not a target of the StorageCluster");
  }

  @Test
  void destroyNeedsTheExactConfirmation() {
    DrbdVolume volume = Manifests.ofKind(Examples.seed(), DrbdVolume.class).get(0);
    DeletionPolicy policy = new DeletionPolicy();
    policy.mode = DeletionPolicy.Mode.Destroy;
    policy.confirmation = "yes-destroy";
    volume.getSpec().deletionPolicy = policy;

    List<Violation> wrong = SpecValidator.validate(volume.getSpec());
    policy.confirmation = null;
    List<Violation> missing = SpecValidator.validate(volume.getSpec());
    policy.confirmation = DeletionPolicy.CONFIRMATION;
    List<Violation> confirmed = SpecValidator.validate(volume.getSpec());
    policy.mode = DeletionPolicy.Mode.Retain;
    policy.confirmation = null;
    List<Violation> retain = SpecValidator.validate(volume.getSpec());

    assertThat(wrong)
        .extracting(Violation::path)
        .containsExactly("spec.deletionPolicy.confirmation");
    assertThat(wrong.get(0).message()).contains("\"yes-really-destroy-data\"");
    assertThat(missing)
        .extracting(Violation::path)
        .containsExactly("spec.deletionPolicy.confirmation");
    assertThat(confirmed).isEmpty();
    assertThat(retain).isEmpty();
  }

  @Test
  void anOcfs2MountRefusesDestroyAndChecksItsNodesAgainstTheCluster() {
    var resources = Examples.seed();
    Ocfs2Mount mount = Manifests.ofKind(resources, Ocfs2Mount.class).get(0);
    mount.getSpec().deletionPolicy = new io.hastorage.operator.api.common.DeletionPolicy();
    mount.getSpec().deletionPolicy.mode =
        io.hastorage.operator.api.common.DeletionPolicy.Mode.Destroy;
    assertThat(SpecValidator.validate(mount.getSpec()))
        .anyMatch(v -> v.toString().contains("spec.deletionPolicy.mode"));

    mount.getSpec().deletionPolicy = null;
    mount.getSpec().nodes = java.util.List.of("drbd01", "centos01");
    mount.getSpec().filesystem.network = "public";
    assertThat(SpecValidator.validateAgainst(mount.getSpec(), Examples.seedCluster().getSpec()))
        .extracting(Violation::toString)
        .anyMatch(v -> v.contains("centos01") && v.contains("not an Initiator node"))
        .anyMatch(v -> v.contains("drbd01 has no address on network public"));
  }

  @ParameterizedTest
  @ValueSource(strings = {"60 InitialR2T=No", ""})
  void anIscsiParameterValueThatIsEmptyOrSmugglesInAnotherIsRejected(String value) {
    ScstTarget target = Manifests.ofKind(Examples.seed(), ScstTarget.class).get(0);
    target.getSpec().iscsiParameters.get(0).value = value;

    List<Violation> violations = SpecValidator.validate(target.getSpec());

    assertThat(violations)
        .extracting(Violation::path)
        .containsExactly("spec.iscsiParameters[0].value");
    assertThat(violations.get(0).message()).contains("is empty or has a blank");
  }

  @Test
  void aRepeatedIscsiParameterIsRejected() {
    ScstTarget target = Manifests.ofKind(Examples.seed(), ScstTarget.class).get(0);
    target.getSpec().iscsiParameters.get(1).name = "DefaultTime2Retain";

    assertThat(SpecValidator.validate(target.getSpec()))
        .extracting(Violation::toString)
        .containsExactly("spec.iscsiParameters: duplicate parameter \"DefaultTime2Retain\"");
  }
}
