package io.hastorage.operator.plan.pacemaker;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.hastorage.operator.testing.Captured;
import org.junit.jupiter.api.Test;

class CibTest {

  static final String MIXED_RESOURCE =
      "<primitive id=\"my-dummy\" class=\"ocf\" provider=\"heartbeat\" type=\"Dummy\"/>";

  static final String MIXED_CONSTRAINT =
      """
      <rsc_location id="drbd-fence-by-handler-vg1-ms_drbd_vg1" rsc="ms_drbd_vg1" role="Master">
        <rule id="drbd-fence-by-handler-vg1-rule-ms_drbd_vg1" score="-INFINITY">
          <expression attribute="#uname" operation="ne" value="centos01"
              id="drbd-fence-by-handler-vg1-expr-ms_drbd_vg1"/>
        </rule>
      </rsc_location>""";

  static final String MIXED =
      """
      <cib epoch="9" num_updates="0" admin_epoch="0" validate-with="pacemaker-3.9">
        <configuration>
          <crm_config>
            <cluster_property_set id="cib-bootstrap-options">
              <nvpair id="cib-bootstrap-options-stonith-enabled" name="stonith-enabled" value="true"/>
            </cluster_property_set>
            <cluster_property_set id="other-options">
              <nvpair id="other-options-x" name="x" value="ignored"/>
            </cluster_property_set>
          </crm_config>
          <nodes/>
          <resources>
            <primitive id="my-dummy" class="ocf" provider="heartbeat" type="Dummy"/>
            <group id="hastorage-group">
              <primitive id="hastorage-group-member" class="ocf" provider="heartbeat" type="Dummy"/>
            </group>
          </resources>
          <constraints>
            <rsc_location id="drbd-fence-by-handler-vg1-ms_drbd_vg1" rsc="ms_drbd_vg1" role="Master">
              <rule id="drbd-fence-by-handler-vg1-rule-ms_drbd_vg1" score="-INFINITY">
                <expression attribute="#uname" operation="ne" value="centos01"
                    id="drbd-fence-by-handler-vg1-expr-ms_drbd_vg1"/>
              </rule>
            </rsc_location>
            <rsc_location node="centos01" id="hastorage-location-a-avoid-self"
                rsc="hastorage-stonith-a" score="-INFINITY"/>
          </constraints>
        </configuration>
        <status>
          <node_state id="1" uname="centos01">
            <lrm id="1"><lrm_resources><lrm_resource id="hastorage-status-only"/></lrm_resources></lrm>
          </node_state>
        </status>
      </cib>""";

  @Test
  void readsTheCapturedLabCib() {
    Cib cib = Cib.parse(Captured.read("lab-pacemaker-2.1.5/cibadmin-query.xml"));

    assertThat(cib.properties())
        .containsExactly(
            entry("dc-deadtime", "2s"),
            entry("stonith-enabled", "false"),
            entry("have-watchdog", "false"),
            entry("dc-version", "2.1.5-a3f44794f94"),
            entry("cluster-infrastructure", "corosync"),
            entry("cluster-name", "e2e"));
    assertThat(cib.elements()).isEmpty();
    assertThat(cib.owned()).isEmpty();
  }

  @Test
  void indexesTopLevelResourcesAndConstraintsByIdInCibOrder() {
    Cib cib = Cib.parse(MIXED);

    assertThat(cib.properties()).containsExactly(entry("stonith-enabled", "true"));
    assertThat(cib.elements().keySet())
        .containsExactly(
            "my-dummy",
            "hastorage-group",
            "drbd-fence-by-handler-vg1-ms_drbd_vg1",
            "hastorage-location-a-avoid-self");
    assertThat(cib.owned())
        .extracting(CibElement::id)
        .containsExactly("hastorage-group", "hastorage-location-a-avoid-self");
    assertThat(cib.element("hastorage-location-a-avoid-self").orElseThrow())
        .isEqualTo(
            new CibElement(
                "hastorage-location-a-avoid-self",
                "rsc_location",
                CibElement.CONSTRAINTS,
                "<rsc_location id='hastorage-location-a-avoid-self' rsc='hastorage-stonith-a'"
                    + " node='centos01' score='-INFINITY'/>"));
    assertThat(cib.element("my-dummy").orElseThrow().scope()).isEqualTo(CibElement.RESOURCES);
  }

  @Test
  void nestedElementsArePartOfTheirParent() {
    Cib cib = Cib.parse(MIXED);

    assertThat(cib.element("hastorage-group-member")).isEmpty();
    assertThat(cib.element("hastorage-status-only")).isEmpty();
    assertThat(cib.element("hastorage-group").orElseThrow().xml())
        .contains("<primitive class=\"ocf\" id=\"hastorage-group-member\"");
  }

  @Test
  void refusesWhatIsNotACib() {
    assertThatThrownBy(() -> Cib.parse("<crm_config/>"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("expected <cib>");
    assertThatThrownBy(() -> Cib.parse("<cib/>"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("no <configuration>");
    assertThatThrownBy(() -> Cib.parse("<!DOCTYPE cib><cib/>"))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void anElementDoesNotShowItsXml() {
    CibElement element =
        new CibElement(
            "hastorage-stonith-a",
            "primitive",
            CibElement.RESOURCES,
            "<primitive id='hastorage-stonith-a' class='stonith' type='fence_x'>"
                + "<instance_attributes id='i'><nvpair id='p' name='password' value='pw1'/>"
                + "</instance_attributes></primitive>");

    assertThat(element.toString()).isEqualTo("primitive hastorage-stonith-a (resources)");
    assertThatThrownBy(
            () -> new CibElement("other-id", "primitive", CibElement.RESOURCES, element.xml()))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageNotContaining("pw1");
  }

  private static java.util.Map.Entry<String, String> entry(String key, String value) {
    return java.util.Map.entry(key, value);
  }

  /** The kernel lab's real CIB after the operator converged a DrbdVolume. */
  @Test
  void readsTheKernelLabsCib() {
    Cib cib = Cib.parse(Captured.read("kernel-lab/harness/ta-cibadmin-query.xml"));

    assertThat(cib.properties())
        .containsEntry("stonith-enabled", "false")
        .containsEntry("no-quorum-policy", "stop")
        .containsEntry("cluster-infrastructure", "corosync")
        .containsEntry("cluster-name", "klab")
        .hasSize(6);
    assertThat(cib.elements().keySet())
        .containsExactly(
            "hastorage-drbd-vg1-clone",
            "hastorage-lvm-vg1",
            "hastorage-colocation-lvm-vg1-with-drbd-vg1",
            "hastorage-order-drbd-vg1-before-lvm-vg1");
    assertThat(cib.owned()).hasSize(4);
  }
}
