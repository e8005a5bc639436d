package io.hastorage.e2e.sim;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class PackageAndModuleToolsTest {

  private final SimulatedNode centos = SeedNodes.centosTarget("centos01");
  private final SimulatedNode ubuntu = SeedNodes.ubuntuInitiator("drbd01");
  private final SimulatedShell centosShell = new SimulatedShell(centos, SimulatedTools.standard());
  private final SimulatedShell ubuntuShell = new SimulatedShell(ubuntu, SimulatedTools.standard());

  @Test
  void aptGetInstallsFromRepositoryWithUnits() {
    ExecOutcome outcome =
        ubuntuShell.execute(
            "sudo -n -- env DEBIAN_FRONTEND=noninteractive apt-get install -y -q"
                + " --no-install-recommends open-iscsi multipath-tools");

    assertThat(outcome.exitCode()).isZero();
    assertThat(outcome.stdoutText()).contains("Setting up open-iscsi (2.1.8-1ubuntu1) ...");
    assertThat(ubuntu.packages().installedVersions())
        .containsEntry("open-iscsi", "2.1.8-1ubuntu1")
        .containsEntry("multipath-tools", "0.8.8-1ubuntu1.22.04.4");
    assertThat(ubuntu.services().get("multipathd")).isPresent();
    assertThat(ubuntuShell.execute("iscsiadm --version").stdoutText())
        .isEqualTo("iscsiadm version 2.1.8\n");
    assertThat(ubuntu.mutatingCommandCount()).isEqualTo(1);
  }

  @Test
  void aptGetUnknownPackageInstallsNothing() {
    ExecOutcome outcome = ubuntuShell.execute("apt-get install -y open-iscsi no-such-package");

    assertThat(outcome.exitCode()).isEqualTo(100);
    assertThat(outcome.stderrText()).isEqualTo("E: Unable to locate package no-such-package\n");
    assertThat(ubuntu.packages().isInstalled("open-iscsi")).isFalse();
  }

  @Test
  void aptGetAgainReportsAlreadyNewest() {
    ubuntuShell.execute("apt-get install -y ocfs2-tools");

    ExecOutcome again = ubuntuShell.execute("apt-get install -y ocfs2-tools");

    assertThat(again.exitCode()).isZero();
    assertThat(again.stdoutText()).contains("ocfs2-tools is already the newest version");
  }

  @Test
  void yumAndDnfFollowTheDistribution() {
    assertThat(centosShell.execute("dnf install -y corosync").exitCode()).isEqualTo(127);
    assertThat(centos.packages().isInstalled("corosync")).isFalse();

    ExecOutcome yum = centosShell.execute("sudo -n -- yum install -y corosync pacemaker");

    assertThat(yum.exitCode()).isZero();
    assertThat(centos.packages().installedVersions())
        .containsEntry("corosync", "3.1.7-1.el7")
        .containsEntry("pacemaker", "2.1.5-1.el7");
    assertThat(centosShell.execute("corosync -v").stdoutText())
        .startsWith("Corosync Cluster Engine, version '3.1.7'\n");
  }

  @Test
  void dnfOnADnfDistroRejectsUnknownPackagesAtomically() {
    SimulatedNode rocky =
        SimulatedNode.builder("rocky01", Distro.rocky9())
            .repository(SimulatedPackage.of("corosync", "3.1.7-1.el9"))
            .build();
    SimulatedShell shell = new SimulatedShell(rocky, SimulatedTools.standard());

    ExecOutcome outcome = shell.execute("dnf install -y corosync nope");

    assertThat(outcome.exitCode()).isEqualTo(1);
    assertThat(outcome.stderrText()).isEqualTo("Error: Unable to find a match: nope\n");
    assertThat(rocky.packages().isInstalled("corosync")).isFalse();
    assertThat(shell.execute("dnf install -y corosync").exitCode()).isZero();
  }

  @Test
  void packageToolsOfTheOtherFamilyAreMissing() {
    assertThat(ubuntuShell.execute("rpm -q corosync").exitCode()).isEqualTo(127);
    assertThat(ubuntuShell.execute("yum install -y corosync").exitCode()).isEqualTo(127);
    assertThat(centosShell.execute("apt-get install -y corosync").exitCode()).isEqualTo(127);
    assertThat(centosShell.execute("dpkg-query -W corosync").stderrText())
        .isEqualTo("sh: 1: dpkg-query: not found\n");
  }

  @Test
  void storageToolsExistOnlyOnceInstalled() {
    assertThat(centosShell.execute("drbdadm --version").exitCode()).isEqualTo(127);
    assertThat(centosShell.execute("pacemakerd --version").exitCode()).isEqualTo(127);

    centosShell.execute("yum install -y drbd-utils");

    ExecOutcome drbdadm = centosShell.execute("drbdadm --version");
    assertThat(drbdadm.stdoutText()).contains("DRBDADM_VERSION=9.22.0\n");
    assertThat(drbdadm.stdoutText()).doesNotContain("DRBD_KERNEL_VERSION=");
  }

  @Test
  void modprobeLoadsAvailableModulesWithDependencies() {
    ExecOutcome outcome = ubuntuShell.execute("modprobe -a iscsi_tcp dm-multipath");

    assertThat(outcome.exitCode()).isZero();
    assertThat(ubuntu.modules().loaded())
        .contains("iscsi_tcp", "libiscsi", "scsi_transport_iscsi", "dm_multipath");
    assertThat(ubuntuShell.execute("cat /proc/modules").stdoutText())
        .startsWith("dm_multipath ")
        .contains("\nlibiscsi 16384 2 libiscsi_tcp,iscsi_tcp, Live");
  }

  @Test
  void modprobeUnknownModuleFails() {
    ExecOutcome outcome = centosShell.execute("modprobe -a drbd ocfs2");

    assertThat(outcome.exitCode()).isEqualTo(1);
    assertThat(outcome.stderrText())
        .isEqualTo(
            "modprobe: FATAL: Module ocfs2 not found in directory"
                + " /lib/modules/3.10.0-1160.119.1.el7.x86_64\n");
    assertThat(centos.modules().isLoaded("drbd")).isTrue();
    assertThat(centos.modules().isLoaded("ocfs2")).isFalse();
  }

  @Test
  void procDrbdAppearsWithTheModule() {
    assertThat(centosShell.execute("cat /proc/drbd").exitCode()).isEqualTo(1);

    centosShell.execute("modprobe drbd");

    assertThat(centosShell.execute("cat /proc/drbd").stdoutText())
        .startsWith("version: 8.4.11 (api:1/proto:86-101)\n");
  }

  @Test
  void rpmAndDpkgQueryFormats() {
    centosShell.execute("yum install -y corosync");
    ubuntuShell.execute("apt-get install -y open-iscsi");

    ExecOutcome rpm =
        centosShell.execute("rpm -q --qf '%{NAME}\\t%{VERSION}-%{RELEASE}\\n' corosync pcs crmsh");
    ExecOutcome dpkg =
        ubuntuShell.execute(
            "dpkg-query -W -f '${Package}\\t${Version}\\t${db:Status-Abbrev}\\n' open-iscsi nope");

    assertThat(rpm.stdoutText())
        .isEqualTo(
            "corosync\t3.1.7-1.el7\npackage pcs is not installed\npackage crmsh is not installed\n");
    assertThat(rpm.exitCode()).isEqualTo(2);
    assertThat(dpkg.stdoutText()).isEqualTo("open-iscsi\t2.1.8-1ubuntu1\tii \n");
    assertThat(dpkg.stderrText()).isEqualTo("dpkg-query: no packages found matching nope\n");
    assertThat(dpkg.exitCode()).isEqualTo(1);
  }

  @Test
  void unameAndSystemctlShow() {
    assertThat(centosShell.execute("uname -n -r").stdoutText())
        .isEqualTo("centos01 3.10.0-1160.119.1.el7.x86_64\n");
    assertThat(
            centosShell
                .execute("systemctl show --property=Id,ActiveState,UnitFileState sshd nope")
                .stdoutText())
        .isEqualTo(
            "Id=sshd.service\nActiveState=active\nUnitFileState=enabled\n\n"
                + "Id=nope.service\nActiveState=inactive\nUnitFileState=\n");
  }
}
