package io.hastorage.e2e.sim.drbd;

import static org.assertj.core.api.Assertions.assertThat;

import io.hastorage.e2e.sim.ExecOutcome;
import io.hastorage.e2e.sim.SimulatedFleet;
import io.hastorage.e2e.sim.SimulatedNode;
import io.hastorage.e2e.sim.SshKeys;
import io.hastorage.e2e.sim.Stdin;
import io.hastorage.operator.node.ShellQuoting;
import io.hastorage.operator.observe.drbd.DiskSignatures;
import io.hastorage.operator.observe.drbd.DrbdDeviceState;
import io.hastorage.operator.observe.drbd.ProcDrbdParser;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** A fleet whose targets run commands the way the operator sends them: sudo -n -- argv. */
final class DrbdFixture implements AutoCloseable {

  static final Path GOLDEN =
      Path.of(System.getProperty("hastorage.repoRoot", ".."), "operator/src/test/resources/golden");

  final SimulatedFleet fleet = new SimulatedFleet(List.of(SshKeys.generate().getPublic()));

  static final Path CAPTURED =
      Path.of(
          System.getProperty("hastorage.repoRoot", ".."),
          "operator/src/test/resources/captured/lab-pacemaker-2.1.5");

  /** The operator's promotable clone of vg1, as it pushes it to the CIB. */
  static final String CLONE = "hastorage-drbd-vg1-clone";

  static String res84() {
    return read(GOLDEN.resolve("drbd/vg1-84.res"));
  }

  private static String read(Path file) {
    try {
      return Files.readString(file);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  SimulatedNode node(String name) {
    return fleet.node(name);
  }

  /** drbd-utils installed, the golden vg1 resource file written, drbd loaded: on both targets. */
  DrbdFixture prepared() {
    for (String target : SimulatedFleet.TARGETS) {
      ok(target, "yum", "install", "-y", "drbd-utils");
      node(target)
          .writeFile("/etc/drbd.d/vg1.res", res84().getBytes(StandardCharsets.UTF_8), "0644");
      ok(target, "modprobe", "-a", "drbd");
    }
    return this;
  }

  /** prepared(), then create-md and up on both: Connected Secondary/Secondary Inconsistent. */
  DrbdFixture upOnBoth() {
    prepared();
    for (String target : SimulatedFleet.TARGETS) {
      ok(target, "drbdadm", "create-md", "vg1");
      ok(target, "drbdadm", "up", "vg1");
    }
    return this;
  }

  /** upOnBoth(), centos01 forced Primary, the resync read through to the end. */
  DrbdFixture synced() {
    upOnBoth();
    ok("centos01", "drbdadm", "primary", "--force", "vg1");
    for (int i = 0; i <= fleet.replication().readsToSync(); i++) {
      procDrbd("centos01");
    }
    return this;
  }

  /**
   * Both targets in one running Pacemaker cluster (the lab's corosync.conf with our node names),
   * then synced(), then the operator's vg1 clone created in the CIB: what crm-fence-peer.sh needs.
   */
  DrbdFixture clustered() {
    String conf = read(CAPTURED.resolve("lab-corosync.conf")).replace("t1", "centos01");
    byte[] authkey = new byte[128];
    for (String target : SimulatedFleet.TARGETS) {
      ok(target, "yum", "install", "-y", "corosync", "pacemaker");
      node(target)
          .writeFile(
              "/etc/corosync/corosync.conf",
              conf.replace("t2", "centos02").getBytes(StandardCharsets.UTF_8),
              "0644");
      node(target).writeFile("/etc/corosync/authkey", authkey, "0400");
      ok(target, "systemctl", "enable", "--now", "corosync.service", "pacemaker.service");
    }
    synced();
    okWithStdin(
        "centos01",
        read(GOLDEN.resolve("drbd-pacemaker/" + CLONE + ".xml")),
        "cibadmin",
        "--create",
        "--scope",
        "resources",
        "--xml-pipe");
    return this;
  }

  ExecOutcome run(String node, String... argv) {
    return runWithStdin(node, "", argv);
  }

  /** Like {@link #run}, feeding {@code stdin} (as the operator does "yes\n" to drbdadm). */
  ExecOutcome runWithStdin(String node, String stdin, String... argv) {
    List<String> line = new ArrayList<>(List.of("sudo", "-n", "--"));
    line.addAll(List.of(argv));
    return fleet
        .server(node)
        .shell()
        .execute(ShellQuoting.join(line), Stdin.of(stdin.getBytes(StandardCharsets.UTF_8)));
  }

  ExecOutcome ok(String node, String... argv) {
    ExecOutcome outcome = run(node, argv);
    assertThat(outcome.exitCode()).as(String.join(" ", argv) + ": " + outcome).isZero();
    return outcome;
  }

  ExecOutcome okWithStdin(String node, String stdin, String... argv) {
    ExecOutcome outcome = runWithStdin(node, stdin, argv);
    assertThat(outcome.exitCode()).as(String.join(" ", argv) + ": " + outcome).isZero();
    return outcome;
  }

  /** /proc/drbd read with cat on the node, parsed by the operator's parser: minor 0. */
  DrbdDeviceState procDrbd(String node) {
    String text = ok(node, "cat", "/proc/drbd").stdoutText();
    return ProcDrbdParser.parse(text).devices().get(0);
  }

  DiskSignatures signatures(String node, String device) {
    ExecOutcome blkid = run(node, "blkid", "-p", "-o", "export", "--", device);
    ExecOutcome wipefs = run(node, "wipefs", "--no-act", "--parsable", "--", device);
    assertThat(DiskSignatures.probeAnswered(blkid.exitCode(), wipefs.exitCode()))
        .as(blkid + " / " + wipefs)
        .isTrue();
    return DiskSignatures.parse(device, blkid.stdoutText(), wipefs.stdoutText());
  }

  @Override
  public void close() {
    fleet.close();
  }
}
