package io.hastorage.operator.plan.lvm;

import static org.assertj.core.api.Assertions.assertThat;

import io.hastorage.operator.api.cluster.LvmSystemSpec;
import io.hastorage.operator.observe.NodeFacts;
import io.hastorage.operator.plan.Decision;
import io.hastorage.operator.plan.ManagedFiles;
import io.hastorage.operator.plan.Step;
import io.hastorage.operator.testing.Captured;
import io.hastorage.operator.testing.FactsBuilder;
import io.hastorage.operator.testing.RealPrerequisites;
import io.hastorage.operator.testing.RealTools;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LvmSystemPlannerTest {

  private static final String SEED_PVS = "  /dev/sda2|vg_centos\n  /dev/drbd0|vg1\n";

  @TempDir Path dir;

  private static LvmSystemSpec seed() {
    LvmSystemSpec spec = new LvmSystemSpec();
    spec.systemDevices = List.of("/dev/sda");
    spec.autoActivateVolumeGroups = List.of("vg_centos");
    return spec;
  }

  private static Decision decide(FactsBuilder builder) {
    NodeFacts facts = builder.build();
    return LvmSystemPlanner.plan(seed(), facts).get(0).guard().check(facts);
  }

  @Test
  void writesTheDropInOnceAndThenNothing() {
    List<Step> first = LvmSystemPlanner.plan(seed(), new FactsBuilder("centos01").build());
    NodeFacts converged =
        new FactsBuilder("centos01")
            .file(LvmLocalConf.PATH, ManagedFiles.sha256(LvmLocalConf.render(seed())))
            .build();

    assertThat(first).hasSize(1);
    assertThat(first.get(0).action().describe()).contains("/etc/lvm/lvmlocal.conf (0644");
    assertThat(LvmSystemPlanner.plan(seed(), converged)).isEmpty();
  }

  @Test
  void theDistributionTemplateMayBeReplaced() {
    Decision decision =
        decide(
            new FactsBuilder("centos01")
                .content(LvmLocalConf.PATH, Captured.read("debian12/lvmlocal.conf"))
                .section("lvm-pvs", 0, SEED_PVS));

    assertThat(decision.allowed()).isTrue();
  }

  @Test
  void anAdminsOwnSettingsAreRefusedWithAnExplanation() {
    String admin = "local {\n\tsystem_id = \"centos01\"\n}\n";

    Decision decision =
        decide(
            new FactsBuilder("centos01")
                .content(LvmLocalConf.PATH, admin)
                .section("lvm-pvs", 0, SEED_PVS));

    assertThat(decision.allowed()).isFalse();
    assertThat(decision.reason()).isEqualTo("UnmanagedLvmConfig");
    assertThat(decision.message())
        .contains("centos01", "/etc/lvm/lvmlocal.conf", "not written by ha-iscsi-operator");
  }

  @Test
  void ourOwnOlderVersionMayBeRewritten() {
    Decision decision =
        decide(
            new FactsBuilder("centos01")
                .content(LvmLocalConf.PATH, LvmLocalConf.render(new LvmSystemSpec()))
                .section("lvm-pvs", 0, SEED_PVS));

    assertThat(decision.allowed()).isTrue();
  }

  @Test
  void aFilterThatWouldHideAPhysicalVolumeIsRefused() {
    Decision decision =
        decide(
            new FactsBuilder("centos01").section("lvm-pvs", 0, SEED_PVS + "  /dev/sdc1|vg_data\n"));

    assertThat(decision.reason()).isEqualTo("FilterWouldHidePhysicalVolume");
    assertThat(decision.message()).contains("/dev/sdc1 (VG vg_data)", "spec.lvm.systemDevices");
  }

  @Test
  void aSystemVgThatWouldStopAutoActivatingIsRefused() {
    Decision decision =
        decide(
            new FactsBuilder("centos01").section("lvm-pvs", 0, SEED_PVS + "  /dev/sda3|vg_home\n"));

    assertThat(decision.reason()).isEqualTo("SystemVolumeGroupNotListed");
    assertThat(decision.message()).contains("vg_home on /dev/sda3", "autoActivateVolumeGroups");
  }

  @Test
  void unknownLvmStateIsRefusedButNoLvmAtAllIsFine() {
    assertThat(decide(new FactsBuilder("centos01").section("lvm-pvs", 5, "")).reason())
        .isEqualTo("LvmStateUnknown");
    assertThat(decide(new FactsBuilder("centos01").section("lvm-pvs", 127, "")).allowed()).isTrue();
  }

  @Test
  void theRealLvmconfigAcceptsAndReadsBackTheSettings() throws Exception {
    RealPrerequisites.requireTools("lvmconfig on the rendered lvmlocal.conf (lvm2)", "lvmconfig");
    Files.writeString(dir.resolve("lvm.conf"), "");
    Files.writeString(dir.resolve("lvmlocal.conf"), LvmLocalConf.render(seed()));

    RealTools.Result validate =
        RealTools.run(dir, List.of("lvmconfig", "--validate"), "LVM_SYSTEM_DIR", dir.toString());
    RealTools.Result values =
        RealTools.run(
            dir,
            List.of("lvmconfig", "devices/global_filter", "activation/auto_activation_volume_list"),
            "LVM_SYSTEM_DIR",
            dir.toString());

    assertThat(validate.exitCode()).as(validate.output()).isZero();
    assertThat(values.output())
        .contains(
            "global_filter=[\"a|^/dev/drbd[0-9]+$|\",\"a|^/dev/sda([0-9]+|p[0-9]+)?$|\",\"r|.*|\"]")
        .contains("auto_activation_volume_list=\"vg_centos\"");
  }

  @Test
  void devicePathsAreEscapedForLvmRegexes() {
    LvmSystemSpec spec = new LvmSystemSpec();
    spec.systemDevices = List.of("/dev/disk/by-id/wwn-0x5000c500a1b2.c3+d4");

    assertThat(LvmLocalConf.render(spec))
        .contains("\"a|^/dev/disk/by-id/wwn-0x5000c500a1b2\\.c3\\+d4([0-9]+|p[0-9]+)?$|\"");
  }
}
