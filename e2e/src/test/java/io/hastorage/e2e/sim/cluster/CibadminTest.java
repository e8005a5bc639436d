package io.hastorage.e2e.sim.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import io.hastorage.e2e.sim.ExecOutcome;
import org.junit.jupiter.api.Test;

/** cibadmin and crm_attribute against the shared CIB, in the operator's argv forms. */
class CibadminTest {

  private static final String VIP =
      "<primitive id=\"vip\" class=\"ocf\" provider=\"heartbeat\" type=\"IPaddr2\">"
          + "<instance_attributes id=\"vip-params\">"
          + "<nvpair id=\"vip-ip\" name=\"ip\" value=\"10.99.0.100\"/>"
          + "</instance_attributes></primitive>";

  private final ClusterFixture fx = new ClusterFixture().formed();

  @Test
  void createReplaceAndDeleteRoundTripWhileAHandMadeElementSurvives() {
    int epoch = fx.cluster.cibEpoch();
    create("resources", VIP);
    create(
        "resources",
        "<primitive id=\"manual\" class=\"ocf\" provider=\"heartbeat\" type=\"Dummy\"/>");
    create(
        "constraints",
        "<rsc_location id=\"vip-prefers-01\" rsc=\"vip\" node=\"centos01\" score=\"50\"/>");
    assertThat(fx.cluster.cibEpoch()).isEqualTo(epoch + 3);
    assertThat(query("centos02"))
        .contains(
            "    <resources>\n"
                + "      <primitive id=\"vip\" class=\"ocf\" provider=\"heartbeat\" type=\"IPaddr2\">\n"
                + "        <instance_attributes id=\"vip-params\">\n"
                + "          <nvpair id=\"vip-ip\" name=\"ip\" value=\"10.99.0.100\"/>\n"
                + "        </instance_attributes>\n"
                + "      </primitive>\n"
                + "      <primitive id=\"manual\" class=\"ocf\" provider=\"heartbeat\" type=\"Dummy\"/>\n"
                + "    </resources>\n")
        .contains(
            "<rsc_location id=\"vip-prefers-01\" node=\"centos01\" rsc=\"vip\" score=\"50\"/>");

    ExecOutcome replaced =
        fx.pipe(
            "centos01",
            VIP.replace("10.99.0.100", "10.99.0.200"),
            "cibadmin",
            "--replace",
            "--xpath",
            "//primitive[@id='vip']",
            "--xml-pipe");
    assertThat(replaced.exitCode()).as(replaced.toString()).isZero();
    assertThat(query("centos01"))
        .contains("value=\"10.99.0.200\"")
        .doesNotContain("10.99.0.100")
        .as("replace appends the new element at the end of its parent")
        .containsSubsequence("id=\"manual\"", "id=\"vip\"");

    ExecOutcome deleted =
        fx.pipe(
            "centos02",
            "<rsc_location id=\"vip-prefers-01\"/>",
            "cibadmin",
            "--delete",
            "--xml-pipe");
    assertThat(deleted.exitCode()).isZero();
    assertThat(query("centos01")).doesNotContain("vip-prefers-01").contains("id=\"manual\"");
  }

  @Test
  void createOfAnExistingIdFailsWithTheFailedUpdate() {
    create("resources", VIP);
    int epoch = fx.cluster.cibEpoch();

    ExecOutcome again =
        fx.pipe("centos02", VIP, "cibadmin", "--create", "--scope", "resources", "--xml-pipe");

    assertThat(again.exitCode()).isEqualTo(108);
    assertThat(again.stderrText()).isEqualTo("Call cib_create failed: File exists\n");
    assertThat(again.stdoutText())
        .startsWith(
            "<failed>\n"
                + "  <failed_update id=\"vip\" object_type=\"primitive\" operation=\"cib_create\""
                + " reason=\"File exists\">\n"
                + "    <primitive id=\"vip\"");
    assertThat(fx.cluster.cibEpoch()).isEqualTo(epoch);
  }

  @Test
  void invalidInputIsRefusedWithoutChangingTheCib() {
    int epoch = fx.cluster.cibEpoch();

    ExecOutcome garbage =
        fx.pipe(
            "centos01", "<primitive", "cibadmin", "--create", "--scope", "resources", "--xml-pipe");
    assertThat(garbage.exitCode()).isEqualTo(78);
    assertThat(garbage.stderrText()).isEqualTo("cibadmin: Couldn't parse input from STDIN.\n");

    ExecOutcome noType =
        fx.pipe(
            "centos01",
            "<primitive id=\"p\" class=\"ocf\"/>",
            "cibadmin",
            "--create",
            "--scope",
            "resources",
            "--xml-pipe");
    assertThat(noType.exitCode()).isEqualTo(78);
    assertThat(noType.stderrText())
        .startsWith("Call cib_create failed: Update does not conform to the configured schema\n");

    ExecOutcome wrongSection =
        fx.pipe("centos01", VIP, "cibadmin", "--create", "--scope", "constraints", "--xml-pipe");
    assertThat(wrongSection.exitCode()).isEqualTo(78);

    ExecOutcome noMatch =
        fx.pipe(
            "centos01",
            VIP,
            "cibadmin",
            "--replace",
            "--xpath",
            "//primitive[@id='nope']",
            "--xml-pipe");
    assertThat(noMatch.exitCode()).isEqualTo(105);
    assertThat(noMatch.stderrText())
        .isEqualTo("Call cib_replace failed: No such device or address\n");

    assertThat(
            fx.pipe("centos01", "<primitive id=\"nope\"/>", "cibadmin", "--delete", "--xml-pipe")
                .exitCode())
        .as("deleting what is not there succeeds")
        .isZero();
    assertThat(fx.cluster.cibEpoch()).isEqualTo(epoch);
  }

  @Test
  void unknownFormsAreUnsupportedNotPretendedSuccessful() {
    ExecOutcome modify = fx.pipe("centos01", VIP, "cibadmin", "--modify", "--xml-pipe");
    assertThat(modify.exitCode()).isEqualTo(127);
    assertThat(modify.stderrText())
        .startsWith("simulated shell: unsupported: cibadmin form 'modify --xml'");
    assertThat(fx.run("centos01", "cibadmin", "--query", "--local").exitCode()).isEqualTo(127);
    assertThat(
            fx.run(
                    "centos01",
                    "crm_attribute",
                    "--node",
                    "centos01",
                    "--name",
                    "standby",
                    "--update",
                    "on")
                .exitCode())
        .isEqualTo(127);
    assertThat(fx.centos01.execLog().unsupported()).hasSize(3);
  }

  @Test
  void crmAttributeSetsAClusterOptionSeenByCibadminAndCrmMon() {
    fx.ok(
        "centos01",
        "crm_attribute",
        "--type",
        "crm_config",
        "--name",
        "no-quorum-policy",
        "--update",
        "ignore");

    assertThat(
            fx.ok(
                    "centos02",
                    "crm_attribute",
                    "--type",
                    "crm_config",
                    "--name",
                    "no-quorum-policy",
                    "--query")
                .stdoutText())
        .isEqualTo("scope=\"crm_config\" name=\"no-quorum-policy\" value=\"ignore\"\n");
    assertThat(query("centos02"))
        .contains(
            "<nvpair id=\"cib-bootstrap-options-no-quorum-policy\" name=\"no-quorum-policy\" value=\"ignore\"/>");
    assertThat(fx.crmMon("centos02")).contains("no-quorum-policy=\"ignore\"");
    assertThat(fx.cluster.property("no-quorum-policy")).hasValue("ignore");

    int epoch = fx.cluster.cibEpoch();
    fx.ok(
        "centos01",
        "crm_attribute",
        "--type",
        "crm_config",
        "--name",
        "no-quorum-policy",
        "--update",
        "ignore");
    assertThat(fx.cluster.cibEpoch()).as("same value, no change").isEqualTo(epoch);

    ExecOutcome missing =
        fx.run("centos01", "crm_attribute", "--type", "crm_config", "--name", "nope", "--query");
    assertThat(missing.exitCode()).isEqualTo(105);
  }

  @Test
  void theDcWritesTheBootstrapOptionsAndNodesOnElection() {
    assertThat(fx.cluster.property("dc-version")).hasValue("2.1.5-a3f44794f94");
    assertThat(fx.cluster.property("cluster-name")).hasValue("e2e");
    assertThat(fx.cluster.cibXml())
        .contains("<node id=\"1\" uname=\"centos01\"/>")
        .contains("<node id=\"2\" uname=\"centos02\"/>");
  }

  private void create(String scope, String xml) {
    ExecOutcome outcome =
        fx.pipe("centos01", xml, "cibadmin", "--create", "--scope", scope, "--xml-pipe");
    assertThat(outcome.exitCode()).as(outcome.toString()).isZero();
  }

  private String query(String node) {
    return fx.ok(node, "cibadmin", "--query").stdoutText();
  }
}
