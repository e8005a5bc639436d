package io.hastorage.e2e.sim.initiator;

import static org.assertj.core.api.Assertions.assertThat;

import io.hastorage.e2e.sim.ExecOutcome;
import io.hastorage.e2e.sim.SimulatedFleet;
import io.hastorage.e2e.sim.SimulatedNode;
import io.hastorage.e2e.sim.SshKeys;
import io.hastorage.e2e.sim.Stdin;
import io.hastorage.e2e.sim.cluster.SimulatedCluster;
import io.hastorage.operator.node.Command;
import io.hastorage.operator.node.FileCommands;
import io.hastorage.operator.node.FileWrite;
import io.hastorage.operator.node.SensitiveBytes;
import io.hastorage.operator.node.ShellQuoting;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The seed fleet driven the way the operator drives it (argv behind {@code sudo -n --}, files
 * through the atomic-write script): the targets' cluster formed, DRBD vg1 synced with centos01
 * Primary, and the operator's golden CIB elements loaded, so the scst-ocf target group (VIPs
 * 192.168.0.180 and 10.20.1.180, LUN 0 = VDISK-LUN01 on vdisk_fileio) runs on centos01.
 */
final class SanFixture implements AutoCloseable {

  static final String IQN = "iqn.2016-02.local.virtual:virtual.vg1";
  static final String PUBLIC_VIP = "192.168.0.180";
  static final String STORAGE_VIP = "10.20.1.180";
  static final String WWID = SimulatedSan.wwid(IQN, 0);
  static final String MAP = "/dev/disk/by-id/dm-uuid-mpath-" + WWID;

  private static final Path ROOT = Path.of(System.getProperty("hastorage.repoRoot", ".."));
  private static final Path GOLDEN = ROOT.resolve("operator/src/test/resources/golden");
  private static final Path CAPTURED =
      ROOT.resolve("operator/src/test/resources/captured/lab-pacemaker-2.1.5");

  final SimulatedFleet fleet = new SimulatedFleet(List.of(SshKeys.generate().getPublic()));

  SimulatedSan san() {
    return fleet.san();
  }

  SimulatedNode node(String name) {
    return fleet.node(name);
  }

  /** Targets serving the LUN, initiators with their packages (multipathd runs after install). */
  SanFixture serving() {
    targetsServing();
    for (String initiator : SimulatedFleet.INITIATORS) {
      ok(
          initiator,
          "env",
          "DEBIAN_FRONTEND=noninteractive",
          "apt-get",
          "install",
          "-y",
          "-q",
          "open-iscsi",
          "multipath-tools",
          "ocfs2-tools");
    }
    return this;
  }

  /** serving(), then discovery on the storage VIP and login to both portals on {@code node}. */
  SanFixture loggedIn(String node) {
    ok(
        node,
        "iscsiadm",
        "-m",
        "discovery",
        "-t",
        "sendtargets",
        "-p",
        STORAGE_VIP + ":3260",
        "-o",
        "new");
    ok(node, "iscsiadm", "-m", "node", "-T", IQN, "-p", STORAGE_VIP + ":3260", "--login");
    ok(node, "iscsiadm", "-m", "node", "-T", IQN, "-p", PUBLIC_VIP + ":3260", "--login");
    return this;
  }

  void targetsServing() {
    for (String target : SimulatedFleet.TARGETS) {
      ok(target, "yum", "install", "-y", "corosync", "pacemaker", "drbd-utils");
      node(target).writeFile(SimulatedCluster.COROSYNC_CONF, bytes(labConf()), "0644");
      node(target).writeFile(SimulatedCluster.AUTHKEY, authkey(), "0400");
      ok(target, "systemctl", "enable", "--now", "corosync.service", "pacemaker.service");
      node(target).writeFile("/etc/drbd.d/vg1.res", bytes(golden("drbd/vg1-84.res")), "0644");
      ok(target, "modprobe", "-a", "drbd");
      ok(target, "drbdadm", "create-md", "vg1");
      ok(target, "drbdadm", "up", "vg1");
    }
    ok("centos01", "drbdadm", "primary", "--force", "vg1");
    for (int i = 0; i <= fleet.replication().readsToSync(); i++) {
      ok("centos01", "cat", "/proc/drbd");
    }
    for (String file :
        List.of(
            "pacemaker/hastorage-stonith-ipmi-centos01.xml",
            "pacemaker/hastorage-stonith-ipmi-centos02.xml",
            "drbd-pacemaker/hastorage-drbd-vg1-clone.xml",
            "drbd-pacemaker/hastorage-lvm-vg1.xml",
            "scst-pacemaker/hastorage-target-vg1-target.scst-ocf.xml")) {
      cibCreate("resources", golden(file));
    }
    for (String file :
        List.of(
            "pacemaker/hastorage-location-ipmi-centos01-avoid-self.xml",
            "pacemaker/hastorage-location-ipmi-centos02-avoid-self.xml",
            "drbd-pacemaker/hastorage-colocation-lvm-vg1-with-drbd-vg1.xml",
            "drbd-pacemaker/hastorage-order-drbd-vg1-before-lvm-vg1.xml",
            "scst-pacemaker/hastorage-colocation-target-vg1-target-with-drbd-vg1.xml",
            "scst-pacemaker/hastorage-colocation-target-vg1-target-with-lvm-vg1.xml",
            "scst-pacemaker/hastorage-order-drbd-vg1-before-target-vg1-target.xml",
            "scst-pacemaker/hastorage-order-lvm-vg1-before-target-vg1-target.xml")) {
      cibCreate("constraints", golden(file));
    }
  }

  /** Writes a file the way the operator does (sudo -n -- sh -c ATOMIC_WRITE_SCRIPT). */
  void write(String node, String path, String content) {
    byte[] bytes = bytes(content);
    Command write =
        FileCommands.atomicWrite(new FileWrite(path, SensitiveBytes.secret(bytes), "0644"));
    ExecOutcome outcome = exec(node, bytes, write.argv());
    assertThat(outcome.exitCode()).as(outcome.toString()).isZero();
  }

  ExecOutcome run(String node, String... argv) {
    return exec(node, new byte[0], List.of(argv));
  }

  ExecOutcome ok(String node, String... argv) {
    ExecOutcome outcome = run(node, argv);
    assertThat(outcome.exitCode()).as(String.join(" ", argv) + ": " + outcome).isZero();
    return outcome;
  }

  ExecOutcome exec(String node, byte[] stdin, List<String> argv) {
    List<String> line = new ArrayList<>(List.of("sudo", "-n", "--"));
    line.addAll(argv);
    return fleet.server(node).shell().execute(ShellQuoting.join(line), Stdin.of(stdin));
  }

  private void cibCreate(String scope, String xml) {
    ExecOutcome outcome =
        exec(
            "centos01",
            bytes(xml),
            List.of("cibadmin", "--create", "--scope", scope, "--xml-pipe"));
    assertThat(outcome.exitCode()).as(outcome.toString()).isZero();
  }

  private static String labConf() {
    return read(CAPTURED.resolve("lab-corosync.conf"))
        .replace("t1", "centos01")
        .replace("t2", "centos02");
  }

  private static byte[] authkey() {
    byte[] key = new byte[128];
    for (int i = 0; i < key.length; i++) {
      key[i] = (byte) (7 * 31 + i);
    }
    return key;
  }

  static String golden(String file) {
    return read(GOLDEN.resolve(file));
  }

  private static String read(Path path) {
    try {
      return Files.readString(path);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static byte[] bytes(String text) {
    return text.getBytes(StandardCharsets.UTF_8);
  }

  @Override
  public void close() {
    fleet.close();
  }
}
