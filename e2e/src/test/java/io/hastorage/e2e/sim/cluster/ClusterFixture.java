package io.hastorage.e2e.sim.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import io.hastorage.e2e.sim.ExecOutcome;
import io.hastorage.e2e.sim.SeedNodes;
import io.hastorage.e2e.sim.SimulatedNode;
import io.hastorage.e2e.sim.SimulatedShell;
import io.hastorage.e2e.sim.SimulatedTools;
import io.hastorage.e2e.sim.Stdin;
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
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Two CentOS targets in one simulated cluster, driven the way the operator drives them: argv quoted
 * by {@link ShellQuoting} behind {@code sudo -n --}, files through the atomic-write script.
 */
final class ClusterFixture {

  static final Path CAPTURED =
      Path.of(
          System.getProperty("hastorage.repoRoot", ".."),
          "operator/src/test/resources/captured/lab-pacemaker-2.1.5");

  /** The lab's authkey stand-in: 128 bytes, like corosync-keygen writes. */
  static final byte[] AUTHKEY = key((byte) 7);

  final TestClock clock = new TestClock(Instant.parse("2026-11-25T02:02:59Z"));
  final SimulatedNode centos01 = SeedNodes.centosTarget("centos01");
  final SimulatedNode centos02 = SeedNodes.centosTarget("centos02");
  final SimulatedCluster cluster = new SimulatedCluster(List.of(centos01, centos02), clock);
  final SimulatedTools tools = ClusterTools.standardWith(cluster);
  private final Map<String, SimulatedShell> shells =
      Map.of(
          "centos01", new SimulatedShell(centos01, tools),
          "centos02", new SimulatedShell(centos02, tools));

  /** The lab's corosync.conf with the lab's node names t1/t2 replaced by ours. */
  static String labConf() {
    return captured("lab-corosync.conf").replace("t1", "centos01").replace("t2", "centos02");
  }

  static String captured(String file) {
    try {
      return Files.readString(CAPTURED.resolve(file));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  static byte[] key(byte seed) {
    byte[] key = new byte[128];
    for (int i = 0; i < key.length; i++) {
      key[i] = (byte) (seed * 31 + i);
    }
    return key;
  }

  /** Packages installed, conf and authkey written, both units enabled and started on both. */
  ClusterFixture formed() {
    for (String node : List.of("centos01", "centos02")) {
      installed(node);
      writeClusterFiles(node, labConf(), AUTHKEY);
      ok(node, "systemctl", "enable", "--now", "corosync.service", "pacemaker.service");
    }
    return this;
  }

  ClusterFixture installed(String node) {
    ok(node, "yum", "install", "-y", "corosync", "pacemaker");
    return this;
  }

  void writeClusterFiles(String node, String conf, byte[] authkey) {
    write(node, SimulatedCluster.COROSYNC_CONF, conf.getBytes(StandardCharsets.UTF_8), "0644");
    write(node, SimulatedCluster.AUTHKEY, authkey, "0400");
  }

  void write(String node, String path, byte[] content, String mode) {
    Command write =
        FileCommands.atomicWrite(new FileWrite(path, SensitiveBytes.secret(content), mode));
    ExecOutcome outcome = exec(node, write.argv(), content);
    assertThat(outcome.exitCode()).as(outcome.toString()).isZero();
  }

  /** Runs argv as the operator would (sudo -n -- ...), with empty stdin. */
  ExecOutcome run(String node, String... argv) {
    return exec(node, List.of(argv), new byte[0]);
  }

  ExecOutcome ok(String node, String... argv) {
    ExecOutcome outcome = run(node, argv);
    assertThat(outcome.exitCode()).as(String.join(" ", argv) + ": " + outcome).isZero();
    return outcome;
  }

  ExecOutcome exec(String node, List<String> argv, byte[] stdin) {
    List<String> line = new ArrayList<>(List.of("sudo", "-n", "--"));
    line.addAll(argv);
    return shell(node).execute(ShellQuoting.join(line), Stdin.of(stdin));
  }

  ExecOutcome pipe(String node, String xml, String... argv) {
    return exec(node, List.of(argv), xml.getBytes(StandardCharsets.UTF_8));
  }

  SimulatedShell shell(String node) {
    return shells.get(node);
  }

  String crmMon(String node) {
    return ok(node, "crm_mon", "--one-shot", "--output-as=xml").stdoutText();
  }

  /** A clock the test moves by hand. */
  static final class TestClock extends Clock {
    private volatile Instant now;

    TestClock(Instant now) {
      this.now = now;
    }

    void set(Instant instant) {
      now = instant;
    }

    @Override
    public Instant instant() {
      return now;
    }

    @Override
    public ZoneId getZone() {
      return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(ZoneId zone) {
      return this;
    }
  }
}
