package io.hastorage.e2e.sim;

import static org.assertj.core.api.Assertions.assertThat;

import io.hastorage.operator.node.Command;
import io.hastorage.operator.node.FileCommands;
import io.hastorage.operator.node.FileWrite;
import io.hastorage.operator.node.SensitiveBytes;
import io.hastorage.operator.node.ShellQuoting;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The operator's file scripts, recognised by equality and performed on the in-memory files. */
class FileCommandsSimulationTest {

  private final SimulatedNode node = SeedNodes.centosTarget("centos01");
  private final SimulatedShell shell = new SimulatedShell(node, SimulatedTools.standard());

  @Test
  void writeThenReadRoundTripsContentAndMode() {
    String content = "secret 'quoted' $(not run)\nline two\n";

    ExecOutcome written = write("/etc/corosync/authkey", content, "0400", false);
    ExecOutcome read = run(FileCommands.read("/etc/corosync/authkey"));

    assertThat(written.exitCode()).isZero();
    assertThat(read.exitCode()).isZero();
    assertThat(read.stdoutText()).isEqualTo(content);
    assertThat(node.files().get("/etc/corosync/authkey"))
        .hasValueSatisfying(f -> assertThat(f.mode()).isEqualTo("0400"));
  }

  @Test
  void writesAreMutationsAndReadsAreNot() {
    write("/etc/a.conf", "a\n", "0644", false);
    run(FileCommands.read("/etc/a.conf"));
    run(FileCommands.read("/etc/missing.conf"));

    assertThat(node.mutatingCommandCount()).isEqualTo(1);
    assertThat(node.execLog().execsRunning(SimulatedNode.FILE_WRITE)).isEqualTo(1);
    assertThat(node.execLog().execsRunning(SimulatedNode.FILE_READ)).isEqualTo(2);
  }

  @Test
  void readOfMissingFileExitsThreeWithNoOutput() {
    ExecOutcome read = run(FileCommands.read("/etc/nothing-here"));

    assertThat(read.exitCode()).isEqualTo(FileCommands.MISSING_EXIT_CODE);
    assertThat(read.stdoutText()).isEmpty();
  }

  @Test
  void overwriteReplacesContentAndMode() {
    write("/etc/drbd.d/r0.res", "old\n", "0644", false);
    write("/etc/drbd.d/r0.res", "new\n", "0600", true);

    assertThat(node.files().get("/etc/drbd.d/r0.res"))
        .hasValue(SimulatedFile.text("new\n", "0600"));
  }

  @Test
  void worksThroughSudo() {
    assertThat(write("/etc/sudoed", "x", "0644", true).exitCode()).isZero();
    assertThat(node.readText("/etc/sudoed")).hasValue("x");
  }

  @Test
  void kernelFilesAreReadOnly() {
    ExecOutcome written = write("/proc/drbd", "x", "0644", false);

    assertThat(written.exitCode()).isEqualTo(1);
    assertThat(node.fileExists("/proc/drbd")).isFalse();
  }

  @Test
  void injectedWriteFailureLeavesOldFile() {
    write("/etc/a.conf", "old\n", "0644", false);
    node.failNextCommands(
        SimulatedNode.FILE_WRITE, 1, 1, "mv: cannot move: No space left on device");

    ExecOutcome failed = write("/etc/a.conf", "new\n", "0644", false);

    assertThat(failed.exitCode()).isEqualTo(1);
    assertThat(failed.stderrText()).contains("No space left");
    assertThat(node.readText("/etc/a.conf")).hasValue("old\n");
    assertThat(write("/etc/a.conf", "new\n", "0644", false).exitCode()).isZero();
  }

  private ExecOutcome write(String path, String content, String mode, boolean sudo) {
    Command command =
        FileCommands.atomicWrite(new FileWrite(path, SensitiveBytes.secret(content), mode));
    List<String> argv = new ArrayList<>();
    if (sudo) {
      argv.addAll(List.of("sudo", "-n", "--"));
    }
    argv.addAll(command.argv());
    return shell.execute(
        ShellQuoting.join(argv), Stdin.of(content.getBytes(StandardCharsets.UTF_8)));
  }

  private ExecOutcome run(Command command) {
    return shell.execute(ShellQuoting.join(command.argv()));
  }
}
