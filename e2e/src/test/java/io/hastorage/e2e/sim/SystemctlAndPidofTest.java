package io.hastorage.e2e.sim;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** systemctl's unit verbs and pidof on nodes without a cluster (the initiators). */
class SystemctlAndPidofTest {

  private final SimulatedNode ubuntu = SeedNodes.ubuntuInitiator("drbd01");
  private final SimulatedNode centos = SeedNodes.centosTarget("centos01");
  private final SimulatedShell ubuntuShell = new SimulatedShell(ubuntu, SimulatedTools.standard());
  private final SimulatedShell centosShell = new SimulatedShell(centos, SimulatedTools.standard());

  @Test
  void enableNowEnablesAndStartsWithSystemdsMessages() {
    ubuntuShell.execute("apt-get install -y open-iscsi");

    ExecOutcome outcome = ubuntuShell.execute("sudo -n -- systemctl enable --now iscsid.service");

    assertThat(outcome.exitCode()).isZero();
    assertThat(outcome.stderrText())
        .isEqualTo(
            "Created symlink /etc/systemd/system/multi-user.target.wants/iscsid.service \u2192 "
                + "/lib/systemd/system/iscsid.service.\n");
    assertThat(ubuntu.services().get("iscsid").orElseThrow())
        .isEqualTo(ServiceUnit.enabledActive("iscsid"));
    assertThat(ubuntuShell.execute("systemctl enable iscsid").stderrText())
        .as("already enabled: nothing to say")
        .isEmpty();
    assertThat(ubuntuShell.execute("pidof iscsid").stdoutText()).matches("[0-9]+\n");
    assertThat(ubuntu.mutatingCommandCount()).isEqualTo(3);
  }

  @Test
  void stopAndDisableUndoIt() {
    centosShell.execute("yum install -y pcs");
    centosShell.execute("systemctl enable --now pcsd");

    assertThat(centosShell.execute("systemctl disable --now pcsd").stderrText())
        .isEqualTo("Removed symlink /etc/systemd/system/multi-user.target.wants/pcsd.service.\n");
    assertThat(centos.services().get("pcsd").orElseThrow())
        .isEqualTo(ServiceUnit.disabledInactive("pcsd"));
    assertThat(centosShell.execute("pidof pcsd").exitCode()).isEqualTo(1);
  }

  @Test
  void missingUnitsFailAsSystemdDoes() {
    ExecOutcome start = centosShell.execute("systemctl start corosync.service");
    assertThat(start.exitCode()).isEqualTo(5);
    assertThat(start.stderrText()).isEqualTo("Failed to start corosync.service: Unit not found.\n");

    ExecOutcome enable = ubuntuShell.execute("systemctl enable --now nosuch sshd");
    assertThat(enable.exitCode()).isEqualTo(1);
    assertThat(enable.stderrText())
        .isEqualTo("Failed to enable unit: Unit file nosuch.service does not exist.\n");
    assertThat(ubuntuShell.execute("systemctl stop nosuch").stderrText())
        .isEqualTo("Failed to stop nosuch.service: Unit nosuch.service not loaded.\n");
  }

  @Test
  void otherVerbsAndOptionsAreUnsupported() {
    assertThat(centosShell.execute("systemctl reload sshd").exitCode()).isEqualTo(127);
    assertThat(centosShell.execute("systemctl start --no-block sshd").exitCode()).isEqualTo(127);
    assertThat(centosShell.execute("pidof -s sshd").exitCode()).isEqualTo(127);
    assertThat(centos.execLog().unsupported()).hasSize(3);
  }

  @Test
  void pidOneIsSystemdAndSshdRuns() {
    assertThat(centosShell.execute("cat /proc/1/comm").stdoutText()).isEqualTo("systemd\n");
    assertThat(centosShell.execute("pidof systemd").stdoutText()).isEqualTo("1\n");
    assertThat(ubuntuShell.execute("pidof sshd corosync").stdoutText()).matches("[0-9]+\n");
    assertThat(ubuntuShell.execute("pidof corosync").exitCode()).isEqualTo(1);
    assertThat(centos.mutatingCommandCount() + ubuntu.mutatingCommandCount()).isZero();
  }
}
