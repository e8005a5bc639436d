package io.hastorage.operator.plan.scst;

import static org.assertj.core.api.Assertions.assertThat;

import io.hastorage.operator.api.scst.ScstTarget;
import io.hastorage.operator.api.scst.ScstTargetSpec;
import io.hastorage.operator.observe.NodeFacts;
import io.hastorage.operator.plan.Action;
import io.hastorage.operator.plan.Step;
import io.hastorage.operator.plan.pacemaker.Cib;
import io.hastorage.operator.plan.pacemaker.CibElement;
import io.hastorage.operator.testing.Captured;
import io.hastorage.operator.testing.FactsBuilder;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ScstTargetPlannerTest {

  private static final String LAB_CIB = Captured.read("lab-pacemaker-2.1.5/cibadmin-query.xml");
  private static final String HASH = "0".repeat(64);

  private final ScstTarget target = SeedScstTarget.target();

  private static FactsBuilder node(String name, String resourceAgents, String... agentFiles) {
    FactsBuilder facts = new FactsBuilder(name);
    if (resourceAgents != null) {
      facts.packageVersion("resource-agents", resourceAgents);
    }
    for (String file : agentFiles) {
      facts.file(file, HASH);
    }
    return facts;
  }

  private static Map<String, NodeFacts> both(FactsBuilder a, FactsBuilder b) {
    Map<String, NodeFacts> facts = new LinkedHashMap<>();
    facts.put("centos01", a.build());
    facts.put("centos02", b.build());
    return facts;
  }

  @Test
  void theSeedsScstOcfAgentsWinWhenBothTargetsHaveThem() {
    String[] scstOcf = ScstTargetPlanner.SCST_OCF_AGENTS.toArray(String[]::new);

    ScstTargetPlanner.AgentChoice choice =
        ScstTargetPlanner.agents(
            target.getSpec(),
            both(node("centos01", "4.12.0", scstOcf), node("centos02", "4.12.0", scstOcf)));

    assertThat(choice.agents()).contains(TargetAgents.SCST_OCF);
  }

  @Test
  void withoutScstOcfResourceAgents412CannotDriveScstAndSaysWhy() {
    String[] ra = ScstTargetPlanner.RESOURCE_AGENTS.toArray(String[]::new);

    ScstTargetPlanner.AgentChoice choice =
        ScstTargetPlanner.agents(
            target.getSpec(),
            both(node("centos01", "1:4.12.0-2", ra), node("centos02", "4.13.0-1", ra)));

    assertThat(choice.agents()).isEmpty();
    assertThat(choice.missing())
        .singleElement()
        .asString()
        .contains("centos01", "resource-agents >= 4.13", "1:4.12.0-2");
  }

  @Test
  void tgtAndLioUseTheStandardAgents() {
    target.getSpec().backend = ScstTargetSpec.Backend.tgt;
    target.getSpec().tid = 1;
    String[] ra = ScstTargetPlanner.RESOURCE_AGENTS.toArray(String[]::new);

    assertThat(
            ScstTargetPlanner.agents(
                    target.getSpec(),
                    both(node("centos01", "4.12.0", ra), node("centos02", "4.12.0", ra)))
                .agents())
        .contains(TargetAgents.RESOURCE_AGENTS);
  }

  @Test
  void iptables189GetsTheWrapperAgentOnEveryTarget() {
    FactsBuilder numbers =
        node("centos01", "1:4.12.0-2")
            .section("iptables-version", 0, "iptables v1.8.9 (nf_tables)\n");
    FactsBuilder names =
        node("centos02", "1:4.12.0-2")
            .section("iptables-version", 0, "iptables v1.8.10 (nf_tables)\n");

    ScstTargetPlanner.PortblockPlan plan =
        ScstTargetPlanner.portblock(target.getSpec(), both(numbers, names));

    assertThat(plan.provider()).isEqualTo("hastorage");
    assertThat(plan.steps())
        .extracting(Step::node)
        .as("the group may run on either target")
        .containsExactly("centos01", "centos02");
    assertThat(plan.steps())
        .allSatisfy(
            s ->
                assertThat(((Action.WriteFile) s.action()).file().path())
                    .isEqualTo(PortblockWrapperAgent.PATH));
    assertThat(plan.problems()).isEmpty();
  }

  @Test
  void portblockOffNeedsNothing() {
    target.getSpec().portblock = false;

    ScstTargetPlanner.PortblockPlan plan =
        ScstTargetPlanner.portblock(
            target.getSpec(), both(node("centos01", null), node("centos02", null)));

    assertThat(plan.provider()).isEqualTo("heartbeat");
    assertThat(plan.steps()).isEmpty();
    assertThat(plan.problems()).isEmpty();
  }

  /** The lab CIB holding the seed target's elements as the context renders them. */
  private Cib cibWith(ScstTarget rendered) {
    StringBuilder resources = new StringBuilder("<resources>");
    StringBuilder constraints = new StringBuilder("<constraints>");
    for (CibElement e : ScstTargetElements.desired(rendered, SeedScstTarget.context())) {
      (e.scope().equals(CibElement.RESOURCES) ? resources : constraints).append(e.xml());
    }
    return Cib.parse(
        LAB_CIB
            .replace("<resources/>", resources + "</resources>")
            .replace("<constraints/>", constraints + "</constraints>"));
  }

  @Test
  void aConvergedTargetPlansNothing() {
    Cib cib = cibWith(target);

    assertThat(ScstTargetPlanner.plan("centos01", target, SeedScstTarget.context(), cib, Map.of()))
        .isEmpty();
  }

  @Test
  void aThinProvisioningChangeGoesLiveOnTheActiveNodeWithoutReplacingTheGroup() {
    Cib cib = cibWith(target);
    target.getSpec().luns.get(0).attributes.thinProvisioned = true;
    String lu = ScstTargetElements.luId("vg1-target", 0);

    List<Step> steps =
        ScstTargetPlanner.plan(
            "centos01", target, SeedScstTarget.context(), cib, Map.of(lu, List.of("centos02")));

    assertThat(steps).extracting(Step::node).containsOnly("centos02");
    assertThat(((Action.RunCommand) steps.get(0).action()).command().argv())
        .containsSubsequence("scstadmin", "-set_dev_attr", "VDISK-LUN01", "-attributes")
        .anySatisfy(a -> assertThat(a).contains("thin_provisioned=1"));
    assertThat(steps).extracting(Step::description).noneMatch(d -> d.startsWith("replace group"));
  }

  @Test
  void aStoppedLunIsSimplyReplacedInTheCib() {
    Cib cib = cibWith(target);
    target.getSpec().luns.get(0).attributes.thinProvisioned = true;

    List<Step> steps =
        ScstTargetPlanner.plan("centos01", target, SeedScstTarget.context(), cib, Map.of());

    assertThat(steps)
        .singleElement()
        .extracting(Step::description)
        .asString()
        .startsWith("replace group hastorage-target-vg1-target");
  }

  @Test
  void anyOtherChangeReplacesTheGroup() {
    Cib cib = cibWith(target);
    target.getSpec().portals.get(0).cidr = 25;
    String lu = ScstTargetElements.luId("vg1-target", 0);

    List<Step> steps =
        ScstTargetPlanner.plan(
            "centos01", target, SeedScstTarget.context(), cib, Map.of(lu, List.of("centos01")));

    assertThat(steps)
        .extracting(Step::description)
        .anyMatch(d -> d.startsWith("replace group hastorage-target-vg1-target"));
  }

  @Test
  void aLeftoverDropRuleOnThePortalIsFound() {
    NodeFacts node =
        new FactsBuilder("centos01")
            .section(
                "iptables-rules",
                0,
                "-P INPUT ACCEPT\n"
                    + "-A INPUT -d 10.20.1.180/32 -p tcp -m multiport --dports 3260 -j DROP\n")
            .build();

    assertThat(ScstTargetPlanner.blockedPortals(target, node)).containsExactly("10.20.1.180:3260");
    assertThat(
            ScstTargetPlanner.blockedPortals(
                target,
                new FactsBuilder("centos01")
                    .section("iptables-rules", 0, "-P INPUT ACCEPT\n")
                    .build()))
        .isEmpty();
  }
}
