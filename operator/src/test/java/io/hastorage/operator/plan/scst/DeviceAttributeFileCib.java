package io.hastorage.operator.plan.scst;

import static org.assertj.core.api.Assertions.assertThat;

import io.hastorage.operator.node.Command;
import io.hastorage.operator.node.SensitiveBytes;
import io.hastorage.operator.testing.FileCib;
import io.hastorage.operator.testing.RealPrerequisites;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The seed's SCST group (target, LU, VIP) in a two-node file CIB, run by the real Pacemaker 2.1.5
 * scheduler through {@code crm_simulate}. No agent runs: the simulation records every scheduled
 * operation as done, with the digest of the parameters it ran with, as the controller would.
 */
final class DeviceAttributeFileCib {

  static final String GROUP = "hastorage-g-vg1";
  static final String TARGET = "hastorage-target-vg1";
  static final String LU = "hastorage-lu-vg1-lun1";
  static final String IP = "hastorage-ip-vg1";
  static final String SEED_ATTRIBUTES =
      "nv_cache=0;write_through=1;thin_provisioned=0;threads_num=4";

  static final List<String> TOOLS =
      List.of("cibadmin", "crm_attribute", "crm_resource", "crm_simulate", "crm_verify");

  /**
   * What one {@code crm_simulate -S} planned and executed.
   *
   * @param summary the "Transition Summary" lines (Start, Stop, Restart, Move...)
   * @param executed the "Executing Cluster Transition" lines
   */
  record Transition(List<String> summary, List<String> executed) {}

  private final Path dir;

  DeviceAttributeFileCib(Path dir) {
    this.dir = dir;
  }

  /** The Pacemaker tools, through {@link RealPrerequisites}: skip, or fail under CI. */
  static void requireTools() {
    RealPrerequisites.requireTools(
        "the SCST group on a file CIB (Pacemaker tools)", TOOLS.toArray(String[]::new));
  }

  /** Two nodes, no fencing, the group defined, everything started on centos01. */
  Path runningGroup() throws IOException {
    Path cib = dir.resolve("cib.xml");
    Files.writeString(cib, ok(run(Command.of("cibadmin", "--empty"), null)).stdout());
    for (String node :
        List.of("<node id=\"1\" uname=\"centos01\"/>", "<node id=\"2\" uname=\"centos02\"/>")) {
      ok(
          run(
              stdin(Command.of("cibadmin", "--create", "--scope", "nodes", "--xml-pipe"), node),
              cib));
    }
    ok(
        run(
            Command.of(
                "crm_attribute",
                "--type",
                "crm_config",
                "--name",
                "stonith-enabled",
                "--update",
                "false"),
            cib));
    ok(
        run(
            stdin(
                Command.of("cibadmin", "--create", "--scope", "resources", "--xml-pipe"),
                groupXml()),
            cib));
    ok(run(Command.of("crm_verify", "-V", "-x", cib.toString()), null));
    Path up = dir.resolve("up.xml");
    ok(
        run(
            Command.of(
                "crm_simulate",
                "-x",
                cib.toString(),
                "-u",
                "centos01",
                "-u",
                "centos02",
                "--quorum=1",
                "-O",
                up.toString()),
            null));
    Path running = dir.resolve("running.xml");
    ok(run(Command.of("crm_simulate", "-x", up.toString(), "-S", "-O", running.toString()), null));
    return running;
  }

  /** {@code crm_simulate -x CIB -S [ARGS] -O OUT}: runs one transition, saves the result. */
  Transition simulate(Path cib, Path out, String... args) {
    List<String> argv = new ArrayList<>(List.of("crm_simulate", "-x", cib.toString(), "-S"));
    argv.addAll(List.of(args));
    argv.addAll(List.of("-O", out.toString()));
    return transition(ok(run(Command.of(argv), null)).stdout());
  }

  /** Runs a command with CIB_file pointing at {@code cib}, within 60 s. */
  FileCib.Output run(Command command, Path cib) {
    return FileCib.runTool(
        dir,
        command.withTimeout(Duration.ofSeconds(60)),
        cib == null ? Map.of() : Map.of("CIB_file", cib.toString()));
  }

  static FileCib.Output ok(FileCib.Output result) {
    assertThat(result.exitCode()).as(result.stdout() + result.stderr()).isZero();
    return result;
  }

  static Command stdin(Command command, String text) {
    return command.withStdin(SensitiveBytes.plain(text));
  }

  static Transition transition(String crmSimulateOutput) {
    List<String> summary = new ArrayList<>();
    List<String> executed = new ArrayList<>();
    List<String> current = null;
    for (String line : crmSimulateOutput.lines().toList()) {
      if (line.startsWith("Transition Summary:")) {
        current = summary;
      } else if (line.startsWith("Executing Cluster Transition:")) {
        current = executed;
      } else if (line.startsWith("Revised Cluster Status:")) {
        current = null;
      } else if (current != null && line.strip().startsWith("* ")) {
        current.add(line.strip().substring(2).replaceAll("\\s+", " "));
      }
    }
    return new Transition(summary, executed);
  }

  private static String groupXml() {
    return ("<group id=\"%s\">"
            + primitive(
                TARGET,
                "scst",
                "SCSTTarget",
                Map.of("iqn", "iqn.2016-02.local.virtual:virtual.vg1"))
            + primitive(
                LU,
                "scst",
                "SCSTLun",
                Map.of(
                    "device_name", "VDISK-LUN01", DeviceAttributeChange.PARAMETER, SEED_ATTRIBUTES))
            + primitive(IP, "heartbeat", "IPaddr2", Map.of("ip", "10.20.1.180"))
            + "</group>")
        .formatted(GROUP);
  }

  private static String primitive(
      String id, String provider, String type, Map<String, String> params) {
    StringBuilder xml =
        new StringBuilder(
            "<primitive id=\"%s\" class=\"ocf\" provider=\"%s\" type=\"%s\"><instance_attributes id=\"%s-ia\">"
                .formatted(id, provider, type, id));
    params.entrySet().stream()
        .sorted(Map.Entry.comparingByKey())
        .forEach(
            e ->
                xml.append(
                    "<nvpair id=\"%s-ia-%s\" name=\"%s\" value=\"%s\"/>"
                        .formatted(id, e.getKey(), e.getKey(), e.getValue())));
    return xml.append("</instance_attributes><operations>")
        .append(
            "<op id=\"%s-monitor-10s\" name=\"monitor\" interval=\"10s\" timeout=\"120s\"/>"
                .formatted(id))
        .append("</operations></primitive>")
        .toString();
  }
}
