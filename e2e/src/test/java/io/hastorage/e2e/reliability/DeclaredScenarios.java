package io.hastorage.e2e.reliability;

import java.lang.reflect.Method;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.platform.commons.support.ReflectionSupport;

/**
 * The rows the suite declares: every {@link Scenario} method of a test class under {@code
 * io.hastorage.e2e} (the reliability suite, the node lab's and the kernel lab's). The table holds
 * one row for each of them whether it ran or not, so a scenario that was skipped, or whose class
 * was not run, fails the table instead of disappearing from it.
 */
final class DeclaredScenarios {

  static final String PACKAGE = "io.hastorage.e2e";

  /** The result of a row that never ran. */
  static final String DID_NOT_RUN = "did not run";

  /**
   * One declared scenario and the {@code Class.method} its rows carry as {@link ScenarioRow#test}.
   */
  record Declared(Scenario scenario, String test) {}

  private DeclaredScenarios() {}

  /**
   * Every declared scenario on the class path, by test. Found once per JVM: classes don't change.
   */
  static List<Declared> all() {
    return Holder.ALL;
  }

  private static final class Holder {
    static final List<Declared> ALL = find(PACKAGE);
  }

  static List<Declared> find(String basePackage) {
    List<Declared> declared = new ArrayList<>();
    for (Class<?> type :
        ReflectionSupport.findAllClassesInPackage(
            basePackage, c -> true, n -> n.endsWith("IT") || n.endsWith("Test"))) {
      for (Method method : type.getDeclaredMethods()) {
        Scenario scenario = method.getAnnotation(Scenario.class);
        if (scenario != null) {
          declared.add(new Declared(scenario, type.getSimpleName() + "." + method.getName()));
        }
      }
    }
    declared.sort(Comparator.comparing(Declared::test));
    return List.copyOf(declared);
  }

  /**
   * {@code rows} plus, for each declared scenario none of them came from, a FAILED row with no
   * checks whose result says it did not run.
   */
  static List<ScenarioRow> withMissing(List<ScenarioRow> rows, List<Declared> declared) {
    Set<String> ran = rows.stream().map(ScenarioRow::test).collect(Collectors.toSet());
    List<ScenarioRow> all = new ArrayList<>(rows);
    for (Declared d : declared) {
      if (!ran.contains(d.test())) {
        all.add(didNotRun(d));
      }
    }
    return all;
  }

  static ScenarioRow didNotRun(Declared d) {
    Scenario s = d.scenario();
    return new ScenarioRow(
        s.id(),
        s.title(),
        "",
        s.where(),
        s.expected(),
        List.of(),
        "FAILED: " + DID_NOT_RUN,
        d.test());
  }

  static boolean didNotRun(ScenarioRow row) {
    return row.result().endsWith(DID_NOT_RUN);
  }
}
