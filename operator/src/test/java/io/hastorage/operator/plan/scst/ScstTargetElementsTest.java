package io.hastorage.operator.plan.scst;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.hastorage.operator.api.common.SecretKeyRef;
import io.hastorage.operator.api.scst.ScstTarget;
import io.hastorage.operator.api.scst.ScstTargetSpec.Backend;
import io.hastorage.operator.plan.drbd.pacemaker.PromotableSyntax;
import io.hastorage.operator.plan.pacemaker.CanonicalXml;
import io.hastorage.operator.plan.pacemaker.CibElement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Element;

class ScstTargetElementsTest {

  static final String GROUP = "hastorage-target-vg1-target";
  static final List<String> CONSTRAINT_IDS =
      List.of(
          "hastorage-colocation-target-vg1-target-with-drbd-vg1",
          "hastorage-order-drbd-vg1-before-target-vg1-target",
          "hastorage-colocation-target-vg1-target-with-lvm-vg1",
          "hastorage-order-lvm-vg1-before-target-vg1-target");
  static final String PASSWORD = "s3cret-Passw0rd";
  static final List<String> IQNS =
      List.of("iqn.2016-02.local.virtual:drbd01", "iqn.2016-02.local.virtual:drbd02");

  /** resource-agents, the seed's two clients, CHAP credentials. */
  static TargetRenderContext resourceAgents() {
    return SeedScstTarget.context()
        .withAgents(TargetAgents.RESOURCE_AGENTS)
        .withInitiators(IQNS, List.of("10.20.1.21", "10.20.1.22"))
        .withSecretValues(
            Map.of(
                "vg1-target/incoming_username",
                "vg1chap",
                "vg1-target/incoming_password",
                PASSWORD));
  }

  static ScstTarget withChap(Backend backend) {
    ScstTarget target = SeedScstTarget.target();
    target.getSpec().backend = backend;
    if (backend == Backend.tgt) {
      target.getSpec().tid = 1;
    }
    target.getSpec().chapSecretRef = new SecretKeyRef("vg1-chap", null);
    return target;
  }

  @Test
  void theSeedTargetRendersTheGoldenScstOcfGroupAndConstraints() {
    List<CibElement> elements =
        ScstTargetElements.desired(SeedScstTarget.target(), SeedScstTarget.context());

    List<String> ids = new ArrayList<>(List.of(GROUP));
    ids.addAll(CONSTRAINT_IDS);
    assertThat(elements).extracting(CibElement::id).containsExactlyElementsOf(ids);
    assertThat(elements)
        .extracting(CibElement::scope)
        .containsExactly("resources", "constraints", "constraints", "constraints", "constraints");
    assertThat(elements.get(0).xml())
        .isEqualTo(SeedScstTarget.golden("hastorage-target-vg1-target.scst-ocf"));
    for (CibElement constraint : elements.subList(1, 5)) {
      assertThat(constraint.xml()).isEqualTo(SeedScstTarget.golden(constraint.id()));
    }
  }

  /** spec.pacemaker.monitorIntervalSeconds reaches every member's monitor op, and its id. */
  @Test
  void everyMemberIsMonitoredAtTheClustersInterval() {
    CibElement group =
        ScstTargetElements.desired(
                SeedScstTarget.target(), SeedScstTarget.context().withMonitorSeconds(30))
            .get(0);

    List<Element> monitors =
        members(group).stream()
            .flatMap(m -> ops(m).stream())
            .filter(op -> op.getAttribute("name").equals("monitor"))
            .toList();
    assertThat(monitors).hasSize(members(group).size() - 1); // MailTo has no monitor
    assertThat(monitors).allSatisfy(op -> assertThat(op.getAttribute("interval")).isEqualTo("30s"));
    assertThat(monitors)
        .allSatisfy(op -> assertThat(op.getAttribute("id")).endsWith("-interval-30s"));
  }

  @Test
  void theGroupHoldsBlockIpTargetLunsUnblockMailInThatOrder() {
    CibElement group =
        ScstTargetElements.desired(SeedScstTarget.target(), SeedScstTarget.context()).get(0);

    assertThat(memberIds(group))
        .containsExactly(
            GROUP + "-block-192.168.0.180",
            GROUP + "-block-10.20.1.180",
            GROUP + "-ip-192.168.0.180",
            GROUP + "-ip-10.20.1.180",
            GROUP + "-target",
            GROUP + "-lun-0",
            GROUP + "-unblock-192.168.0.180",
            GROUP + "-unblock-10.20.1.180",
            GROUP + "-mailto");
    assertThat(memberTypes(group))
        .containsExactly(
            "portblock",
            "portblock",
            "IPaddr2",
            "IPaddr2",
            "SCSTTarget",
            "SCSTLun",
            "portblock",
            "portblock",
            "MailTo");
  }

  @Test
  void resourceAgentsScstRendersTheGoldenGroup() {
    CibElement group = ScstTargetElements.desired(withChap(Backend.scst), resourceAgents()).get(0);

    assertThat(group.xml()).isEqualTo(SeedScstTarget.golden("hastorage-target-vg1-target.ra-scst"));
  }

  @Test
  void lioTRendersTheGoldenGroup() {
    CibElement group = ScstTargetElements.desired(withChap(Backend.lioT), resourceAgents()).get(0);

    assertThat(group.xml()).isEqualTo(SeedScstTarget.golden("hastorage-target-vg1-target.lio-t"));
  }

  @Test
  void tgtRendersTheGoldenGroupWithAddressesAndWithoutPortals() {
    ScstTarget target = withChap(Backend.tgt);
    target.getSpec().luns.get(0).number = 1;

    CibElement group = ScstTargetElements.desired(target, resourceAgents()).get(0);

    assertThat(group.xml()).isEqualTo(SeedScstTarget.golden("hastorage-target-vg1-target.tgt"));
    assertThat(group.xml()).doesNotContain("name=\"portals\"");
  }

  @Test
  void theColocationUsesThePromotedRoleOfEachPacemakerDialect() {
    for (PromotableSyntax syntax : PromotableSyntax.values()) {
      CibElement colocation =
          ScstTargetElements.desired(
                  SeedScstTarget.target(), SeedScstTarget.context().withSyntax(syntax))
              .get(1);
      assertThat(colocation.xml())
          .contains("with-rsc-role=\"" + syntax.promotedRole() + "\"")
          .contains("with-rsc=\"hastorage-drbd-vg1-clone\"");
    }
  }

  @Test
  void withoutPortblockOrMailToOnlyTheIpsTargetAndLunsRemain() {
    ScstTarget target = SeedScstTarget.target();
    target.getSpec().portblock = false;
    target.getSpec().mailTo = null;

    CibElement group = ScstTargetElements.desired(target, SeedScstTarget.context()).get(0);

    assertThat(memberIds(group))
        .containsExactly(
            GROUP + "-ip-192.168.0.180",
            GROUP + "-ip-10.20.1.180",
            GROUP + "-target",
            GROUP + "-lun-0");
  }

  @Test
  void renderingIsRepeatableAndEveryIdIsOwned() {
    List<CibElement> first =
        ScstTargetElements.desired(SeedScstTarget.target(), SeedScstTarget.context());

    assertThat(first).allMatch(CibElement::owned);
    assertThat(ScstTargetElements.desired(SeedScstTarget.target(), SeedScstTarget.context()))
        .isEqualTo(first);
  }

  @Test
  void chapCredentialsComeFromTheSecretMapAndStayOutOfToStrings() {
    ScstTarget target = withChap(Backend.lioT);

    List<CibElement> elements = ScstTargetElements.desired(target, resourceAgents());

    assertThat(elements.get(0).xml()).contains("value=\"" + PASSWORD + "\"");
    assertThat(elements.toString()).doesNotContain(PASSWORD);
    assertThat(resourceAgents().toString()).doesNotContain(PASSWORD);
    assertThat(ScstTargetElements.requiredSecrets(target))
        .containsOnlyKeys("vg1-target/incoming_username", "vg1-target/incoming_password");
    assertThat(ScstTargetElements.requiredSecrets(target).get("vg1-target/incoming_password").key)
        .isEqualTo("password");
    assertThat(ScstTargetElements.requiredSecrets(SeedScstTarget.target())).isEmpty();
  }

  @Test
  void aMissingOrUnsafeChapPasswordIsRefusedWithoutShowingIt() {
    ScstTarget target = withChap(Backend.lioT);
    String unsafe = "pass word with blank";
    TargetRenderContext context =
        resourceAgents()
            .withSecretValues(
                Map.of(
                    "vg1-target/incoming_username",
                    "vg1chap",
                    "vg1-target/incoming_password",
                    unsafe));

    assertThatThrownBy(() -> ScstTargetElements.desired(target, context))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("ScstTarget vg1-target")
        .hasMessageContaining("CHAP password")
        .hasMessageNotContaining(unsafe);
    assertThatThrownBy(
            () -> ScstTargetElements.desired(target, resourceAgents().withSecretValues(Map.of())))
        .hasMessageContaining("no value for CHAP secret key vg1-target/incoming_username");
  }

  @Test
  void chapValuesThatWouldBreakACommandLineOrANodeRecordAreNamedNotShown() {
    String username = "vg1user\nnode.startup = manual";
    String password = "s3cret-$(reboot)";

    assertThat(ScstTargetElements.chapProblem(username, "s3cret-s3cret"))
        .hasValueSatisfying(p -> assertThat(p).contains("CHAP username").doesNotContain("manual"));
    assertThat(ScstTargetElements.chapProblem("vg1user", password))
        .hasValueSatisfying(p -> assertThat(p).contains("CHAP password").doesNotContain("reboot"));
    assertThat(ScstTargetElements.chapProblem("vg1user", "short")).isPresent();
    assertThat(ScstTargetElements.chapProblem(null, "s3cret-s3cret")).isPresent();
    assertThat(ScstTargetElements.chapProblem("vg1user", "s3cret-s3cret")).isEmpty();
  }

  @Test
  void theLunPathIsTheReferencedVolumesLv() {
    ScstTarget target = SeedScstTarget.target();
    target.getSpec().luns.get(0).volumeRef.name = "missing";

    assertThatThrownBy(() -> ScstTargetElements.desired(target, SeedScstTarget.context()))
        .hasMessageContaining("ScstTarget vg1-target")
        .hasMessageContaining("spec.luns[0].volumeRef");

    ScstTarget unknownLv = SeedScstTarget.target();
    unknownLv.getSpec().luns.get(0).logicalVolume = "lun9";
    assertThatThrownBy(() -> ScstTargetElements.desired(unknownLv, SeedScstTarget.context()))
        .hasMessageContaining("spec.luns[0].logicalVolume is not an LV of DrbdVolume vg1");
  }

  @Test
  void unsafeOrInconsistentSpecsAreRefusedNamingTheField() {
    assertRefused(t -> t.getSpec().iqn = "iqn.bad\"/><x", "spec.iqn");
    assertRefused(t -> t.getMetadata().setName("Bad_Name"), "metadata.name");
    assertRefused(t -> t.getSpec().portals.get(1).ip = "192.168.0.180", "spec.portals[1].ip");
    assertRefused(t -> t.getSpec().portals.get(0).nic = "eth1;reboot", "spec.portals[0].nic");
    assertRefused(t -> t.getSpec().portals.get(0).port = 3261, "spec.portals[0].port");
    assertRefused(t -> t.getSpec().luns.get(0).deviceName = "a b", "spec.luns[0].deviceName");
    assertRefused(t -> t.getSpec().iscsiParameters.get(0).value = "6 0", "spec.iscsiParameters");
    assertRefused(t -> t.getSpec().backend = Backend.lioT, "driven by resource-agents");
  }

  @Test
  void tgtNeedsLunsFromOneAndInitiatorAddresses() {
    ScstTarget lunZero = withChap(Backend.tgt);
    assertThatThrownBy(() -> ScstTargetElements.desired(lunZero, resourceAgents()))
        .hasMessageContaining("spec.luns[0].number");

    ScstTarget target = withChap(Backend.tgt);
    target.getSpec().luns.get(0).number = 1;
    TargetRenderContext noAddresses = resourceAgents().withInitiators(IQNS, List.of());
    assertThatThrownBy(() -> ScstTargetElements.desired(target, noAddresses))
        .hasMessageContaining("tgt binds initiators by address");
  }

  private static void assertRefused(java.util.function.Consumer<ScstTarget> change, String field) {
    ScstTarget target = SeedScstTarget.target();
    change.accept(target);
    assertThatThrownBy(() -> ScstTargetElements.desired(target, SeedScstTarget.context()))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining(field);
  }

  static List<String> memberIds(CibElement group) {
    return members(group).stream().map(e -> e.getAttribute("id")).toList();
  }

  static List<String> memberTypes(CibElement group) {
    return members(group).stream().map(e -> e.getAttribute("type")).toList();
  }

  private static List<Element> ops(Element member) {
    org.w3c.dom.NodeList list = member.getElementsByTagName("op");
    List<Element> ops = new ArrayList<>();
    for (int i = 0; i < list.getLength(); i++) {
      ops.add((Element) list.item(i));
    }
    return ops;
  }

  private static List<Element> members(CibElement group) {
    return CanonicalXml.childElements(CanonicalXml.parse(group.xml()).getDocumentElement());
  }
}
