package io.hastorage.e2e.sim;

import static org.assertj.core.api.Assertions.assertThat;

import io.hastorage.operator.node.Command;
import io.hastorage.operator.node.FileCommands;
import io.hastorage.operator.node.FileWrite;
import io.hastorage.operator.node.SensitiveBytes;
import io.hastorage.operator.node.ShellQuoting;
import io.hastorage.operator.observe.FactsParser;
import io.hastorage.operator.observe.NodeFacts;
import io.hastorage.operator.observe.NodeProbe;
import io.hastorage.operator.observe.OsInfo;
import io.hastorage.operator.observe.ProbeItem;
import io.hastorage.operator.observe.ProbeOutput;
import io.hastorage.operator.observe.ProbeRequest;
import io.hastorage.operator.observe.ProbeScript;
import io.hastorage.operator.observe.Tool;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The operator's real probe, rendered by the operator, run by the simulation, parsed back. */
class ProbeRoundTripTest {

  private static final String NONCE = "abc123";

  private final SimulatedTools tools = SimulatedTools.standard();

  @Test
  void freshCentosTargetReportsBaseSystemOnly() {
    SimulatedNode node = SeedNodes.centosTarget("centos01");

    NodeFacts facts = probe(node, Set.of("drbd-utils", "corosync", "lvm2"), Set.of("corosync"));

    assertThat(facts.hostname()).isEqualTo("centos01");
    assertThat(facts.kernel()).isEqualTo("3.10.0-1160.119.1.el7.x86_64");
    assertThat(facts.os().family()).isEqualTo(OsInfo.Family.RHEL);
    assertThat(facts.os().majorVersion()).isEqualTo(7);
    assertThat(facts.installedPackages()).containsOnlyKeys("lvm2");
    assertThat(facts.installedPackages().get("lvm2")).isEqualTo("2.03.16-1.el7");
    assertThat(facts.versions()).isEmpty();
    assertThat(facts.loadedModules()).containsExactly("dm_mod");
    assertThat(facts.service("corosync"))
        .hasValueSatisfying(s -> assertThat(s.activeState()).isEqualTo("inactive"));
    assertThat(facts.raw().section("drbdadm"))
        .hasValueSatisfying(s -> assertThat(s.commandMissing()).isTrue());
    assertThat(facts.raw().section("dpkg"))
        .hasValueSatisfying(s -> assertThat(s.commandMissing()).isTrue());
    assertThat(facts.raw().section("rpm"))
        .hasValueSatisfying(s -> assertThat(s.exitCode()).isEqualTo(2));
    assertThat(node.mutatingCommandCount()).isZero();
  }

  @Test
  void convergedTargetReportsVersionsModulesServicesAndFileHashes() {
    SimulatedNode node = SeedNodes.centosTarget("centos01");
    SimulatedShell shell = new SimulatedShell(node, tools);
    assertThat(shell.execute("yum install -y drbd-utils corosync pacemaker").ok()).isTrue();
    assertThat(shell.execute("modprobe -a drbd scst").ok()).isTrue();
    byte[] content = "resource r0 {}\n".getBytes(StandardCharsets.UTF_8);
    Command write =
        FileCommands.atomicWrite(
            new FileWrite("/etc/x", SensitiveBytes.plain("resource r0 {}\n"), "0600"));
    assertThat(shell.execute(ShellQuoting.join(write.argv()), Stdin.of(content)).ok()).isTrue();

    NodeFacts facts = probe(node, Set.of("drbd-utils", "corosync"), Set.of("corosync", "nosuch"));

    assertThat(facts.installedPackages())
        .containsEntry("drbd-utils", "9.22.0-1.el7")
        .containsEntry("corosync", "3.1.7-1.el7")
        .hasSize(2);
    assertThat(facts.version(Tool.DRBD_UTILS)).hasValue("9.22.0");
    assertThat(facts.version(Tool.DRBD_KERNEL)).hasValue("8.4.11");
    assertThat(facts.version(Tool.COROSYNC)).hasValue("3.1.7");
    assertThat(facts.version(Tool.PACEMAKER)).hasValue("2.1.5");
    assertThat(facts.version(Tool.SCST)).hasValue("3.5.0");
    assertThat(facts.version(Tool.OPEN_ISCSI)).isEmpty();
    assertThat(facts.moduleLoaded("drbd")).isTrue();
    assertThat(facts.moduleLoaded("lru_cache")).isTrue();
    assertThat(facts.fileHash("/etc/x")).hasValue(sha256(content));
    assertThat(facts.service("corosync.service"))
        .hasValueSatisfying(s -> assertThat(s.unitFileState()).isEqualTo("disabled"));
    assertThat(facts.service("nosuch"))
        .hasValueSatisfying(
            s -> {
              assertThat(s.activeState()).isEqualTo("inactive");
              assertThat(s.unitFileState()).isEmpty();
            });
  }

  @Test
  void ubuntuInitiatorReportsDebianFacts() {
    SimulatedNode node = SeedNodes.ubuntuInitiator("drbd02");
    new SimulatedShell(node, tools)
        .execute(
            "env DEBIAN_FRONTEND=noninteractive apt-get install -y -q --no-install-recommends open-iscsi");

    NodeFacts facts = probe(node, Set.of("open-iscsi", "multipath-tools"), Set.of("multipathd"));

    assertThat(facts.os().family()).isEqualTo(OsInfo.Family.DEBIAN);
    assertThat(facts.os().versionId()).isEqualTo("22.04");
    assertThat(facts.installedPackages()).containsOnlyKeys("open-iscsi");
    assertThat(facts.version(Tool.OPEN_ISCSI)).hasValue("2.1.8");
    assertThat(facts.raw().section("rpm"))
        .hasValueSatisfying(s -> assertThat(s.commandMissing()).isTrue());
    assertThat(facts.raw().section("dpkg"))
        .hasValueSatisfying(s -> assertThat(s.exitCode()).isEqualTo(1));
    assertThat(facts.service("multipathd"))
        .hasValueSatisfying(s -> assertThat(s.unitFileState()).isEmpty());
    assertThat(facts.fileHash("/etc/x")).isEmpty();
  }

  @Test
  void probeIsOneReadOnlyExec() {
    SimulatedNode node = SeedNodes.centosTarget("centos02");

    probe(node, Set.of("corosync"), Set.of("corosync"));

    assertThat(node.execCount()).isEqualTo(1);
    assertThat(node.mutatingCommandCount()).isZero();
    assertThat(node.execLog().unsupported()).isEmpty();
  }

  private NodeFacts probe(SimulatedNode node, Set<String> packages, Set<String> services) {
    List<ProbeItem> items = NodeProbe.items(new ProbeRequest(packages, services, Set.of("/etc/x")));
    String script = ProbeScript.render(items, NONCE);
    ExecOutcome outcome =
        new SimulatedShell(node, tools).execute(ShellQuoting.join(List.of("sh", "-c", script)));
    assertThat(outcome.stderrText()).isEmpty();
    return FactsParser.parse(node.name(), ProbeOutput.parse(outcome.stdoutText(), NONCE));
  }

  private static String sha256(byte[] content) {
    try {
      return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(content));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
