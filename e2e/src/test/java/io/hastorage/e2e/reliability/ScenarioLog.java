package io.hastorage.e2e.reliability;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * The checks of one scenario: each asserts and is recorded with what was observed, so the table
 * shows the evidence and not only a verdict.
 */
public final class ScenarioLog {

  /** One check as the table shows it. */
  public record Check(String what, String observed, boolean passed) {}

  private final List<Check> checks = new ArrayList<>();
  private String detail = "";

  /** Asserts {@code observed} equals {@code expected}. */
  public <T> T check(String what, Object expected, T observed) {
    boolean passed = Objects.equals(expected, observed);
    checks.add(new Check(what, String.valueOf(observed), passed));
    assertThat(observed).as(what).isEqualTo(expected);
    return observed;
  }

  /** Asserts {@code holds}; {@code observed} is what the table shows as the evidence. */
  public void holds(String what, boolean holds, Object observed) {
    checks.add(new Check(what, String.valueOf(observed), holds));
    assertThat(holds).as("%s (observed: %s)", what, observed).isTrue();
  }

  /** A per-invocation refinement of the title (a parameterized scenario's case). */
  public void detail(String detail) {
    this.detail = detail;
  }

  String detail() {
    return detail;
  }

  List<Check> checks() {
    return List.copyOf(checks);
  }
}
