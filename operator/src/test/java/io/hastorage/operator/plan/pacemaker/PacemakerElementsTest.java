package io.hastorage.operator.plan.pacemaker;

import static io.hastorage.operator.plan.pacemaker.SeedPacemaker.PASSWORD_CENTOS01;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.entry;

import io.hastorage.operator.api.cluster.PacemakerSpec;
import io.hastorage.operator.api.cluster.StonithDevice;
import io.hastorage.operator.api.cluster.StorageClusterSpec;
import io.hastorage.operator.api.common.SecretKeyRef;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class PacemakerElementsTest {

  @Test
  void seedElementsMatchTheGoldenFiles() {
    List<CibElement> desired =
        PacemakerElements.desired(SeedPacemaker.spec(), SeedPacemaker.secrets());

    assertThat(desired)
        .extracting(CibElement::id)
        .containsExactly(
            "hastorage-stonith-ipmi-centos01",
            "hastorage-location-ipmi-centos01-avoid-self",
            "hastorage-stonith-ipmi-centos02",
            "hastorage-location-ipmi-centos02-avoid-self");
    for (CibElement element : desired) {
      assertThat(element.xml())
          .as(element.id())
          .isEqualTo(SeedPacemaker.golden(element.id() + ".xml"));
    }
    assertThat(desired)
        .extracting(CibElement::scope)
        .containsExactly("resources", "constraints", "resources", "constraints");
  }

  @Test
  void theSecretTravelsOnlyEscapedInsideTheXml() {
    CibElement stonith =
        PacemakerElements.stonith(
            SeedPacemaker.device(SeedPacemaker.spec(), "ipmi-centos01"), SeedPacemaker.secrets());

    assertThat(stonith.xml()).contains("value=\"Tr0ub4dor&amp;3&lt;&quot;x&quot;&gt;\"");
    assertThat(CanonicalXml.parse(stonith.xml()).getElementsByTagName("nvpair").item(3))
        .satisfies(
            n ->
                assertThat(n.getAttributes().getNamedItem("value").getNodeValue())
                    .isEqualTo(PASSWORD_CENTOS01));
  }

  @Test
  void seedPropertiesAreFencingThenTheSpecsOwn() {
    assertThat(PacemakerElements.desiredProperties(SeedPacemaker.spec()))
        .containsExactly(entry("stonith-enabled", "true"), entry("no-quorum-policy", "stop"));
  }

  @Test
  void onlyAnUnfencedLabWithoutDevicesTurnsFencingOff() {
    assertThat(stonithEnabled(true, false)).isEqualTo("false");
    assertThat(stonithEnabled(true, true)).isEqualTo("true");
    assertThat(stonithEnabled(false, false)).isEqualTo("true");
    assertThat(stonithEnabled(false, true)).isEqualTo("true");
    StorageClusterSpec noPacemaker = SeedPacemaker.spec();
    noPacemaker.pacemaker = null;
    assertThat(PacemakerElements.desiredProperties(noPacemaker))
        .containsExactly(entry("stonith-enabled", "true"));
  }

  @Test
  void stonithEnabledAndRepeatedPropertiesAreRefused() {
    StorageClusterSpec spec = SeedPacemaker.spec();
    spec.pacemaker.properties.add(new StonithDevice.Parameter("stonith-enabled", "false"));
    assertThatThrownBy(() -> PacemakerElements.desiredProperties(spec))
        .hasMessageContaining("stonith-enabled follows");

    StorageClusterSpec twice = SeedPacemaker.spec();
    twice.pacemaker.properties.add(new StonithDevice.Parameter("no-quorum-policy", "ignore"));
    assertThatThrownBy(() -> PacemakerElements.desiredProperties(twice))
        .hasMessage("property no-quorum-policy is listed twice");
  }

  @Test
  void aMissingOrMalformedSecretIsRefusedWithoutShowingIt() {
    StonithDevice device = SeedPacemaker.device(SeedPacemaker.spec(), "ipmi-centos01");

    assertThatThrownBy(() -> PacemakerElements.stonith(device, Map.of()))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("no value for secret parameter password of stonith device ipmi-centos01");
    assertThatThrownBy(
            () -> PacemakerElements.stonith(device, Map.of("ipmi-centos01/password", "hunter2\n")))
        .hasMessageContaining("trailing newline")
        .hasMessageNotContaining("hunter2");
  }

  @Test
  void hostListComesFromFencesNodeAndParametersMayNotRepeat() {
    StonithDevice device = SeedPacemaker.device(SeedPacemaker.spec(), "ipmi-centos01");
    device.parameters.add(new StonithDevice.Parameter("pcmk_host_list", "centos02"));
    assertThatThrownBy(() -> PacemakerElements.stonith(device, SeedPacemaker.secrets()))
        .hasMessage(
            "parameter pcmk_host_list of stonith device ipmi-centos01 is set from fencesNode");

    StonithDevice twice = SeedPacemaker.device(SeedPacemaker.spec(), "ipmi-centos01");
    twice.parameters.add(new StonithDevice.Parameter("password", "plain"));
    assertThatThrownBy(() -> PacemakerElements.stonith(twice, SeedPacemaker.secrets()))
        .hasMessage("parameter password of stonith device ipmi-centos01 is listed twice");
  }

  @Test
  void valuesThatBypassedTheSchemaAreRefused() {
    StonithDevice agent = SeedPacemaker.device(SeedPacemaker.spec(), "ipmi-centos01");
    agent.agent = "fence_x\" class=\"ocf";
    assertThatThrownBy(() -> PacemakerElements.stonith(agent, SeedPacemaker.secrets()))
        .hasMessage("fence agent of ipmi-centos01 is missing or not allowed");

    StonithDevice value = SeedPacemaker.device(SeedPacemaker.spec(), "ipmi-centos01");
    value.parameters.get(0).value = "1.2.3.4\"/><nvpair";
    assertThatThrownBy(() -> PacemakerElements.stonith(value, SeedPacemaker.secrets()))
        .hasMessage("value of parameter ip of ipmi-centos01 is missing or not allowed");
  }

  @Test
  void requiredSecretsNameEverySecretKeyWithTheParameterAsDefaultKey() {
    StorageClusterSpec spec = SeedPacemaker.spec();
    spec.pacemaker.stonith.get(1).secretParameters.get(0).secretKeyRef.key = null;

    Map<String, SecretKeyRef> refs = PacemakerElements.requiredSecrets(spec);

    assertThat(refs).containsOnlyKeys("ipmi-centos01/password", "ipmi-centos02/password");
    assertThat(refs.get("ipmi-centos01/password"))
        .extracting(r -> r.name, r -> r.key)
        .containsExactly("ipmi-centos01", "password");
    assertThat(refs.get("ipmi-centos02/password").key).isEqualTo("password");
  }

  private static String stonithEnabled(boolean unfencedLab, boolean withDevices) {
    StorageClusterSpec spec = SeedPacemaker.spec();
    PacemakerSpec pacemaker = spec.pacemaker;
    pacemaker.unfencedLab = unfencedLab;
    if (!withDevices) {
      pacemaker.stonith.clear();
    }
    return PacemakerElements.desiredProperties(spec).get("stonith-enabled");
  }
}
