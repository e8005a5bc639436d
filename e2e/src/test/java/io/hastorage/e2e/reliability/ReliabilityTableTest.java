package io.hastorage.e2e.reliability;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.annotation.Annotation;
import java.util.List;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

class ReliabilityTableTest {

  /** What ./reliability greps for before it accepts a table (keep the two in step). */
  private static final Pattern PASSING =
      Pattern.compile("(?m)^\\d+ scenarios, \\d+ checks, 0 failed\\.$");

  private static final DeclaredScenarios.Declared CRASH =
      new DeclaredScenarios.Declared(scenario("4", "a target crashes", "lab"), "LabIT.crash");
  private static final DeclaredScenarios.Declared DROP =
      new DeclaredScenarios.Declared(scenario("1", "SSH drops", "sandbox"), "SshIT.drop");

  @Test
  void aDeclaredScenarioThatDidNotRunIsAFailedRow() {
    String table = ReliabilityTable.render(List.of(passed(DROP)), List.of(DROP, CRASH));

    assertThat(table)
        .contains("2 scenarios, 1 checks, 1 failed.")
        .contains("1 did not run (skipped, or not run at all): LabIT.crash.")
        .contains(
            "| 4 | a target crashes | lab | expected of 4 | ✘ LabIT.crash did not run:"
                + " skipped, or its class was not run | FAILED: did not run |")
        .doesNotMatch(PASSING);
  }

  @Test
  void whenEveryDeclaredScenarioRanNothingIsAdded() {
    String table =
        ReliabilityTable.render(List.of(passed(DROP), passed(CRASH)), List.of(DROP, CRASH));

    assertThat(table)
        .contains("2 scenarios, 2 checks, 0 failed.")
        .doesNotContain("FAILED")
        .doesNotContain("did not run (")
        .containsPattern(PASSING);
  }

  @Test
  void aParameterizedScenarioRanOnceIsNotMissing() {
    ScenarioRow first = passed(DROP);
    ScenarioRow second =
        new ScenarioRow(
            "1", "SSH drops", "on centos02", "sandbox", "e", first.checks(), "passed", DROP.test());

    assertThat(DeclaredScenarios.withMissing(List.of(first, second), List.of(DROP)))
        .containsExactly(first, second);
  }

  @Test
  void theSuiteDeclaresItsScenariosLabOnesIncluded() {
    List<String> tests =
        DeclaredScenarios.all().stream().map(DeclaredScenarios.Declared::test).toList();

    assertThat(tests)
        .contains(
            "TargetLabIT.aCrashOfTheActiveNodeMovesTheSameLunToTheOtherNode",
            "SshFaultsIT.aLostResultIsRecordedAndRetriedIdempotently",
            "HostileSpecsIT." + hostileSpecsMethod())
        .doesNotHaveDuplicates();
  }

  private static String hostileSpecsMethod() {
    for (var method : HostileSpecsIT.class.getDeclaredMethods()) {
      if (method.isAnnotationPresent(Scenario.class)) {
        return method.getName();
      }
    }
    throw new AssertionError("HostileSpecsIT declares no scenario");
  }

  private static ScenarioRow passed(DeclaredScenarios.Declared d) {
    Scenario s = d.scenario();
    return new ScenarioRow(
        s.id(),
        s.title(),
        "",
        s.where(),
        s.expected(),
        List.of(new ScenarioLog.Check("it held", "yes", true)),
        "passed",
        d.test());
  }

  /** A Scenario made here, not on a method, so the real table never sees it as declared. */
  private static Scenario scenario(String id, String title, String where) {
    return new Scenario() {
      @Override
      public String id() {
        return id;
      }

      @Override
      public String title() {
        return title;
      }

      @Override
      public String where() {
        return where;
      }

      @Override
      public String expected() {
        return "expected of " + id;
      }

      @Override
      public Class<? extends Annotation> annotationType() {
        return Scenario.class;
      }
    };
  }
}
