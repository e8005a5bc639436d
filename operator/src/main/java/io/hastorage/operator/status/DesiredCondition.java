package io.hastorage.operator.status;

import java.util.Objects;

/** A condition as the aggregator wants it, before timestamps are merged in. */
public record DesiredCondition(String type, ConditionStatus status, String reason, String message) {

  public DesiredCondition {
    Objects.requireNonNull(type, "type");
    Objects.requireNonNull(status, "status");
    Objects.requireNonNull(reason, "reason");
    Objects.requireNonNull(message, "message");
    if (reason.isEmpty() || !reason.matches("^[A-Z][A-Za-z0-9]*$")) {
      throw new IllegalArgumentException("reason must be CamelCase: " + reason);
    }
  }

  public static DesiredCondition of(String type, boolean ok, String reason, String message) {
    return new DesiredCondition(type, ConditionStatus.of(ok), reason, message);
  }

  public boolean isTrue() {
    return status == ConditionStatus.True;
  }
}
