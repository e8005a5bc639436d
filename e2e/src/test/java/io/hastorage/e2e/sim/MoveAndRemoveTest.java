package io.hastorage.e2e.sim;

import static org.assertj.core.api.Assertions.assertThat;

import io.hastorage.operator.node.ShellQuoting;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * {@code mv -f -- SRC DST} and {@code rm -f -- FILE} as plain argv, the way the operator sends
 * them.
 */
class MoveAndRemoveTest {

  private final SimulatedNode node = SeedNodes.centosTarget("centos01");
  private final SimulatedShell shell = new SimulatedShell(node, SimulatedTools.standard());

  @Test
  void mvRenamesKeepingContentAndMode() {
    node.writeFile("/etc/drbd.d/vg1.res", "resource vg1 {}\n".getBytes(), "0600");

    ExecOutcome moved = sudo("mv", "-f", "--", "/etc/drbd.d/vg1.res", "/etc/drbd.d/vg1.res.bak");

    assertThat(moved.exitCode()).isZero();
    assertThat(moved.stdoutText()).isEmpty();
    assertThat(moved.stderrText()).isEmpty();
    assertThat(node.fileExists("/etc/drbd.d/vg1.res")).isFalse();
    assertThat(node.files().get("/etc/drbd.d/vg1.res.bak"))
        .hasValue(SimulatedFile.text("resource vg1 {}\n", "0600"));
  }

  @Test
  void cpKeepsTheSourceAndCopiesContentAndMode() {
    node.writeFile("/etc/corosync/corosync.conf", "totem {}\n".getBytes(), "0640");

    ExecOutcome copied =
        sudo("cp", "-p", "--", "/etc/corosync/corosync.conf", "/etc/corosync/corosync.conf.bak");

    assertThat(copied.exitCode()).isZero();
    assertThat(node.files().get("/etc/corosync/corosync.conf.bak"))
        .hasValue(SimulatedFile.text("totem {}\n", "0640"));
    assertThat(node.files().get("/etc/corosync/corosync.conf"))
        .hasValue(SimulatedFile.text("totem {}\n", "0640"));
    assertThat(sudo("cp", "-p", "--", "/etc/nothing", "/etc/else").stderrText())
        .isEqualTo("cp: cannot stat '/etc/nothing': No such file or directory\n");
  }

  @Test
  void mvReplacesAnExistingTarget() {
    node.writeFile("/etc/a.conf", "new\n".getBytes(), "0644");
    node.writeFile("/etc/b.conf", "old\n".getBytes(), "0600");

    assertThat(sudo("mv", "-f", "--", "/etc/a.conf", "/etc/b.conf").exitCode()).isZero();

    assertThat(node.files().get("/etc/b.conf")).hasValue(SimulatedFile.text("new\n", "0644"));
    assertThat(node.fileExists("/etc/a.conf")).isFalse();
  }

  @Test
  void mvOfAMissingFileFailsAsGnuMvDoes() {
    ExecOutcome missing = sudo("mv", "-f", "--", "/etc/nothing", "/etc/else");

    assertThat(missing.exitCode()).isEqualTo(1);
    assertThat(missing.stdoutText()).isEmpty();
    assertThat(missing.stderrText())
        .isEqualTo("mv: cannot stat '/etc/nothing': No such file or directory\n");
    assertThat(node.fileExists("/etc/else")).isFalse();
    assertThat(sudo("mv", "-f", "--", "/etc/it's", "/etc/x").stderrText())
        .isEqualTo("mv: cannot stat \"/etc/it's\": No such file or directory\n");
  }

  @Test
  void mvOntoItselfIsRefused() {
    node.writeFile("/etc/a.conf", "a\n".getBytes(), "0644");

    ExecOutcome same = sudo("mv", "-f", "--", "/etc/a.conf", "/etc/a.conf");

    assertThat(same.exitCode()).isEqualTo(1);
    assertThat(same.stderrText())
        .isEqualTo("mv: '/etc/a.conf' and '/etc/a.conf' are the same file\n");
    assertThat(node.readText("/etc/a.conf")).hasValue("a\n");
  }

  @Test
  void rmRemovesAFileAndIgnoresAMissingOne() {
    node.writeFile("/var/lib/x/marker", "t\n".getBytes(), "0644");

    ExecOutcome removed = sudo("rm", "-f", "--", "/var/lib/x/marker");
    ExecOutcome again = sudo("rm", "-f", "--", "/var/lib/x/marker");

    assertThat(removed.exitCode()).isZero();
    assertThat(removed.stderrText()).isEmpty();
    assertThat(node.fileExists("/var/lib/x/marker")).isFalse();
    assertThat(again.exitCode()).isZero();
    assertThat(again.stderrText()).isEmpty();
  }

  @Test
  void rmOfADirectoryFails() {
    node.writeFile("/var/lib/x/marker", "t\n".getBytes(), "0644");

    ExecOutcome dir = sudo("rm", "-f", "--", "/var/lib/x");

    assertThat(dir.exitCode()).isEqualTo(1);
    assertThat(dir.stderrText()).isEqualTo("rm: cannot remove '/var/lib/x': Is a directory\n");
    assertThat(node.fileExists("/var/lib/x/marker")).isTrue();
  }

  @Test
  void bothAreMutationsEvenWhenNothingChanged() {
    node.writeFile("/etc/a.conf", "a\n".getBytes(), "0644");

    sudo("mv", "-f", "--", "/etc/a.conf", "/etc/b.conf");
    sudo("rm", "-f", "--", "/etc/missing");

    assertThat(node.mutatingCommandCount()).isEqualTo(2);
    assertThat(node.execLog().execsRunning("mv")).isEqualTo(1);
    assertThat(node.execLog().execsRunning("rm")).isEqualTo(1);
  }

  @Test
  void otherFormsAreLoudGaps() {
    node.writeFile("/etc/a.conf", "a\n".getBytes(), "0644");

    for (List<String> argv :
        List.of(
            List.of("mv", "/etc/a.conf", "/etc/b.conf"),
            List.of("rm", "-rf", "--", "/etc"),
            List.of("rm", "/etc/a.conf"),
            List.of("mv", "-f", "--", "/etc/a.conf", "/etc"),
            List.of("rm", "-f", "--", "/proc/modules"),
            List.of("rm", "-f", "--", "a.conf"))) {
      ExecOutcome outcome = shell.execute(ShellQuoting.join(argv));
      assertThat(outcome.exitCode()).as("%s", argv).isEqualTo(ExecOutcome.NOT_FOUND);
      assertThat(outcome.stderrText()).startsWith("simulated shell: unsupported: ");
    }
    assertThat(node.readText("/etc/a.conf")).hasValue("a\n");
  }

  private ExecOutcome sudo(String... argv) {
    List<String> line = new ArrayList<>(List.of("sudo", "-n", "--"));
    line.addAll(List.of(argv));
    return shell.execute(ShellQuoting.join(line));
  }
}
