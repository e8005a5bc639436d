package io.hastorage.e2e.sandbox;

import io.fabric8.kubernetes.api.model.Condition;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.client.CustomResource;
import io.hastorage.operator.api.common.ResourceStatus;
import java.io.PrintStream;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** Prints each condition of a resource when its status, reason or message changes. */
final class ConditionPrinter {

  private final PrintStream out;
  private final Instant start;
  private final Map<String, String> seen = new HashMap<>();

  ConditionPrinter(PrintStream out, Instant start) {
    this.out = out;
    this.start = start;
  }

  void print(HasMetadata resource) {
    if (!(resource instanceof CustomResource<?, ?> custom)
        || !(custom.getStatus() instanceof ResourceStatus status)) {
      return;
    }
    List<Condition> conditions = status.conditions;
    for (Condition condition : conditions) {
      String key =
          resource.getKind() + "/" + resource.getMetadata().getName() + "/" + condition.getType();
      String value =
          condition.getStatus() + " " + condition.getReason() + " " + condition.getMessage();
      if (!value.equals(seen.put(key, value))) {
        out.printf(
            "[%5.1fs] %s %s  %s=%s  %s: %s%n",
            Duration.between(start, Instant.now()).toMillis() / 1000.0,
            resource.getKind(),
            resource.getMetadata().getName(),
            condition.getType(),
            condition.getStatus(),
            condition.getReason(),
            condition.getMessage());
      }
    }
  }
}
