package io.hastorage.operator.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.hastorage.operator.observe.NodeProbe;
import io.hastorage.operator.observe.ProbeScript;
import io.hastorage.operator.testing.Captured;
import io.hastorage.operator.testing.Examples;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PlanCommandTest {

  private static final String EXAMPLE =
      Examples.repoRoot().resolve("deploy/examples/storagecluster.yaml").toString();

  @TempDir Path dir;

  private final ByteArrayOutputStream buffer = new ByteArrayOutputStream();
  private final PlanCommand command =
      new PlanCommand(new PrintStream(buffer, true, StandardCharsets.UTF_8));

  private String output() {
    return buffer.toString(StandardCharsets.UTF_8);
  }

  @Test
  void theExamplePlanMatchesTheGoldenFile() throws Exception {
    int code = command.plan(List.of(EXAMPLE, "--assume-os", "target=centos7,initiator=ubuntu"));

    assertThat(code).isZero();
    assertThat(output()).isEqualTo(Captured.read("../golden/plan-seed.txt"));
  }

  @Test
  void withPrerequisitesInstalledThePlanShowsTheClusterLayer() throws Exception {
    int code =
        command.plan(
            List.of(
                EXAMPLE, "--assume-os", "target=centos7,initiator=ubuntu", "--assume-installed"));

    assertThat(code).isZero();
    assertThat(output()).isEqualTo(Captured.read("../golden/plan-seed-installed.txt"));
    assertThat(output())
        .contains("write: /etc/corosync/authkey (0400, redacted)", "(secret content not shown)")
        .contains("run: systemctl enable --now corosync.service pacemaker.service");
  }

  @Test
  void capturedFactsReplaceTheAssumption() throws Exception {
    String probe =
        new io.hastorage.operator.testing.ProbeTranscript(AssumedFacts.CAPTURE_NONCE)
            .section("os", 0, Captured.read("debian12/os-release.txt"))
            .section(
                "dpkg",
                0,
                "drbd-utils\t9.22.0-1\tii \ncorosync\t3.1.7\tii \npacemaker\t2.1.5\tii \n"
                    + "pacemaker-cli-utils\t2.1.5\tii \ncrmsh\t4.4.1\tii \nresource-agents\t4.12.0\tii \nlvm2\t2.03\tii \n")
            .section(
                "modules", 0, Captured.read("kernel-lab/drbd-lab/tb-proc-modules-dm-multipath.txt"))
            .stdout();
    Files.writeString(dir.resolve("centos01.probe"), probe);

    command.plan(List.of(EXAMPLE, "--facts", dir.toString()));

    String centos01 =
        output().substring(output().indexOf("== centos01"), output().indexOf("== centos02"));
    assertThat(centos01)
        .contains("facts from")
        .doesNotContain("install packages")
        .contains("load kernel modules at boot: drbd");
    assertThat(centos01).doesNotContain("modprobe");
  }

  @Test
  void anInvalidFileIsReportedAndExitsNonZero() throws Exception {
    Path bad = dir.resolve("bad.yaml");
    Files.writeString(
        bad,
        Files.readString(Path.of(EXAMPLE))
            .replace("disk: /dev/sdb}", "disk: '/dev/sdb; touch /tmp/pwned'}"));

    int code = command.plan(List.of(bad.toString()));

    assertThat(code).isEqualTo(2);
    assertThat(output())
        .contains("DrbdVolume vg1: INVALID")
        .contains("spec.volumes[0].backingDisks[0].disk");
  }

  @Test
  void probeScriptPrintsTheReadOnlyProbeForANode() throws Exception {
    int code = command.probeScript(List.of(EXAMPLE, "drbd01"));

    assertThat(code).isZero();
    assertThat(output())
        .startsWith("exec 2>/dev/null\n")
        .contains("@@captured begin %s")
        .contains("open-iscsi");
    assertThat(output().lines().count())
        .isEqualTo(
            1
                + NodeProbe.items(
                        io.hastorage.operator.plan.cluster.StorageClusterPlanner.probeRequest(
                            Examples.seedCluster().getSpec(),
                            Examples.seedCluster().getSpec().nodes.get(2)))
                    .size());
    assertThat(ProbeScript.class).isNotNull();
  }
}
