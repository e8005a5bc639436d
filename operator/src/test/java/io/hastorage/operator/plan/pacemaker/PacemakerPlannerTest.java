package io.hastorage.operator.plan.pacemaker;

import static io.hastorage.operator.plan.pacemaker.SeedPacemaker.PASSWORD_CENTOS01;
import static io.hastorage.operator.plan.pacemaker.SeedPacemaker.PASSWORD_CENTOS02;
import static org.assertj.core.api.Assertions.assertThat;

import io.hastorage.operator.api.cluster.StorageClusterSpec;
import io.hastorage.operator.node.Command;
import io.hastorage.operator.plan.Action;
import io.hastorage.operator.plan.Step;
import io.hastorage.operator.testing.Captured;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class PacemakerPlannerTest {

  private static final String NODE = "centos01";

  @Test
  void aFreshClusterGetsDevicesThenConstraintsThenProperties() {
    Cib lab = Cib.parse(Captured.read("lab-pacemaker-2.1.5/cibadmin-query.xml"));

    List<Step> steps = plan(SeedPacemaker.spec(), lab);

    assertThat(steps).allMatch(s -> s.node().equals(NODE));
    assertThat(steps)
        .extracting(Step::description)
        .containsExactly(
            "create primitive hastorage-stonith-ipmi-centos01 (resources)",
            "create primitive hastorage-stonith-ipmi-centos02 (resources)",
            "create rsc_location hastorage-location-ipmi-centos01-avoid-self (constraints)",
            "create rsc_location hastorage-location-ipmi-centos02-avoid-self (constraints)",
            "set cluster property stonith-enabled=true (was false)",
            "set cluster property no-quorum-policy=stop (unset)");
    assertThat(steps)
        .extracting(s -> command(s).argv())
        .containsExactly(
            List.of("cibadmin", "--create", "--scope", "resources", "--xml-pipe"),
            List.of("cibadmin", "--create", "--scope", "resources", "--xml-pipe"),
            List.of("cibadmin", "--create", "--scope", "constraints", "--xml-pipe"),
            List.of("cibadmin", "--create", "--scope", "constraints", "--xml-pipe"),
            List.of(
                "crm_attribute",
                "--type",
                "crm_config",
                "--name",
                "stonith-enabled",
                "--update",
                "true"),
            List.of(
                "crm_attribute",
                "--type",
                "crm_config",
                "--name",
                "no-quorum-policy",
                "--update",
                "stop"));
  }

  @Test
  void aConvergedCibYieldsAnEmptyPlan() {
    assertThat(plan(SeedPacemaker.spec(), converged())).isEmpty();
  }

  @Test
  void handMadeElementsAreNeverTouched() {
    Cib withHandMade = Cib.parse(convergedXml(CibTest.MIXED_RESOURCE, CibTest.MIXED_CONSTRAINT));

    assertThat(plan(SeedPacemaker.spec(), withHandMade)).isEmpty();
  }

  @Test
  void anotherComponentsOwnedElementsAreNotDeleted() {
    String drbdClone =
        "<clone id=\"hastorage-drbd-vg1-clone\"><primitive id=\"hastorage-drbd-vg1\" class=\"ocf\""
            + " provider=\"linbit\" type=\"drbd\"/></clone>";
    String drbdOrder =
        "<rsc_order id=\"hastorage-order-drbd-vg1-before-lvm-vg1\" first=\"hastorage-drbd-vg1-clone\""
            + " then=\"hastorage-drbd-vg1-clone\" kind=\"Mandatory\"/>";
    Cib withDrbd = Cib.parse(convergedXml(drbdClone, drbdOrder));

    assertThat(plan(SeedPacemaker.spec(), withDrbd)).isEmpty();
    assertThat(CibDiff.diff(List.of(), withDrbd))
        .as("the unscoped diff would delete them")
        .isNotEmpty();
  }

  @Test
  void secretsNeverReachArgvDescriptionsOrPlanText() {
    Cib lab = Cib.parse(Captured.read("lab-pacemaker-2.1.5/cibadmin-query.xml"));
    List<Step> steps = plan(SeedPacemaker.spec(), lab);
    List<String> secretForms =
        List.of(
            PASSWORD_CENTOS01,
            CanonicalXml.escapeAttribute(PASSWORD_CENTOS01),
            PASSWORD_CENTOS02,
            "Tr0ub4dor");

    for (Step step : steps) {
      Command command = command(step);
      for (String secret : secretForms) {
        assertThat(command.argv()).noneMatch(arg -> arg.contains(secret));
        assertThat(step.toString()).doesNotContain(secret);
        assertThat(step.action().describe()).doesNotContain(secret);
        assertThat(command.toString()).doesNotContain(secret);
      }
    }
    Command stonith = command(steps.get(0));
    assertThat(stonith.stdin().isSecret()).isTrue();
    assertThat(stonith.toString()).endsWith("<stdin:redacted>");
    assertThat(new String(stonith.stdin().bytes(), StandardCharsets.UTF_8))
        .contains(CanonicalXml.escapeAttribute(PASSWORD_CENTOS01));
    assertThat(command(steps.get(2)).stdin().isSecret()).isFalse();
  }

  @Test
  void removingADeviceDeletesItsConstraintThenItsPrimitive() {
    StorageClusterSpec spec = SeedPacemaker.spec();
    spec.pacemaker.stonith.remove(1);

    List<Step> steps = plan(spec, converged());

    assertThat(steps)
        .extracting(Step::description)
        .containsExactly(
            "delete rsc_location hastorage-location-ipmi-centos02-avoid-self (constraints)",
            "delete primitive hastorage-stonith-ipmi-centos02 (resources)");
    assertThat(steps).extracting(s -> command(s).argv()).containsOnly(deleteArgv());
    assertThat(steps)
        .extracting(s -> new String(command(s).stdin().bytes(), StandardCharsets.UTF_8))
        .containsExactly(
            "<rsc_location id=\"hastorage-location-ipmi-centos02-avoid-self\"/>",
            "<primitive id=\"hastorage-stonith-ipmi-centos02\"/>");
  }

  @Test
  void changingAParameterReplacesExactlyThatDevice() {
    StorageClusterSpec spec = SeedPacemaker.spec();
    SeedPacemaker.device(spec, "ipmi-centos02").parameters.get(0).value = "192.168.0.222";

    List<Step> steps = plan(spec, converged());

    assertThat(steps).hasSize(1);
    assertThat(steps.get(0).description())
        .isEqualTo("replace primitive hastorage-stonith-ipmi-centos02 (resources)");
    assertThat(command(steps.get(0)).argv())
        .containsExactly(
            "cibadmin",
            "--replace",
            "--xpath",
            "//primitive[@id='hastorage-stonith-ipmi-centos02']",
            "--xml-pipe");
    assertThat(command(steps.get(0)).stdin().isSecret()).isTrue();
  }

  @Test
  void anUnfencedLabTurnsFencingOffBeforeRemovingItsLastDevices() {
    StorageClusterSpec spec = SeedPacemaker.spec();
    spec.pacemaker.stonith.clear();
    spec.pacemaker.unfencedLab = true;

    List<Step> steps = plan(spec, converged());

    assertThat(steps)
        .extracting(Step::description)
        .containsExactly(
            "set cluster property stonith-enabled=false (was true)",
            "delete rsc_location hastorage-location-ipmi-centos01-avoid-self (constraints)",
            "delete rsc_location hastorage-location-ipmi-centos02-avoid-self (constraints)",
            "delete primitive hastorage-stonith-ipmi-centos01 (resources)",
            "delete primitive hastorage-stonith-ipmi-centos02 (resources)");
  }

  private static List<String> deleteArgv() {
    return List.of("cibadmin", "--delete", "--xml-pipe");
  }

  private static List<Step> plan(StorageClusterSpec spec, Cib current) {
    return PacemakerPlanner.plan(NODE, spec, SeedPacemaker.secrets(), current);
  }

  private static Command command(Step step) {
    return ((Action.RunCommand) step.action()).command();
  }

  /** The seed's desired state, written out as a CIB the way cibadmin would format it. */
  private static Cib converged() {
    return Cib.parse(convergedXml("", ""));
  }

  private static String convergedXml(String extraResources, String extraConstraints) {
    StringBuilder resources = new StringBuilder(extraResources);
    StringBuilder constraints = new StringBuilder(extraConstraints);
    for (CibElement e : PacemakerElements.desired(SeedPacemaker.spec(), SeedPacemaker.secrets())) {
      String pretty = SeedPacemaker.goldenRaw(e.id() + ".xml");
      (e.scope().equals(CibElement.RESOURCES) ? resources : constraints).append(pretty);
    }
    Map<String, String> properties = new LinkedHashMap<>();
    properties.put("have-watchdog", "false");
    properties.putAll(PacemakerElements.desiredProperties(SeedPacemaker.spec()));
    StringBuilder nvpairs = new StringBuilder();
    properties.forEach(
        (name, value) ->
            nvpairs.append(
                "<nvpair id=\"cib-bootstrap-options-%s\" name=\"%s\" value=\"%s\"/>\n"
                    .formatted(name, name, value)));
    return """
        <cib epoch="20" num_updates="0" admin_epoch="0">
          <configuration>
            <crm_config>
              <cluster_property_set id="cib-bootstrap-options">%s</cluster_property_set>
            </crm_config>
            <nodes/>
            <resources>%s</resources>
            <constraints>%s</constraints>
          </configuration>
          <status/>
        </cib>"""
        .formatted(nvpairs, resources, constraints);
  }
}
