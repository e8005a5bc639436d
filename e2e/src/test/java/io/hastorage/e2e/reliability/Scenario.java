package io.hastorage.e2e.reliability;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * One row of the reliability table: a fault (or bad input) and what must happen. The test method
 * takes a {@link ScenarioLog} and proves the expectation through it; every check it makes becomes
 * the row's "observed" column, and a scenario that checks nothing fails.
 */
@Target(ElementType.METHOD)
@Retention(RetentionPolicy.RUNTIME)
@ExtendWith(ScenarioReport.class)
public @interface Scenario {

  /** The scenario number, optionally with a letter: "2a". Orders the table. */
  String id();

  /** The fault or input, as the table shows it. */
  String title();

  /**
   * Where it runs: {@code sandbox} (real operator and SSH, simulated nodes), {@code lab} (the node
   * lab) or {@code kernel} (the kernel lab).
   */
  String where();

  /** What must happen. */
  String expected();
}
