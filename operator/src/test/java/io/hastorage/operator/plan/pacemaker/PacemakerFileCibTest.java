package io.hastorage.operator.plan.pacemaker;

import static io.hastorage.operator.plan.pacemaker.SeedPacemaker.PASSWORD_CENTOS01;
import static io.hastorage.operator.plan.pacemaker.SeedPacemaker.PASSWORD_CENTOS02;
import static org.assertj.core.api.Assertions.assertThat;

import io.hastorage.operator.api.cluster.StonithDevice;
import io.hastorage.operator.api.cluster.StorageClusterSpec;
import io.hastorage.operator.node.Command;
import io.hastorage.operator.node.ExecResult;
import io.hastorage.operator.plan.Action;
import io.hastorage.operator.plan.Step;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.w3c.dom.Element;

/**
 * Runs the planner's own commands with the real Pacemaker 2.1.5 tools against a file CIB that
 * already holds hand-made configuration: a DRBD master/slave resource, a Dummy primitive, and the
 * location constraint crm-fence-peer.sh adds while the peer is outdated. Proves the argv forms
 * work, the result validates, a second plan is empty, and nothing hand-made moves by one byte.
 */
class PacemakerFileCibTest {

  @TempDir Path dir;
  private FileCib cib;
  private Map<String, String> handMadeText;

  @BeforeEach
  void handMadeCib() {
    FileCib.requireTools();
    cib = FileCib.empty(dir);
    HandMade.install(cib);
    handMadeText = HandMade.text(cib.query());
    assertThat(handMadeText.get("my-dummy")).isEqualTo(HandMade.DUMMY);
    assertThat(handMadeText.get("ms_drbd_vg1")).contains("p_drbd_vg1").endsWith("</master>");
  }

  @Test
  void convergesOnceThenPlansNothingAndLeavesHandMadeElementsAlone() {
    List<Step> first = plan(SeedPacemaker.spec());
    assertThat(first).hasSize(6);
    assertNoSecretInArgv(first);

    cib.apply(first);

    assertThat(plan(SeedPacemaker.spec())).isEmpty();
    assertValid();
    assertHandMadeUntouched();
    Cib now = cib.parse();
    assertThat(now.properties())
        .containsEntry("stonith-enabled", "true")
        .containsEntry("no-quorum-policy", "stop");
    assertThat(storedPassword(now, "hastorage-stonith-ipmi-centos01")).isEqualTo(PASSWORD_CENTOS01);
    assertThat(storedPassword(now, "hastorage-stonith-ipmi-centos02")).isEqualTo(PASSWORD_CENTOS02);
  }

  @Test
  void aChangedDeviceIsOneReplaceThatAlsoDropsRemovedParameters() {
    cib.apply(plan(SeedPacemaker.spec()));
    StorageClusterSpec spec = SeedPacemaker.spec();
    StonithDevice device = SeedPacemaker.device(spec, "ipmi-centos02");
    device.parameters.get(0).value = "192.168.0.222";
    device.parameters.removeIf(p -> p.name.equals("lanplus"));

    List<Step> replace = plan(spec);
    assertThat(replace)
        .extracting(Step::description)
        .containsExactly("replace primitive hastorage-stonith-ipmi-centos02 (resources)");
    cib.apply(replace);

    assertThat(plan(spec)).isEmpty();
    assertValid();
    assertHandMadeUntouched();
    assertThat(parameters(cib.parse(), "hastorage-stonith-ipmi-centos02"))
        .containsExactly(
            Map.entry("ip", "192.168.0.222"),
            Map.entry("username", "admin"),
            Map.entry("password", PASSWORD_CENTOS02),
            Map.entry("pcmk_host_list", "centos02"));
  }

  @Test
  void aRemovedDeviceLosesItsConstraintAndPrimitiveAndNothingElse() {
    cib.apply(plan(SeedPacemaker.spec()));
    StorageClusterSpec spec = SeedPacemaker.spec();
    spec.pacemaker.stonith.removeIf(d -> d.name.equals("ipmi-centos02"));

    List<Step> delete = plan(spec);
    assertThat(delete)
        .extracting(Step::description)
        .containsExactly(
            "delete rsc_location hastorage-location-ipmi-centos02-avoid-self (constraints)",
            "delete primitive hastorage-stonith-ipmi-centos02 (resources)");
    cib.apply(delete);

    assertThat(plan(spec)).isEmpty();
    assertValid();
    assertHandMadeUntouched();
    assertThat(cib.parse().elements().keySet())
        .containsExactly(
            "ms_drbd_vg1",
            "my-dummy",
            "hastorage-stonith-ipmi-centos01",
            "drbd-fence-by-handler-vg1-ms_drbd_vg1",
            "hastorage-location-ipmi-centos01-avoid-self");
  }

  @Test
  void anUnfencedLabDropsAllDevicesAndStillValidates() {
    cib.apply(plan(SeedPacemaker.spec()));
    StorageClusterSpec spec = SeedPacemaker.spec();
    spec.pacemaker.stonith.clear();
    spec.pacemaker.unfencedLab = true;

    cib.apply(plan(spec));

    assertThat(plan(spec)).isEmpty();
    assertValid();
    assertHandMadeUntouched();
    assertThat(cib.parse().owned()).isEmpty();
    assertThat(cib.parse().properties()).containsEntry("stonith-enabled", "false");
  }

  @Test
  void theSchedulerNeverPlacesAFenceDeviceOnTheNodeItFences() {
    cib.apply(plan(SeedPacemaker.spec()));
    Path simulated = dir.resolve("simulated.xml");

    ExecResult simulate =
        cib.run(
            Command.of(
                "crm_simulate",
                "-x",
                cib.file().toString(),
                "-S",
                "-u",
                "centos01",
                "--quorum=1",
                "-O",
                simulated.toString()),
            Map.of());
    assertThat(simulate.exitCode()).as(simulate.stderr()).isZero();
    ExecResult status =
        cib.run(PacemakerCommands.clusterStatus(), Map.of("CIB_file", simulated.toString()));

    Map<String, String> placement = placement(status.stdout());
    assertThat(placement)
        .containsEntry("hastorage-stonith-ipmi-centos01", "")
        .containsEntry("hastorage-stonith-ipmi-centos02", "centos01");
    assertThat(CrmMonParser.parse(status.stdout()).onlineNodes()).containsExactly("centos01");
  }

  private List<Step> plan(StorageClusterSpec spec) {
    return PacemakerPlanner.plan("centos01", spec, SeedPacemaker.secrets(), cib.parse());
  }

  private void assertValid() {
    ExecResult verify = cib.verify();
    assertThat(verify.exitCode()).as(verify.stdout() + verify.stderr()).isZero();
  }

  private void assertHandMadeUntouched() {
    assertThat(HandMade.text(cib.query())).isEqualTo(handMadeText);
  }

  private static void assertNoSecretInArgv(List<Step> steps) {
    for (Step step : steps) {
      List<String> argv = ((Action.RunCommand) step.action()).command().argv();
      assertThat(argv).noneMatch(a -> a.contains(PASSWORD_CENTOS01) || a.contains("Tr0ub4dor"));
      assertThat(argv).noneMatch(a -> a.contains(PASSWORD_CENTOS02));
    }
  }

  private static String storedPassword(Cib current, String id) {
    return parameters(current, id).get("password");
  }

  private static Map<String, String> parameters(Cib current, String id) {
    Element primitive =
        CanonicalXml.parse(current.element(id).orElseThrow().xml()).getDocumentElement();
    Map<String, String> out = new LinkedHashMap<>();
    var nvpairs = primitive.getElementsByTagName("nvpair");
    for (int i = 0; i < nvpairs.getLength(); i++) {
      Element nvpair = (Element) nvpairs.item(i);
      out.put(nvpair.getAttribute("name"), nvpair.getAttribute("value"));
    }
    return out;
  }

  /** Resource id to the node crm_mon shows it started on, "" when stopped. */
  private static Map<String, String> placement(String crmMonXml) {
    var resources = CanonicalXml.parse(crmMonXml).getElementsByTagName("resource");
    Map<String, String> out = new LinkedHashMap<>();
    for (int i = 0; i < resources.getLength(); i++) {
      Element resource = (Element) resources.item(i);
      out.put(
          resource.getAttribute("id"),
          CanonicalXml.childElements(resource).stream()
              .filter(e -> e.getTagName().equals("node"))
              .map(e -> e.getAttribute("name"))
              .collect(Collectors.joining(",")));
    }
    return out;
  }
}
