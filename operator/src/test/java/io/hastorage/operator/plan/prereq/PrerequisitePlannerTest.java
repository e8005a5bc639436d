package io.hastorage.operator.plan.prereq;

import static org.assertj.core.api.Assertions.assertThat;

import io.hastorage.operator.api.cluster.NodeRole;
import io.hastorage.operator.api.cluster.PrerequisitesSpec;
import io.hastorage.operator.observe.NodeFacts;
import io.hastorage.operator.plan.Action;
import io.hastorage.operator.plan.ManagedFiles;
import io.hastorage.operator.plan.Step;
import io.hastorage.operator.testing.FactsBuilder;
import java.util.List;
import org.junit.jupiter.api.Test;

class PrerequisitePlannerTest {

  private static final List<String> DEBIAN_TARGET_PACKAGES =
      List.of(
          "drbd-utils",
          "corosync",
          "pacemaker",
          "pacemaker-cli-utils",
          "crmsh",
          "resource-agents",
          "lvm2");

  private static PrerequisitesSpec install(boolean install) {
    PrerequisitesSpec spec = new PrerequisitesSpec();
    spec.install = install;
    return spec;
  }

  private static String modulesFileHash() {
    return ManagedFiles.sha256(PrerequisitePlanner.modulesLoadFile(List.of("drbd")));
  }

  @Test
  void aConvergedNodeYieldsAnEmptyPlan() {
    NodeFacts facts =
        new FactsBuilder("t1")
            .packages(DEBIAN_TARGET_PACKAGES.toArray(String[]::new))
            .modules("drbd")
            .file(PrerequisitePlanner.MODULES_LOAD_FILE, modulesFileHash())
            .build();

    assertThat(PrerequisitePlanner.plan(NodeRole.Target, install(true), facts)).isEmpty();
    assertThat(PrerequisiteReport.of(NodeRole.Target, install(true), facts).satisfied()).isTrue();
  }

  @Test
  void anEmptyDebianNodeGetsAptThenTheDropInThenModprobe() {
    NodeFacts facts = new FactsBuilder("t1").build();

    List<Step> steps = PrerequisitePlanner.plan(NodeRole.Target, install(true), facts);

    assertThat(steps)
        .extracting(Step::description)
        .containsExactly(
            "install packages drbd-utils corosync pacemaker pacemaker-cli-utils crmsh resource-agents lvm2",
            "load kernel modules at boot: drbd",
            "load kernel modules drbd");
    assertThat(((Action.RunCommand) steps.get(0).action()).command().argv())
        .startsWith("env", "DEBIAN_FRONTEND=noninteractive", "apt-get", "install", "-y");
    assertThat(((Action.WriteFile) steps.get(1).action()).file().path())
        .isEqualTo("/etc/modules-load.d/ha-iscsi-operator.conf");
    assertThat(((Action.RunCommand) steps.get(2).action()).command().argv())
        .containsExactly("modprobe", "-a", "drbd");
  }

  @Test
  void rhelUsesYumBefore8AndDnfAfter() {
    List<Step> centos =
        PrerequisitePlanner.plan(
            NodeRole.Initiator,
            install(true),
            new FactsBuilder("i").os(FactsBuilder.CENTOS_7).build());
    List<Step> rocky =
        PrerequisitePlanner.plan(
            NodeRole.Initiator,
            install(true),
            new FactsBuilder("i").os(FactsBuilder.ROCKY_9).build());

    assertThat(((Action.RunCommand) centos.get(0).action()).command().argv())
        .containsExactly(
            "yum",
            "install",
            "-y",
            "iscsi-initiator-utils",
            "device-mapper-multipath",
            "ocfs2-tools");
    assertThat(((Action.RunCommand) rocky.get(0).action()).command().argv())
        .startsWith("dnf", "install", "-y");
  }

  @Test
  void anyAlternativeSatisfiesARequirement() {
    NodeFacts facts =
        new FactsBuilder("t1")
            .os(FactsBuilder.CENTOS_7)
            .packages("drbd84-utils", "corosync", "pacemaker", "crmsh", "resource-agents", "lvm2")
            .modules("drbd")
            .build();

    assertThat(PrerequisiteReport.of(NodeRole.Target, install(false), facts).missingPackages())
        .isEmpty();
  }

  @Test
  void withoutInstallNothingIsPlannedAndTheReportNamesWhatIsMissing() {
    NodeFacts facts = new FactsBuilder("i1").packages("open-iscsi").modules("iscsi_tcp").build();

    assertThat(PrerequisitePlanner.plan(NodeRole.Initiator, install(false), facts)).isEmpty();
    assertThat(PrerequisiteReport.of(NodeRole.Initiator, install(false), facts).describe())
        .isEqualTo("packages multipath-tools, ocfs2-tools; modules dm_multipath");
  }

  @Test
  void skipAndExtrasAdjustTheCatalog() {
    PrerequisitesSpec spec = install(false);
    spec.skip = List.of("ocfs2-tools", "dm_multipath");
    spec.extraPackages = List.of("sg3-utils");
    NodeFacts facts =
        new FactsBuilder("i1")
            .packages("open-iscsi", "multipath-tools")
            .modules("iscsi_tcp")
            .build();

    assertThat(PrerequisiteReport.of(NodeRole.Initiator, spec, facts).describe())
        .isEqualTo("packages sg3-utils");
  }

  @Test
  void anUnknownOsIsReportedNotGuessed() {
    NodeFacts facts =
        new FactsBuilder("t1").os(io.hastorage.operator.observe.OsInfo.UNKNOWN).build();

    assertThat(PrerequisitePlanner.plan(NodeRole.Target, install(true), facts)).isEmpty();
    assertThat(PrerequisiteReport.of(NodeRole.Target, install(true), facts).supportedOs())
        .isFalse();
  }
}
