package io.hastorage.e2e.sim.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import io.hastorage.e2e.sim.ExecOutcome;
import io.hastorage.e2e.sim.SimulatedFleet;
import io.hastorage.e2e.sim.SshKeys;
import io.hastorage.e2e.sim.Stdin;
import io.hastorage.operator.node.ShellQuoting;
import io.hastorage.operator.plan.pacemaker.ActiveResources;
import io.hastorage.operator.plan.pacemaker.ClusterState;
import io.hastorage.operator.plan.pacemaker.CrmMonParser;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * crm_mon places the operator's resources as Pacemaker would: the DRBD clone by DRBD's roles, the
 * VG and the target group where DRBD is Primary, the fence devices off the node they fence; a crash
 * fails them over to an UpToDate survivor. The CIB holds the operator's golden elements.
 */
class PacemakerPlacementTest {

  private static final Path GOLDEN =
      Path.of(System.getProperty("hastorage.repoRoot", ".."), "operator/src/test/resources/golden");

  private static final String CLONE = "hastorage-drbd-vg1-clone";
  private static final String DRBD = "hastorage-drbd-vg1";
  private static final String LVM = "hastorage-lvm-vg1";
  private static final String GROUP = "hastorage-target-vg1-target";
  private static final String FENCE_1 = "hastorage-stonith-ipmi-centos01";
  private static final String FENCE_2 = "hastorage-stonith-ipmi-centos02";

  private final SimulatedFleet fleet = new SimulatedFleet(List.of(SshKeys.generate().getPublic()));

  @AfterEach
  void close() {
    fleet.close();
  }

  @Test
  void drbdCloneLvmAndColocatedGroupRunWhereDrbdIsPrimary() throws IOException {
    cluster();
    drbdSynced();
    configureResources();

    String xml = crmMon("centos02");

    assertThat(section(xml))
        .startsWith(
            "  <resources>\n"
                + "    <resource id=\""
                + FENCE_1
                + "\" resource_agent=\"stonith:fence_ipmilan\" role=\"Started\" active=\"true\""
                + " orphaned=\"false\" blocked=\"false\" managed=\"true\" failed=\"false\""
                + " failure_ignored=\"false\" nodes_running_on=\"1\">\n"
                + "      <node name=\"centos02\" id=\"2\" cached=\"true\"/>\n"
                + "    </resource>\n")
        .contains(
            "    <clone id=\""
                + CLONE
                + "\" multi_state=\"true\" unique=\"false\" managed=\"true\" disabled=\"false\""
                + " failed=\"false\" failure_ignored=\"false\">\n"
                + "      <resource id=\""
                + DRBD
                + "\" resource_agent=\"ocf:linbit:drbd\" role=\"Promoted\" active=\"true\""
                + " orphaned=\"false\" blocked=\"false\" managed=\"true\" failed=\"false\""
                + " failure_ignored=\"false\" nodes_running_on=\"1\">\n"
                + "        <node name=\"centos01\" id=\"1\" cached=\"true\"/>\n"
                + "      </resource>\n"
                + "      <resource id=\""
                + DRBD
                + "\" resource_agent=\"ocf:linbit:drbd\" role=\"Unpromoted\" active=\"true\""
                + " orphaned=\"false\" blocked=\"false\" managed=\"true\" failed=\"false\""
                + " failure_ignored=\"false\" nodes_running_on=\"1\">\n"
                + "        <node name=\"centos02\" id=\"2\" cached=\"true\"/>\n"
                + "      </resource>\n"
                + "    </clone>\n"
                + "    <resource id=\""
                + LVM
                + "\" resource_agent=\"ocf:heartbeat:LVM-activate\" role=\"Started\"")
        .contains(
            "    <group id=\""
                + GROUP
                + "\" number_resources=\"9\" managed=\"true\" disabled=\"false\">\n"
                + "      <resource id=\""
                + GROUP
                + "-block-192.168.0.180\" resource_agent=\"ocf:heartbeat:portblock\"")
        .endsWith("    </group>\n  </resources>\n");
    assertThat(xml)
        .contains("</nodes>\n  <resources>\n")
        .contains("</resources>\n  <node_history/>");

    Map<String, List<String>> placement = placement(xml);
    assertThat(placement)
        .containsEntry(FENCE_1, List.of("centos02"))
        .containsEntry(FENCE_2, List.of("centos01"))
        .containsEntry(DRBD + "/Promoted", List.of("centos01"))
        .containsEntry(DRBD + "/Unpromoted", List.of("centos02"))
        .containsEntry(LVM, List.of("centos01"))
        .containsEntry(GROUP + "-target", List.of("centos01"))
        .containsEntry(GROUP + "-lun-0", List.of("centos01"))
        .containsEntry(GROUP + "-mailto", List.of("centos01"));
    assertThat(xml)
        .contains("<node name=\"centos01\" id=\"1\" online=\"true\"")
        .containsPattern("name=\"centos01\"[^>]* resources_running=\"12\" type=\"member\"")
        .containsPattern("name=\"centos02\"[^>]* resources_running=\"2\" type=\"member\"");

    assertThat(ActiveResources.parse(xml))
        .containsExactly(
            FENCE_1,
            FENCE_2,
            DRBD,
            LVM,
            GROUP + "-block-192.168.0.180",
            GROUP + "-block-10.20.1.180",
            GROUP + "-ip-192.168.0.180",
            GROUP + "-ip-10.20.1.180",
            GROUP + "-target",
            GROUP + "-lun-0",
            GROUP + "-unblock-192.168.0.180",
            GROUP + "-unblock-10.20.1.180",
            GROUP + "-mailto");
    ClusterState state = CrmMonParser.parse(xml);
    assertThat(state.resourceCount()).isEqualTo(14);
    assertThat(fleet.replication().role("centos02", "vg1")).contains("Secondary");
  }

  @Test
  void crashFailsTheDrbdCloneAndEverythingColocatedOverToTheSurvivor() throws IOException {
    fleet.start();
    cluster();
    drbdSynced();
    configureResources();
    assertThat(placement(crmMon("centos02"))).containsEntry(LVM, List.of("centos01"));

    fleet.crash("centos01");

    assertThat(fleet.replication().role("centos02", "vg1"))
        .as("the linbit agent's promote on the UpToDate survivor")
        .contains("Primary");
    String xml = crmMon("centos02");
    Map<String, List<String>> placement = placement(xml);
    assertThat(placement)
        .containsEntry(FENCE_1, List.of("centos02"))
        .containsEntry(FENCE_2 + "/Stopped", List.of())
        .containsEntry(DRBD + "/Promoted", List.of("centos02"))
        .containsEntry(DRBD + "/Stopped", List.of())
        .containsEntry(LVM, List.of("centos02"))
        .containsEntry(GROUP + "-target", List.of("centos02"))
        .containsEntry(GROUP + "-mailto", List.of("centos02"))
        .doesNotContainKey(DRBD + "/Unpromoted");
    assertThat(xml)
        .contains(
            "<resource id=\""
                + FENCE_2
                + "\" resource_agent=\"stonith:fence_ipmilan\" role=\"Stopped\" active=\"false\""
                + " orphaned=\"false\" blocked=\"false\" managed=\"true\" failed=\"false\""
                + " failure_ignored=\"false\" nodes_running_on=\"0\"/>")
        .containsPattern("name=\"centos01\" id=\"1\" online=\"false\"[^>]* resources_running=\"0\"")
        .containsPattern("name=\"centos02\"[^>]* resources_running=\"12\" type=\"member\"");
    assertThat(ActiveResources.parse(xml))
        .contains(DRBD, LVM, GROUP + "-lun-0")
        .doesNotContain(FENCE_2);

    fleet.restore("centos01");
    assertThat(placement(crmMon("centos01")))
        .as(
            "Pacemaker starts the clone instance on the booted node (no drbdadm by hand): the"
                + " survivor stays Primary, the returning node rejoins as Unpromoted")
        .containsEntry(DRBD + "/Promoted", List.of("centos02"))
        .containsEntry(DRBD + "/Unpromoted", List.of("centos01"))
        .containsEntry(LVM, List.of("centos02"));
  }

  @Test
  void noFailoverToASurvivorWhoseDiskIsNotUpToDate() throws IOException {
    fleet.start();
    cluster();
    drbdUp();
    ok("centos01", "drbdadm", "primary", "--force", "vg1"); // the resync has not finished
    configureResources();

    fleet.crash("centos01");

    assertThat(fleet.replication().role("centos02", "vg1")).contains("Secondary");
    Map<String, List<String>> placement = placement(crmMon("centos02"));
    assertThat(placement)
        .containsEntry(DRBD + "/Unpromoted", List.of("centos02"))
        .containsEntry(LVM + "/Stopped", List.of())
        .containsEntry(GROUP + "-target/Stopped", List.of());
  }

  @Test
  void withoutResourcesThereIsNoSectionAndNothingRuns() {
    cluster();
    drbdSynced();

    String xml = crmMon("centos01");

    assertThat(xml)
        .doesNotContain("<resources>")
        .contains("</nodes>\n  <node_history/>")
        .containsPattern("name=\"centos01\"[^>]* resources_running=\"0\"");
    assertThat(ActiveResources.parse(xml)).isEmpty();
  }

  @Test
  void stoppedResourcesAreListedInactiveAsCrmMonListsThem() {
    cluster();
    configureResources(); // DRBD is down on both nodes
    pipe(
        "centos01",
        "<primitive id=\"disabled-dummy\" class=\"ocf\" provider=\"heartbeat\" type=\"Dummy\">"
            + "<meta_attributes id=\"disabled-dummy-meta_attributes\">"
            + "<nvpair id=\"disabled-dummy-meta_attributes-target-role\" name=\"target-role\""
            + " value=\"Stopped\"/></meta_attributes></primitive>",
        "resources");

    String xml = crmMon("centos01");

    assertThat(xml)
        .contains(
            "    <clone id=\""
                + CLONE
                + "\" multi_state=\"true\" unique=\"false\" managed=\"true\" disabled=\"false\""
                + " failed=\"false\" failure_ignored=\"false\">\n"
                + "      <resource id=\""
                + DRBD
                + "\" resource_agent=\"ocf:linbit:drbd\" role=\"Stopped\" active=\"false\""
                + " orphaned=\"false\" blocked=\"false\" managed=\"true\" failed=\"false\""
                + " failure_ignored=\"false\" nodes_running_on=\"0\"/>\n"
                + "      <resource id=\""
                + DRBD
                + "\" resource_agent=\"ocf:linbit:drbd\" role=\"Stopped\" active=\"false\"")
        .contains(
            "<resource id=\"disabled-dummy\" resource_agent=\"ocf:heartbeat:Dummy\""
                + " role=\"Stopped\" target_role=\"Stopped\" active=\"false\"")
        .contains("<resources_configured number=\"15\" disabled=\"1\" blocked=\"0\"/>");
    assertThat(ActiveResources.parse(xml)).containsExactly(FENCE_1, FENCE_2);
  }

  // --- setup, the way the operator drives the targets

  private void cluster() {
    for (String target : SimulatedFleet.TARGETS) {
      ok(target, "yum", "install", "-y", "corosync", "pacemaker", "drbd-utils");
      fleet
          .node(target)
          .writeFile(
              SimulatedCluster.COROSYNC_CONF,
              ClusterFixture.labConf().getBytes(StandardCharsets.UTF_8),
              "0644");
      fleet.node(target).writeFile(SimulatedCluster.AUTHKEY, ClusterFixture.AUTHKEY, "0400");
      ok(target, "systemctl", "enable", "--now", "corosync.service", "pacemaker.service");
    }
  }

  /** create-md and up on both: Connected Secondary/Secondary, Inconsistent. */
  private void drbdUp() {
    for (String target : SimulatedFleet.TARGETS) {
      fleet
          .node(target)
          .writeFile(
              "/etc/drbd.d/vg1.res",
              golden("drbd/vg1-84.res").getBytes(StandardCharsets.UTF_8),
              "0644");
      ok(target, "modprobe", "-a", "drbd");
      ok(target, "drbdadm", "create-md", "vg1");
      ok(target, "drbdadm", "up", "vg1");
    }
  }

  /** centos01 Primary, both UpToDate. */
  private void drbdSynced() {
    drbdUp();
    ok("centos01", "drbdadm", "primary", "--force", "vg1");
    for (int i = 0; i <= fleet.replication().readsToSync(); i++) {
      ok("centos01", "cat", "/proc/drbd");
    }
    assertThat(fleet.replication().diskState("centos02", "vg1")).contains("UpToDate");
  }

  /** The operator's golden elements: fence devices, the DrbdVolume vg1, the ScstTarget group. */
  private void configureResources() {
    for (String file :
        List.of(
            "pacemaker/hastorage-stonith-ipmi-centos01.xml",
            "pacemaker/hastorage-stonith-ipmi-centos02.xml",
            "drbd-pacemaker/hastorage-drbd-vg1-clone.xml",
            "drbd-pacemaker/hastorage-lvm-vg1.xml",
            "scst-pacemaker/hastorage-target-vg1-target.scst-ocf.xml")) {
      pipe("centos01", golden(file), "resources");
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
      pipe("centos01", golden(file), "constraints");
    }
  }

  private void pipe(String node, String xml, String scope) {
    ExecOutcome outcome =
        exec(
            node,
            xml.getBytes(StandardCharsets.UTF_8),
            "cibadmin",
            "--create",
            "--scope",
            scope,
            "--xml-pipe");
    assertThat(outcome.exitCode()).as(outcome.toString()).isZero();
  }

  private String crmMon(String node) {
    return ok(node, "crm_mon", "--one-shot", "--output-as=xml").stdoutText();
  }

  private ExecOutcome ok(String node, String... argv) {
    ExecOutcome outcome = exec(node, new byte[0], argv);
    assertThat(outcome.exitCode()).as(String.join(" ", argv) + ": " + outcome).isZero();
    return outcome;
  }

  private ExecOutcome exec(String node, byte[] stdin, String... argv) {
    List<String> line = new ArrayList<>(List.of("sudo", "-n", "--"));
    line.addAll(List.of(argv));
    return fleet.server(node).shell().execute(ShellQuoting.join(line), Stdin.of(stdin));
  }

  private static String golden(String file) {
    try {
      return Files.readString(GOLDEN.resolve(file));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** crm_mon's resources section alone. */
  private static String section(String xml) {
    int start = xml.indexOf("  <resources>\n");
    int end = xml.indexOf("  </resources>\n");
    assertThat(start).as(xml).isNotNegative();
    return xml.substring(start, end + "  </resources>\n".length());
  }

  private static final Pattern RESOURCE =
      Pattern.compile(
          "<resource id=\"([^\"]+)\" [^>]*role=\"([^\"]+)\"[^>]*?(/?)>((?:\\s*<node name=\"[^\"]+\""
              + " id=\"\\d+\" cached=\"true\"/>)*)");
  private static final Pattern NODE = Pattern.compile("<node name=\"([^\"]+)\"");

  /**
   * "id" (Started), "id/role" (any other role) to the nodes crm_mon shows it on; a stopped
   * instance's key maps to no node.
   */
  private static Map<String, List<String>> placement(String xml) {
    Map<String, List<String>> placement = new LinkedHashMap<>();
    Matcher m = RESOURCE.matcher(section(xml));
    while (m.find()) {
      String key = m.group(2).equals("Started") ? m.group(1) : m.group(1) + "/" + m.group(2);
      List<String> nodes = placement.computeIfAbsent(key, k -> new ArrayList<>());
      Matcher n = NODE.matcher(m.group(4));
      while (n.find()) {
        nodes.add(n.group(1));
      }
    }
    return placement;
  }
}
