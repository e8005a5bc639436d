package io.hastorage.operator.plan.scst;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.hastorage.operator.node.Command;
import io.hastorage.operator.plan.Action;
import io.hastorage.operator.plan.Step;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class DeviceAttributeChangeTest {

  private static final String LU = "hastorage-lu-vg1-lun1";
  private static final Map<String, String> SEED =
      DeviceAttributeChange.parse("nv_cache=0;write_through=1;thin_provisioned=0;threads_num=4");

  @Test
  void theSeedsThreadsNumChangeIsSevenCommandsOnTheActiveNode() {
    var result =
        DeviceAttributeChange.plan(LU, "centos01", "VDISK-LUN01", SEED, with("threads_num", "8"));

    assertThat(result.decision().allowed()).isTrue();
    assertThat(result.steps()).extracting(Step::node).containsOnly("centos01");
    assertThat(argv(result.steps()))
        .containsExactly(
            List.of(
                "scstadmin",
                "-noprompt",
                "-set_dev_attr",
                "VDISK-LUN01",
                "-attributes",
                "threads_num=8"),
            List.of("cibadmin", "--modify", "--scope", "resources", "--xml-pipe"),
            List.of(
                "crm_resource",
                "--resource",
                LU,
                "--set-parameter",
                "additional_parameters",
                "--parameter-value",
                "nv_cache=0;write_through=1;thin_provisioned=0;threads_num=8"),
            List.of("crm_resource", "--refresh", "--resource", LU, "--node", "centos01", "--force"),
            List.of("crm_resource", "--wait", "--timeout=120s"),
            List.of(
                "cibadmin",
                "--query",
                "--xpath",
                "//node_state[@uname='centos01']//lrm_resource[@id='"
                    + LU
                    + "']"
                    + "/lrm_rsc_op[@id='"
                    + LU
                    + "_last_0'][@operation='monitor'][@interval='0']"
                    + "[@rc-code='0']"),
            List.of("cibadmin", "--delete", "--xml-pipe"));
  }

  @Test
  void unmanagingAndManagingAgainUseOneMetaAttributeSetOfTheirOwn() {
    List<Command> commands =
        commands(
            DeviceAttributeChange.plan(
                    LU, "centos01", "VDISK-LUN01", SEED, with("threads_num", "8"))
                .steps());

    assertThat(stdin(commands.get(1)))
        .isEqualTo(
            "<primitive id=\""
                + LU
                + "\"><meta_attributes id=\""
                + LU
                + "-live-change\">"
                + "<nvpair id=\""
                + LU
                + "-live-change-is-managed\" name=\"is-managed\" value=\"false\"/>"
                + "</meta_attributes></primitive>");
    assertThat(stdin(commands.get(6)))
        .isEqualTo("<meta_attributes id=\"" + LU + "-live-change\"/>");
  }

  @Test
  void onlyChangedAndAddedAttributesGoToScstadminButTheCibGetsTheWholeList() {
    Map<String, String> after = with("threads_num", "8");
    after.put("rotational", "0");

    List<Command> commands =
        commands(DeviceAttributeChange.plan(LU, "centos01", "VDISK-LUN01", SEED, after).steps());

    assertThat(commands.get(0).argv()).endsWith("-attributes", "threads_num=8,rotational=0");
    assertThat(commands.get(2).argv())
        .endsWith("nv_cache=0;write_through=1;thin_provisioned=0;threads_num=8;rotational=0");
  }

  @Test
  void theWaitOutlastsCrmResourcesOwnTimeout() {
    Command wait = commands(DeviceAttributeChange.finish(LU, "centos01")).get(1);

    assertThat(wait.timeout()).isGreaterThan(DeviceAttributeChange.SETTLE);
  }

  @Test
  void nothingChangedIsNoSteps() {
    var result = DeviceAttributeChange.plan(LU, "centos01", "VDISK-LUN01", SEED, SEED);

    assertThat(result.decision().allowed()).isTrue();
    assertThat(result.steps()).isEmpty();
  }

  @Test
  void removingAnAttributeIsRefusedBecauseScstCannotUnsetIt() {
    Map<String, String> after = new LinkedHashMap<>(SEED);
    after.remove("nv_cache");

    var result = DeviceAttributeChange.plan(LU, "centos01", "VDISK-LUN01", SEED, after);

    assertThat(result.decision().allowed()).isFalse();
    assertThat(result.decision().reason()).isEqualTo(DeviceAttributeChange.REMOVAL);
    assertThat(result.decision().message()).contains(LU, "nv_cache");
    assertThat(result.steps()).isEmpty();
  }

  @Test
  void valuesThatWouldBreakTheListsAreRefused() {
    for (String bad : List.of("4 8", "4,8", "\"4\"", "", "4;reboot")) {
      var result =
          DeviceAttributeChange.plan(LU, "centos01", "VDISK-LUN01", SEED, with("threads_num", bad));

      assertThat(result.decision().reason()).as(bad).isEqualTo(DeviceAttributeChange.INVALID);
      assertThat(result.steps()).isEmpty();
    }
    var badKey =
        DeviceAttributeChange.plan(LU, "centos01", "VDISK-LUN01", SEED, with("Threads", "4"));
    assertThat(badKey.decision().reason()).isEqualTo(DeviceAttributeChange.INVALID);
  }

  @Test
  void idsAndNamesThatWouldEscapeAnXpathOrArgvAreRejected() {
    assertThatThrownBy(() -> DeviceAttributeChange.plan("lu']|//*['", "centos01", "D", SEED, SEED))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> DeviceAttributeChange.plan(LU, "centos01' or '1", "D", SEED, SEED))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> DeviceAttributeChange.plan(LU, "centos01", "-all", SEED, SEED))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void additionalParametersRoundTrip() {
    String value = "nv_cache=0;write_through=1;thin_provisioned=0;threads_num=4";

    assertThat(DeviceAttributeChange.additionalParameters(DeviceAttributeChange.parse(value)))
        .isEqualTo(value);
    assertThat(DeviceAttributeChange.parse("  a=1   b=2 "))
        .containsExactly(Map.entry("a", "1"), Map.entry("b", "2"));
  }

  /**
   * The seed's SCSTLun agent tests additional_parameters unquoted: a value with a space fails its
   * test and the device is added without any of the attributes (checked below with bash itself).
   * Such a value counts as nothing applied; a ';'-joined one as what it says.
   */
  @Test
  void aSpaceSeparatedValueWasNeverAppliedByTheAgent() throws Exception {
    assertThat(DeviceAttributeChange.applied("nv_cache=1 write_through=0 threads_num=4")).isEmpty();
    assertThat(DeviceAttributeChange.applied("nv_cache=0;write_through=1"))
        .containsExactly(Map.entry("nv_cache", "0"), Map.entry("write_through", "1"));
    assertThat(agentAppends("nv_cache=1 write_through=0")).isFalse();
    assertThat(agentAppends("nv_cache=0;write_through=1")).isTrue();
  }

  /** The SCSTLun agent's own test of its parameter (scst-ocf 1.3, SCSTLun_start), run by bash. */
  private static boolean agentAppends(String value) throws Exception {
    Process bash =
        new ProcessBuilder(
                "bash",
                "-c",
                "OCF_RESKEY_additional_parameters=\"$1\"; "
                    + "if [ ! ${OCF_RESKEY_additional_parameters} == \"\" ]; then echo yes; fi",
                "bash",
                value)
            .redirectErrorStream(true)
            .start();
    String out = new String(bash.getInputStream().readAllBytes()).strip();
    bash.waitFor();
    return out.endsWith("yes");
  }

  /** Left over from before the fix: the space form is replaced by every wanted attribute, live. */
  @Test
  void aValueTheAgentDroppedIsSetWholeLive() {
    var result =
        DeviceAttributeChange.plan(
            LU,
            "centos01",
            "VDISK-LUN01",
            DeviceAttributeChange.applied(
                "nv_cache=1 write_through=0 thin_provisioned=0 threads_num=4"),
            DeviceAttributeChange.parse(
                "nv_cache=0;write_through=1;thin_provisioned=0;threads_num=4"));

    assertThat(commands(result.steps()).get(0).argv())
        .endsWith("-attributes", "nv_cache=0,write_through=1,thin_provisioned=0,threads_num=4");
  }

  private static Map<String, String> with(String key, String value) {
    Map<String, String> out = new LinkedHashMap<>(SEED);
    out.put(key, value);
    return out;
  }

  private static List<Command> commands(List<Step> steps) {
    return steps.stream().map(s -> ((Action.RunCommand) s.action()).command()).toList();
  }

  private static List<List<String>> argv(List<Step> steps) {
    return commands(steps).stream().map(Command::argv).toList();
  }

  private static String stdin(Command command) {
    return new String(command.stdin().bytes(), StandardCharsets.UTF_8);
  }
}
