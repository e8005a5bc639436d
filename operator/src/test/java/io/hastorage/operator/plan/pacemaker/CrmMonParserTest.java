package io.hastorage.operator.plan.pacemaker;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.hastorage.operator.plan.pacemaker.ClusterState.NodeState;
import io.hastorage.operator.testing.Captured;
import org.junit.jupiter.api.Test;

class CrmMonParserTest {

  private static ClusterState captured(String name) {
    return CrmMonParser.parse(Captured.read("lab-pacemaker-2.1.5/" + name));
  }

  @Test
  void bothNodesOnline() {
    ClusterState state = captured("crm_mon-two-online.xml");

    assertThat(state.quorate()).isTrue();
    assertThat(state.designatedController()).contains("t1");
    assertThat(state.onlineNodes()).containsExactly("t1", "t2");
    assertThat(state.nodes())
        .containsExactly(
            new NodeState("t1", true, false, false, false),
            new NodeState("t2", true, false, false, false));
    assertThat(state.resourceCount()).isZero();
    assertThat(state.clusterOptions())
        .containsEntry("stonith-enabled", "false")
        .containsEntry("no-quorum-policy", "stop")
        .containsEntry("maintenance-mode", "false")
        .hasSize(7);
  }

  @Test
  void peerCrashed() {
    ClusterState state = captured("crm_mon-peer-crashed.xml");

    assertThat(state.quorate()).isTrue();
    assertThat(state.designatedController()).contains("t1");
    assertThat(state.onlineNodes()).containsExactly("t1");
    assertThat(state.node("t2")).contains(new NodeState("t2", false, false, false, false));
  }

  @Test
  void noDesignatedControllerMeansNoQuorum() {
    String xml =
        """
        <pacemaker-result api-version="2.25" request="crm_mon --one-shot --output-as=xml">
          <summary>
            <current_dc present="false"/>
            <resources_configured number="6" disabled="0" blocked="0"/>
          </summary>
          <nodes>
            <node name="a" online="false" standby="true" maintenance="true" unclean="true"/>
          </nodes>
          <status code="0" message="OK"/>
        </pacemaker-result>""";

    ClusterState state = CrmMonParser.parse(xml);

    assertThat(state.quorate()).isFalse();
    assertThat(state.designatedController()).isEmpty();
    assertThat(state.resourceCount()).isEqualTo(6);
    assertThat(state.clusterOptions()).isEmpty();
    assertThat(state.nodes()).containsExactly(new NodeState("a", false, true, true, true));
  }

  @Test
  void pacemakerNotRunningIsAnErrorNamingCrmMonsStatus() {
    // What crm_mon 2.1.5 prints on a node where Pacemaker is not running (captured on this host).
    String xml =
        """
        <pacemaker-result api-version="2.25" request="crm_mon --one-shot --output-as=xml">
          <status code="102" message="Not connected">
            <errors>
              <error>crm_mon: Connection to cluster failed: Connection refused</error>
            </errors>
          </status>
        </pacemaker-result>""";

    assertThatThrownBy(() -> CrmMonParser.parse(xml))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("crm_mon failed with status 102: Not connected");
  }

  @Test
  void refusesOtherDocuments() {
    assertThatThrownBy(() -> CrmMonParser.parse("<cib/>"))
        .isInstanceOf(IllegalArgumentException.class);
  }

  /** The kernel lab's real cluster (Debian 12, pacemaker 2.1.5) with the DRBD clone and LVM. */
  @Test
  void theKernelLabsClusterWithTheVolumesResources() {
    String xml = Captured.read("kernel-lab/harness/ta-crm_mon.xml");

    ClusterState state = CrmMonParser.parse(xml);

    assertThat(state.quorate()).isTrue();
    assertThat(state.designatedController()).contains("tb");
    assertThat(state.nodes())
        .containsExactly(
            new NodeState("ta", true, false, false, false),
            new NodeState("tb", true, false, false, false));
    assertThat(state.resourceCount()).isEqualTo(3);
    assertThat(state.clusterOptions())
        .containsEntry("stonith-enabled", "false")
        .containsEntry("no-quorum-policy", "stop")
        .hasSize(7);
    assertThat(ActiveResources.placement(xml))
        .containsExactly(
            java.util.Map.entry("hastorage-drbd-vg1", java.util.List.of("ta", "tb")),
            java.util.Map.entry("hastorage-lvm-vg1", java.util.List.of("tb")));
  }
}
