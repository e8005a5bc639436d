package io.hastorage.operator.plan;

import java.util.Objects;

/**
 * The answer of a guard: go ahead, or a refusal with a CamelCase reason and a message that explains
 * itself in a status condition (which node, which device, what was found).
 */
public record Decision(boolean allowed, String reason, String message) {

  private static final Decision ALLOW = new Decision(true, "", "");

  public Decision {
    Objects.requireNonNull(reason, "reason");
    Objects.requireNonNull(message, "message");
  }

  public static Decision allow() {
    return ALLOW;
  }

  public static Decision refuse(String reason, String message) {
    if (reason.isEmpty() || !Character.isUpperCase(reason.charAt(0))) {
      throw new IllegalArgumentException("reason must be CamelCase: " + reason);
    }
    return new Decision(false, reason, message);
  }
}
