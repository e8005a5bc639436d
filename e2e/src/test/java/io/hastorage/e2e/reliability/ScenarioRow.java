package io.hastorage.e2e.reliability;

import java.util.List;

/** One scenario's outcome, as stored between the test run and the table. */
public record ScenarioRow(
    String id,
    String title,
    String detail,
    String where,
    String expected,
    List<ScenarioLog.Check> checks,
    String result,
    String test) {}
