package io.hastorage.operator.testing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatNoException;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.opentest4j.AssertionFailedError;
import org.opentest4j.TestAbortedException;

class RealPrerequisitesTest {

  private static final Optional<String> MISSING = Optional.of("drbdadm not installed");

  @ParameterizedTest
  @ValueSource(strings = {"CI=true", "CI=TRUE", "HASTORAGE_REQUIRE_REAL_TOOLS=1"})
  void underEitherVariableAMissingPrerequisiteFails(String setting) {
    String[] nameAndValue = setting.split("=");
    RealPrerequisites gate = new RealPrerequisites(Map.of(nameAndValue[0], nameAndValue[1]));

    assertThatThrownBy(() -> gate.check("drbdadm dump", MISSING))
        .isInstanceOf(AssertionFailedError.class)
        .hasMessageContaining("drbdadm dump")
        .hasMessageContaining(setting)
        .hasMessageContaining("drbdadm not installed");
  }

  @Test
  void underBothVariablesItFailsToo() {
    RealPrerequisites gate =
        new RealPrerequisites(Map.of("CI", "true", "HASTORAGE_REQUIRE_REAL_TOOLS", "1"));

    assertThatThrownBy(() -> gate.check("the node lab", MISSING))
        .isInstanceOf(AssertionFailedError.class);
  }

  @ParameterizedTest
  @ValueSource(strings = {"", "CI=false", "CI=", "HASTORAGE_REQUIRE_REAL_TOOLS=0", "PATH=/bin"})
  void withoutThemItSkipsAndSaysHowToMakeItFail(String setting) {
    Map<String, String> env =
        setting.isEmpty() ? Map.of() : Map.of(setting.split("=", 2)[0], setting.split("=", 2)[1]);
    RealPrerequisites gate = new RealPrerequisites(env);

    assertThatThrownBy(() -> gate.check("drbdadm dump", MISSING))
        .isInstanceOf(TestAbortedException.class)
        .hasMessageContaining("drbdadm dump skipped: drbdadm not installed")
        .hasMessageContaining("CI=true")
        .hasMessageContaining("HASTORAGE_REQUIRE_REAL_TOOLS=1");
  }

  @Test
  void nothingMissingNeitherFailsNorSkips() {
    RealPrerequisites demanding =
        new RealPrerequisites(Map.of("CI", "true", "HASTORAGE_REQUIRE_REAL_TOOLS", "1"));
    RealPrerequisites relaxed = new RealPrerequisites(Map.of());

    assertThatNoException().isThrownBy(() -> demanding.check("the node lab", Optional.empty()));
    assertThatNoException().isThrownBy(() -> relaxed.check("the node lab", Optional.empty()));
  }

  @Test
  void demandedByNamesTheVariable() {
    assertThat(new RealPrerequisites(Map.of("CI", "true")).demandedBy()).contains("CI=true");
    assertThat(new RealPrerequisites(Map.of("HASTORAGE_REQUIRE_REAL_TOOLS", "1")).demandedBy())
        .contains("HASTORAGE_REQUIRE_REAL_TOOLS=1");
    assertThat(new RealPrerequisites(Map.of()).demandedBy()).isEmpty();
  }

  @Test
  void missingToolsNamesOnlyTheMissingOnes() {
    assertThat(RealPrerequisites.missingTools("sh")).isEmpty();
    assertThat(RealPrerequisites.missingTools("sh", "no-such-tool-hastorage"))
        .contains("no-such-tool-hastorage not installed");
  }
}
