package io.hastorage.operator.plan.scst;

import static org.assertj.core.api.Assertions.assertThat;

import io.hastorage.operator.node.FileWrite;
import io.hastorage.operator.plan.Action;
import io.hastorage.operator.plan.ManagedFiles;
import io.hastorage.operator.plan.Step;
import io.hastorage.operator.testing.FactsBuilder;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class PortblockCompatibilityTest {

  private static final Optional<String> DEBIAN_12_RA = Optional.of("1:4.12.0-2");
  private static final Optional<String> IPTABLES_1_8_9 = Optional.of("iptables v1.8.9 (nf_tables)");

  @Test
  void debian12IsAffectedAndGetsTheWrapperAgent() {
    var a =
        PortblockCompatibility.assess("centos01", DEBIAN_12_RA, IPTABLES_1_8_9, Optional.empty());

    assertThat(a.usable()).isTrue();
    assertThat(a.wrapperNeeded()).isTrue();
    assertThat(a.provider()).isEqualTo("hastorage");
    assertThat(a.type()).isEqualTo("portblock");
    assertThat(a.reason()).isEqualTo(PortblockCompatibility.WORKAROUND);
    assertThat(a.message()).contains("centos01", "4.12.0", "1.8.9", "clients stay blocked");
  }

  @Test
  void theLegacyBackendOfTheSameReleaseIsAffectedToo() {
    var a =
        PortblockCompatibility.assess(
            "n", DEBIAN_12_RA, Optional.of("iptables v1.8.9 (legacy)"), Optional.empty());

    assertThat(a.wrapperNeeded()).isTrue();
  }

  @Test
  void otherIptablesReleasesKeepTheStockAgent() {
    for (String v : new String[] {"iptables v1.8.7 (nf_tables)", "iptables v1.8.10 (nf_tables)"}) {
      var a = PortblockCompatibility.assess("n", DEBIAN_12_RA, Optional.of(v), Optional.empty());

      assertThat(a.wrapperNeeded()).as(v).isFalse();
      assertThat(a.provider()).isEqualTo("heartbeat");
      assertThat(a.reason()).isEqualTo(PortblockCompatibility.STOCK);
    }
  }

  @Test
  void aListingWithNumbersOverridesTheVersion() throws IOException {
    String captured = captured("iptables-listing-forms.txt");
    String numeric = captured.substring(0, captured.indexOf("$ iptables -L INPUT"));

    var a =
        PortblockCompatibility.assess(
            "n", DEBIAN_12_RA, Optional.of("iptables v1.8.10 (nf_tables)"), Optional.of(numeric));

    assertThat(PortblockCompatibility.listingForm(numeric))
        .isEqualTo(PortblockCompatibility.ListingForm.NUMBERS);
    assertThat(a.wrapperNeeded()).isTrue();
    assertThat(a.message()).contains("protocol numbers");
  }

  @Test
  void aListingWithNamesOverridesTheVersion() {
    String names =
        """
        Chain INPUT (policy ACCEPT)
        target     prot opt source               destination
        DROP       tcp  --  0.0.0.0/0            10.20.1.180          multiport dports 3260
        """;

    var a = PortblockCompatibility.assess("n", DEBIAN_12_RA, IPTABLES_1_8_9, Optional.of(names));

    assertThat(a.wrapperNeeded()).isFalse();
    assertThat(a.reason()).isEqualTo(PortblockCompatibility.STOCK);
  }

  @Test
  void anEmptyChainSaysNothingSoTheVersionDecides() {
    String empty = "Chain INPUT (policy ACCEPT)\ntarget     prot opt source    destination\n";

    assertThat(PortblockCompatibility.listingForm(empty))
        .isEqualTo(PortblockCompatibility.ListingForm.INCONCLUSIVE);
    assertThat(
            PortblockCompatibility.assess("n", DEBIAN_12_RA, IPTABLES_1_8_9, Optional.of(empty))
                .wrapperNeeded())
        .isTrue();
  }

  @Test
  void missingAgentOrIptablesMakesPortblockUnusable() {
    var noAgent =
        PortblockCompatibility.assess("n", Optional.empty(), IPTABLES_1_8_9, Optional.empty());
    var noIptables =
        PortblockCompatibility.assess(
            "n", DEBIAN_12_RA, Optional.of("sh: 1: iptables: not found"), Optional.empty());

    assertThat(noAgent.usable()).isFalse();
    assertThat(noAgent.reason()).isEqualTo(PortblockCompatibility.AGENT_MISSING);
    assertThat(noIptables.usable()).isFalse();
    assertThat(noIptables.reason()).isEqualTo(PortblockCompatibility.IPTABLES_MISSING);
  }

  @Test
  void theWrapperIsWrittenExecutableOnlyWhenNeededAndChanged() {
    var affected =
        PortblockCompatibility.assess("centos01", DEBIAN_12_RA, IPTABLES_1_8_9, Optional.empty());
    var fine =
        PortblockCompatibility.assess(
            "centos01", DEBIAN_12_RA, Optional.of("iptables v1.8.10"), Optional.empty());
    var without = new FactsBuilder("centos01").build();
    var installed =
        new FactsBuilder("centos01")
            .file(PortblockWrapperAgent.PATH, ManagedFiles.sha256(PortblockWrapperAgent.script()))
            .build();

    Optional<Step> step = PortblockCompatibility.wrapperStep(affected, without);

    assertThat(step).isPresent();
    FileWrite file = ((Action.WriteFile) step.get().action()).file();
    assertThat(file.path()).isEqualTo("/usr/lib/ocf/resource.d/hastorage/portblock");
    assertThat(file.mode()).isEqualTo("0755");
    assertThat(PortblockCompatibility.wrapperStep(affected, installed)).isEmpty();
    assertThat(PortblockCompatibility.wrapperStep(fine, without)).isEmpty();
  }

  @Test
  void theWrapperRunsTheStockAgentWithItselfAsIptables() {
    String script = PortblockWrapperAgent.script();

    assertThat(script).startsWith("#!/bin/sh\n# " + ManagedFiles.MARKER);
    assertThat(script)
        .contains("IPTABLES=\"$0 --hastorage-iptables\"")
        .contains("exec \"${OCF_ROOT:-/usr/lib/ocf}/resource.d/heartbeat/portblock\" \"$@\"")
        .contains("\\)6\\([[:space:]]\\)/\\1tcp\\2/")
        .doesNotContain("%1$s");
  }

  @Test
  void dropRulesFindsWhatTheStockUnblockLeftBehind() throws IOException {
    String transcript = captured("stock-agent-transcript.txt");
    String last = transcript.substring(transcript.lastIndexOf("$ iptables -S INPUT"));

    assertThat(PortblockCompatibility.dropRules(last, "10.20.1.180", 3260)).hasSize(2);
    assertThat(PortblockCompatibility.dropRules(last, "10.20.1.181", 3260)).isEmpty();
    assertThat(PortblockCompatibility.dropRules(last, "10.20.1.180", 3261)).isEmpty();
  }

  @Test
  void versionIsReadFromIptablesV() {
    assertThat(PortblockCompatibility.version("iptables v1.8.9 (nf_tables)")).contains("1.8.9");
    assertThat(PortblockCompatibility.version("iptables v1.4.21")).contains("1.4.21");
    assertThat(PortblockCompatibility.version("not found")).isEmpty();
  }

  private static String captured(String name) throws IOException {
    try (InputStream in =
        PortblockCompatibilityTest.class.getResourceAsStream("/captured/portblock/" + name)) {
      assertThat(in).as(name).isNotNull();
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
  }

  /** A target node of the kernel lab (LIO run, no portblock): no DROP rule for any portal. */
  @Test
  void noDropRuleInARealEmptyInputChain() {
    String rules =
        io.hastorage.operator.testing.Captured.read("kernel-lab/harness/ta-iptables-S-INPUT.txt");

    assertThat(rules).isEqualTo("-P INPUT ACCEPT\n");
    assertThat(PortblockCompatibility.dropRules(rules, "10.98.0.100", 3260)).isEmpty();
  }
}
