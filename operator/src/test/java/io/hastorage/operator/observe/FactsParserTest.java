package io.hastorage.operator.observe;

import static org.assertj.core.api.Assertions.assertThat;

import io.hastorage.operator.testing.Captured;
import io.hastorage.operator.testing.ProbeTranscript;
import org.junit.jupiter.api.Test;

class FactsParserTest {

  private static final String SHA = "a".repeat(64);
  private static final String LAB = "kernel-lab/drbd-lab/";

  @Test
  void parsesCapturedDebianOutput() {
    String stdout =
        new ProbeTranscript("x")
            .section(NodeProbe.OS, 0, Captured.read("debian12/os-release.txt"))
            .section(NodeProbe.UNAME, 0, "centos01 6.1.0-28-amd64\n")
            .section(NodeProbe.DRBDADM, 0, Captured.read("debian12/drbdadm-version.txt"))
            .section(NodeProbe.PROC_DRBD, 1, "")
            .section(NodeProbe.COROSYNC, 0, Captured.read("debian12/corosync-v.txt"))
            .section(NodeProbe.PACEMAKER, 0, Captured.read("debian12/pacemakerd-version.txt"))
            .section(NodeProbe.ISCSIADM, 0, Captured.read("debian12/iscsiadm-version.txt"))
            .section(
                NodeProbe.MODULES,
                0,
                Captured.read("kernel-lab/drbd-lab/tb-proc-modules-dm-multipath.txt"))
            .section(NodeProbe.DPKG, 1, Captured.read("debian12/dpkg-query.txt"))
            .section(NodeProbe.RPM, 127, "")
            .section(NodeProbe.FILES, 1, SHA + "  /etc/modules-load.d/ha-iscsi-operator.conf\n")
            .stdout();

    NodeFacts facts = FactsParser.parse("centos01", ProbeOutput.parse(stdout, "x"));

    assertThat(facts.os().family()).isEqualTo(OsInfo.Family.DEBIAN);
    assertThat(facts.os().prettyName()).isEqualTo("Debian GNU/Linux 12 (bookworm)");
    assertThat(facts.hostname()).isEqualTo("centos01");
    assertThat(facts.kernel()).isEqualTo("6.1.0-28-amd64");
    assertThat(facts.version(Tool.DRBD_UTILS)).contains("9.22.0");
    assertThat(facts.version(Tool.DRBD_KERNEL))
        .as("DRBD_KERNEL_VERSION=0 means no module")
        .isEmpty();
    assertThat(facts.version(Tool.COROSYNC)).contains("3.1.7");
    assertThat(facts.version(Tool.PACEMAKER)).contains("2.1.5");
    assertThat(facts.version(Tool.OPEN_ISCSI)).contains("2.1.8");
    assertThat(facts.installedPackages())
        .containsEntry("drbd-utils", "9.22.0-1")
        .containsEntry("corosync", "3.1.7-1+deb12u2")
        .doesNotContainKey("nosuchpkg");
    assertThat(facts.moduleLoaded("drbd")).isTrue();
    assertThat(facts.moduleLoaded("dm-multipath")).as("dashes and underscores are one").isTrue();
    assertThat(facts.moduleLoaded("iscsi_tcp")).isFalse();
    assertThat(facts.fileHash("/etc/modules-load.d/ha-iscsi-operator.conf")).contains(SHA);
  }

  @Test
  void readsTheSeedsProcDrbdAndCentosOsRelease() {
    String stdout =
        new ProbeTranscript("x")
            .section(NodeProbe.OS, 0, Captured.read("os-release-centos7.txt"))
            .section(NodeProbe.PROC_DRBD, 0, Captured.read("proc-drbd-8.4-seed.txt"))
            .section(NodeProbe.DRBDADM, 127, "")
            .section(
                NodeProbe.RPM, 1, "drbd84-utils\t8.9.5-1.el7\npackage corosync is not installed\n")
            .stdout();

    NodeFacts facts = FactsParser.parse("centos02", ProbeOutput.parse(stdout, "x"));

    assertThat(facts.os().family()).isEqualTo(OsInfo.Family.RHEL);
    assertThat(facts.os().majorVersion()).isEqualTo(7);
    assertThat(facts.version(Tool.DRBD_KERNEL)).contains("8.4.7-1");
    assertThat(facts.version(Tool.DRBD_UTILS)).isEmpty();
    assertThat(facts.installedPackages()).containsOnlyKeys("drbd84-utils");
  }

  /**
   * The kernel lab's real /proc/drbd right after {@code modprobe drbd} (8.4.11, no resource yet)
   * next to drbdadm without the module's word: the module's own version is the one that counts.
   */
  @Test
  void drbdKernelVersionFromARealFreshlyLoadedModule() {
    String stdout =
        new ProbeTranscript("x")
            .section(NodeProbe.UNAME, 0, "ta 6.1.0-57-amd64\n")
            .section(NodeProbe.DRBDADM, 0, Captured.read("debian12/drbdadm-version.txt"))
            .section(
                NodeProbe.PROC_DRBD,
                0,
                Captured.read("kernel-lab/recipe/ta-proc-drbd-module-loaded-no-resource.txt"))
            .stdout();

    NodeFacts facts = FactsParser.parse("ta", ProbeOutput.parse(stdout, "x"));

    assertThat(facts.kernel()).isEqualTo("6.1.0-57-amd64");
    assertThat(facts.version(Tool.DRBD_KERNEL)).contains("8.4.11");
    assertThat(facts.version(Tool.DRBD_UTILS)).contains("9.22.0");
  }

  /**
   * A DRBD target's base probe as the kernel lab's guest answered it item by item (Debian 12,
   * kernel 6.1, the DRBD 8.4.11 module loaded, no cluster stack installed yet).
   */
  @Test
  void aRealTargetsBaseProbe() {
    String stdout =
        new ProbeTranscript("x")
            .section(NodeProbe.OS, 0, Captured.read(LAB + "ta-os-release.txt"))
            .section(NodeProbe.UNAME, 0, Captured.read(LAB + "ta-uname-n-r.txt"))
            .section(
                NodeProbe.DRBDADM, 0, Captured.read(LAB + "ta-drbdadm-version-module-loaded.txt"))
            .section(NodeProbe.PROC_DRBD, 0, Captured.read(LAB + "ta-proc-drbd-syncsource.txt"))
            .section(NodeProbe.SCST, 1, "")
            .section(NodeProbe.COROSYNC, 127, "")
            .section(NodeProbe.PACEMAKER, 127, "")
            .section(NodeProbe.ISCSIADM, 0, "iscsiadm version 2.1.8\n")
            .section(NodeProbe.MODULES, 0, Captured.read(LAB + "ta-proc-modules.txt"))
            .section(NodeProbe.DPKG, 1, Captured.read(LAB + "ta-dpkg-query.txt"))
            .section(NodeProbe.RPM, 127, "")
            .section(NodeProbe.FILES, 1, Captured.read(LAB + "ta-sha256sum.txt"))
            .stdout();

    NodeFacts facts = FactsParser.parse("ta", ProbeOutput.parse(stdout, "x"));

    assertThat(facts.os().family()).isEqualTo(OsInfo.Family.DEBIAN);
    assertThat(facts.os().majorVersion()).isEqualTo(12);
    assertThat(facts.hostname()).isEqualTo("ta");
    assertThat(facts.kernel()).isEqualTo("6.1.0-57-amd64");
    assertThat(facts.version(Tool.DRBD_KERNEL)).contains("8.4.11");
    assertThat(facts.version(Tool.DRBD_UTILS)).contains("9.22.0");
    assertThat(facts.version(Tool.OPEN_ISCSI)).contains("2.1.8");
    assertThat(facts.version(Tool.COROSYNC)).isEmpty();
    assertThat(facts.version(Tool.SCST)).isEmpty();
    assertThat(facts.installedPackages())
        .containsEntry("drbd-utils", "9.22.0-1")
        .containsEntry("open-iscsi", "2.1.8-1")
        .containsEntry("targetcli-fb", "1:2.1.53-1.1")
        .doesNotContainKey("nosuchpkg");
    assertThat(facts.moduleLoaded("drbd")).isTrue();
    assertThat(facts.moduleLoaded("lru_cache")).isTrue();
    assertThat(facts.moduleLoaded("dm_multipath")).isFalse();
    assertThat(facts.fileHash("/etc/drbd.d/r0.res"))
        .contains("be5b7cfab21b44443c8ee75197ba529cd29e4f11caf9a3ea3ade11a3480c3e5a");
    assertThat(facts.fileHash("/etc/nonexistent.conf")).isEmpty();
  }

  /**
   * drbd-utils 9.22 in front of the 8.4.11 module prints only DRBD_KERNEL_VERSION_CODE: the version
   * is read from it when /proc/drbd did not answer.
   */
  @Test
  void drbdKernelVersionFromDrbdadmsVersionCode() {
    String stdout =
        new ProbeTranscript("x")
            .section(
                NodeProbe.DRBDADM, 0, Captured.read(LAB + "ta-drbdadm-version-module-loaded.txt"))
            .section(NodeProbe.PROC_DRBD, 1, "")
            .stdout();

    NodeFacts facts = FactsParser.parse("ta", ProbeOutput.parse(stdout, "x"));

    assertThat(facts.version(Tool.DRBD_KERNEL)).contains("8.4.11");
    assertThat(facts.version(Tool.DRBD_UTILS)).contains("9.22.0");
  }

  /**
   * The kernel lab's converged target (systemd guest): systemctl show prints WantedBy before
   * LoadState, not in the order asked; /proc/modules with the LIO and multipath modules.
   */
  @Test
  void aConvergedKernelLabTargetsServicesAndModules() {
    String stdout =
        new ProbeTranscript("x")
            .section(
                NodeProbe.SERVICES, 0, Captured.read("kernel-lab/harness/ta-systemctl-show.txt"))
            .section(NodeProbe.MODULES, 0, Captured.read("kernel-lab/harness/ta-proc-modules.txt"))
            .section(
                NodeProbe.DRBDADM, 0, Captured.read("kernel-lab/harness/ta-drbdadm-version.txt"))
            .section(NodeProbe.PROC_DRBD, 0, Captured.read("kernel-lab/harness/ta-proc-drbd.txt"))
            .stdout();

    NodeFacts facts = FactsParser.parse("ta", ProbeOutput.parse(stdout, "x"));

    for (String unit : new String[] {"corosync", "pacemaker.service"}) {
      ServiceState state = facts.service(unit).orElseThrow();
      assertThat(state.active()).as(unit).isTrue();
      assertThat(state.enabled()).as(unit).isTrue();
      assertThat(state.exists()).as(unit).isTrue();
    }
    assertThat(facts.moduleLoaded("drbd")).isTrue();
    assertThat(facts.moduleLoaded("iscsi_target_mod")).isTrue();
    assertThat(facts.moduleLoaded("dm-multipath")).isTrue();
    assertThat(facts.moduleLoaded("iscsi_tcp")).isFalse();
    assertThat(facts.version(Tool.DRBD_KERNEL)).contains("8.4.11");
  }

  @Test
  void dpkgPackagesRemovedButConfiguredAreNotInstalled() {
    String dpkg = "corosync\t3.1.7-1\trc \nlvm2\t2.03.16-2\tii \n";
    String stdout = new ProbeTranscript("x").section(NodeProbe.DPKG, 0, dpkg).stdout();

    NodeFacts facts = FactsParser.parse("n", ProbeOutput.parse(stdout, "x"));

    assertThat(facts.installedPackages()).containsOnlyKeys("lvm2");
  }

  @Test
  void parsesSystemctlShowBlocks() {
    String show =
        "Id=corosync.service\nLoadState=loaded\nActiveState=active\nUnitFileState=enabled\n\n"
            + "Id=nosuch.service\nLoadState=not-found\nActiveState=inactive\nUnitFileState=\n";
    String stdout = new ProbeTranscript("x").section(NodeProbe.SERVICES, 0, show).stdout();

    NodeFacts facts = FactsParser.parse("n", ProbeOutput.parse(stdout, "x"));

    assertThat(facts.service("corosync").orElseThrow().active()).isTrue();
    assertThat(facts.service("corosync").orElseThrow().enabled()).isTrue();
    assertThat(facts.service("nosuch").orElseThrow().exists()).isFalse();
  }

  /**
   * Debian 12's o2cb has only a SysV script: systemd generates its unit, so UnitFileState is always
   * "generated"; enabled means the generator hooked it into the runlevel targets (output of the
   * kernel lab's initiator before and after {@code systemctl enable o2cb.service}).
   */
  @Test
  void aGeneratedSysvUnitIsEnabledWhenARunlevelTargetWantsIt() {
    String show =
        "Id=o2cb.service\nLoadState=loaded\nActiveState=active\nUnitFileState=generated\n"
            + "WantedBy=graphical.target multi-user.target\n\n"
            + "Id=ocfs2.service\nLoadState=loaded\nActiveState=inactive\nUnitFileState=generated\n"
            + "WantedBy=\n";
    String stdout = new ProbeTranscript("x").section(NodeProbe.SERVICES, 0, show).stdout();

    NodeFacts facts = FactsParser.parse("n", ProbeOutput.parse(stdout, "x"));

    assertThat(facts.service("o2cb").orElseThrow().enabled()).isTrue();
    assertThat(facts.service("ocfs2").orElseThrow().enabled()).isFalse();
  }

  @Test
  void unreachableSectionsGiveEmptyFacts() {
    NodeFacts facts = FactsParser.parse("n", ProbeOutput.parse("", "x"));

    assertThat(facts.os()).isEqualTo(OsInfo.UNKNOWN);
    assertThat(facts.versions()).isEmpty();
    assertThat(facts.installedPackages()).isEmpty();
  }
}
