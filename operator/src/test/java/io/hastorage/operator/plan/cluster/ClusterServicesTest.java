package io.hastorage.operator.plan.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import io.hastorage.operator.observe.NodeFacts;
import io.hastorage.operator.plan.Action;
import io.hastorage.operator.plan.Step;
import io.hastorage.operator.testing.FactsBuilder;
import java.util.List;
import org.junit.jupiter.api.Test;

class ClusterServicesTest {

  private static List<String> argv(Step step) {
    return ((Action.RunCommand) step.action()).command().argv();
  }

  @Test
  void withSystemdBothUnitsAreEnabledAndStartedInOneCommand() {
    NodeFacts facts = new FactsBuilder("t1").section("init", 0, "systemd\n").build();

    List<Step> steps = ClusterServices.plan(facts);

    assertThat(steps)
        .singleElement()
        .extracting(ClusterServicesTest::argv)
        .isEqualTo(
            List.of("systemctl", "enable", "--now", "corosync.service", "pacemaker.service"));
  }

  @Test
  void runningDaemonsAreNeverRestartedOnlyEnabled() {
    NodeFacts facts =
        new FactsBuilder("t1")
            .section("init", 0, "systemd\n")
            .section("pid-corosync", 0, "4242\n")
            .section("pid-pacemakerd", 0, "4343\n")
            .service("corosync.service", "active", "disabled")
            .service("pacemaker.service", "active", "enabled")
            .build();

    assertThat(ClusterServices.plan(facts))
        .singleElement()
        .extracting(ClusterServicesTest::argv)
        .isEqualTo(List.of("systemctl", "enable", "--now", "corosync.service"));
  }

  @Test
  void withoutSystemdTheDaemonsAreStartedDirectlyAndOnlyWhenDown() {
    NodeFacts down = new FactsBuilder("t1").section("init", 0, "bash\n").build();
    NodeFacts pacemakerDown =
        new FactsBuilder("t1")
            .section("init", 0, "bash\n")
            .section("pid-corosync", 0, "77\n")
            .build();

    assertThat(ClusterServices.plan(down))
        .extracting(ClusterServicesTest::argv)
        .containsExactly(
            List.of("corosync"), List.of("sh", "-c", ClusterServices.START_PACEMAKERD_SCRIPT));
    assertThat(ClusterServices.plan(pacemakerDown))
        .extracting(ClusterServicesTest::argv)
        .containsExactly(List.of("sh", "-c", ClusterServices.START_PACEMAKERD_SCRIPT));
  }
}
