package io.hastorage.operator.plan.scst;

import static io.hastorage.operator.plan.scst.DeviceAttributeFileCib.IP;
import static io.hastorage.operator.plan.scst.DeviceAttributeFileCib.LU;
import static io.hastorage.operator.plan.scst.DeviceAttributeFileCib.ok;
import static org.assertj.core.api.Assertions.assertThat;

import io.hastorage.operator.node.Command;
import io.hastorage.operator.plan.Action;
import io.hastorage.operator.plan.Step;
import io.hastorage.operator.plan.pacemaker.Cib;
import io.hastorage.operator.plan.pacemaker.PacemakerCommands;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Proves with Pacemaker 2.1.5's own scheduler that a naive parameter update restarts the LU and the
 * VIP after it, and that {@link DeviceAttributeChange}'s commands, run against the same CIB, never
 * plan a stop, start or restart.
 *
 * <p>Two steps cannot run on a file CIB and are replaced by what they do on a cluster: {@code
 * scstadmin} (no SCST here; only its argv is checked), and {@code crm_resource --refresh}, which
 * with CIB_file only prints "Dry run: skipping clean-up ... due to CIB_file" and then crashes (exit
 * 139, measured). On a cluster the controller deletes the LU's history on the node and probes it;
 * here the test deletes that {@code lrm_resource} and lets crm_simulate run the probe, answering 0
 * (running) as the agent would for a LUN that never stopped.
 */
class DeviceAttributeChangeFileCibTest {

  private static final Map<String, String> BEFORE =
      DeviceAttributeChange.parse(DeviceAttributeFileCib.SEED_ATTRIBUTES);

  @TempDir Path dir;
  private DeviceAttributeFileCib cib;
  private Path running;

  @BeforeEach
  void runningGroup() throws IOException {
    DeviceAttributeFileCib.requireTools();
    cib = new DeviceAttributeFileCib(dir);
    running = cib.runningGroup();
  }

  @Test
  void theGroupRunsOnCentos01AndIsSettled() {
    var again = cib.simulate(running, dir.resolve("again.xml"));

    assertThat(again.summary()).isEmpty();
    assertThat(again.executed()).isEmpty();
  }

  @Test
  void aNaiveParameterUpdateRestartsTheLuAndTheVipAfterIt() {
    ok(
        cib.run(
            Command.of(
                "crm_resource",
                "--resource",
                LU,
                "--set-parameter",
                DeviceAttributeChange.PARAMETER,
                "--parameter-value",
                withThreads("8")),
            running));

    var transition = cib.simulate(running, dir.resolve("naive.xml"));

    assertThat(transition.summary())
        .anyMatch(
            l -> l.startsWith("Restart " + LU + " ( centos01 ) due to resource definition change"))
        .anyMatch(l -> l.startsWith("Restart " + IP + " ( centos01 ) due to required " + LU))
        .noneMatch(l -> l.contains(DeviceAttributeFileCib.TARGET));
  }

  @Test
  void thePlannedSequenceChangesTheParameterWithoutAnyStopOrStart() throws IOException {
    Path work = copy(running, "work.xml");
    List<Step> steps = plan().steps();
    assertThat(commands(steps))
        .extracting(c -> c.argv().get(0) + " " + c.argv().get(1))
        .containsExactly(
            "scstadmin -noprompt",
            "cibadmin --modify",
            "crm_resource --resource",
            "crm_resource --refresh",
            "crm_resource --wait",
            "cibadmin --query",
            "cibadmin --delete");

    // 1. scstadmin: the live change on centos01 (no SCST here).
    assertThat(commands(steps).get(0).argv())
        .containsExactly(
            "scstadmin",
            "-noprompt",
            "-set_dev_attr",
            "VDISK-LUN01",
            "-attributes",
            "threads_num=8");
    // 2. unmanage, 3. new parameter: the scheduler plans nothing but a new recurring monitor.
    for (Command command : commands(steps).subList(1, 3)) {
      ok(cib.run(command, work));
      assertNoStopOrStart(cib.simulate(work, dir.resolve("scratch.xml")));
    }
    // 6. before the re-probe, the check refuses to manage again.
    Command check = commands(steps).get(5);
    assertThat(cib.run(check, work).exitCode()).isNotZero();
    // 4. refresh, as the controller does it: the LU's history on centos01 goes, a probe follows.
    ok(
        cib.run(
            Command.of(
                "cibadmin",
                "--delete",
                "--xpath",
                "//node_state[@uname='centos01']//lrm_resource[@id='" + LU + "']"),
            work));
    Path probed = dir.resolve("probed.xml");
    var probe = cib.simulate(work, probed, "--op-fail", LU + "_monitor_0@centos01=0");
    assertThat(probe.executed()).contains("Resource action: " + LU + " monitor on centos01");
    assertThat(probe.summary())
        .as("planned while the LU's state is unknown, ordered after the probe")
        .containsExactly("Stop " + IP + " ( centos01 ) due to node availability");
    assertThat(probe.executed()).noneMatch(l -> l.matches(".*(stop|start) on .*"));
    // The transition the probe aborted is recomputed: only the recurring monitor is left to run.
    Path settled = dir.resolve("settled-probe.xml");
    assertNoStopOrStart(cib.simulate(probed, settled));
    // 5. wait, 6. check, 7. manage again.
    for (Command command : commands(steps).subList(4, 7)) {
      ok(cib.run(command, settled));
    }

    var after = cib.simulate(settled, dir.resolve("final.xml"));
    assertNoStopOrStart(after);
    assertThat(cib.simulate(dir.resolve("final.xml"), dir.resolve("settled.xml")).executed())
        .isEmpty();
    assertThat(luParameters(settled)).isEqualTo(withThreads("8"));
    assertThat(resources(settled).replace(withThreads("8"), DeviceAttributeFileCib.SEED_ATTRIBUTES))
        .as("the primitive is back to its rendered form, only the parameter changed")
        .isEqualTo(resources(running));
  }

  @Test
  void finishingAChangeThatStoppedAfterTheParameterAlsoEndsWithoutARestart() throws IOException {
    Path work = copy(running, "work.xml");
    List<Command> all = commands(plan().steps());
    ok(cib.run(all.get(1), work));
    ok(cib.run(all.get(2), work));

    List<Command> finish = commands(DeviceAttributeChange.finish(LU, "centos01"));
    assertThat(finish).isEqualTo(all.subList(3, 7));
    ok(
        cib.run(
            Command.of(
                "cibadmin",
                "--delete",
                "--xpath",
                "//node_state[@uname='centos01']//lrm_resource[@id='" + LU + "']"),
            work));
    Path probed = dir.resolve("probed.xml");
    cib.simulate(work, probed, "--op-fail", LU + "_monitor_0@centos01=0");
    Path settled = dir.resolve("settled-probe.xml");
    cib.simulate(probed, settled);
    for (Command command : finish.subList(1, 4)) {
      ok(cib.run(command, settled));
    }

    assertNoStopOrStart(cib.simulate(settled, dir.resolve("final.xml")));
  }

  private static DeviceAttributeChange.Result plan() {
    Map<String, String> after = new LinkedHashMap<>(BEFORE);
    after.put("threads_num", "8");
    return DeviceAttributeChange.plan(LU, "centos01", "VDISK-LUN01", BEFORE, after);
  }

  private static String withThreads(String n) {
    return DeviceAttributeFileCib.SEED_ATTRIBUTES.replace("threads_num=4", "threads_num=" + n);
  }

  private static void assertNoStopOrStart(DeviceAttributeFileCib.Transition t) {
    assertThat(t.summary()).as("planned").isEmpty();
    assertThat(t.executed())
        .as("executed")
        .allMatch(l -> l.matches("Resource action: " + LU + " monitor=10000 on centos01"));
  }

  private String luParameters(Path file) {
    return ok(cib.run(
            Command.of(
                "crm_resource",
                "--resource",
                LU,
                "--get-parameter",
                DeviceAttributeChange.PARAMETER),
            file))
        .stdout()
        .strip();
  }

  private String resources(Path file) {
    String query = ok(cib.run(PacemakerCommands.queryCib(), file)).stdout();
    return Cib.parse(query).element(DeviceAttributeFileCib.GROUP).orElseThrow().xml();
  }

  private Path copy(Path from, String name) throws IOException {
    return Files.copy(from, dir.resolve(name), StandardCopyOption.REPLACE_EXISTING);
  }

  private static List<Command> commands(List<Step> steps) {
    return steps.stream().map(s -> ((Action.RunCommand) s.action()).command()).toList();
  }
}
