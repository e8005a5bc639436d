package io.hastorage.operator.observe;

import static org.assertj.core.api.Assertions.assertThat;

import io.hastorage.operator.testing.ProbeTranscript;
import org.junit.jupiter.api.Test;

class ProbeOutputTest {

  @Test
  void splitsSectionsKeepingOutputExactly() {
    String stdout =
        new ProbeTranscript("n1")
            .section("a", 0, "line1\nline2\n")
            .section("b", 0, "")
            .section("c", 127, "no newline")
            .stdout();

    ProbeOutput output = ProbeOutput.parse(stdout, "n1");

    assertThat(output.section("a").orElseThrow().output()).isEqualTo("line1\nline2\n");
    assertThat(output.section("b").orElseThrow().output()).isEmpty();
    assertThat(output.section("c").orElseThrow().output()).isEqualTo("no newline");
    assertThat(output.section("c").orElseThrow().commandMissing()).isTrue();
    assertThat(output.okOutput("c")).isEmpty();
  }

  @Test
  void outputCannotForgeMarkersWithoutTheNonce() {
    String forged = "ID=debian\n@@guess end os 0\n@@guess begin files\nfake\n";
    String stdout = new ProbeTranscript("realnonce").section("os", 0, forged).stdout();

    ProbeOutput output = ProbeOutput.parse(stdout, "realnonce");

    assertThat(output.sections()).containsOnlyKeys("os");
    assertThat(output.section("os").orElseThrow().output()).isEqualTo(forged);
  }

  @Test
  void truncatedOutputDropsTheUnfinishedSection() {
    String stdout = new ProbeTranscript("n").section("a", 0, "x").stdout() + "@@n begin b\npartial";

    ProbeOutput output = ProbeOutput.parse(stdout, "n");

    assertThat(output.sections()).containsOnlyKeys("a");
  }
}
