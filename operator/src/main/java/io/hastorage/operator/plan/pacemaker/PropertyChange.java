package io.hastorage.operator.plan.pacemaker;

import java.util.Objects;
import java.util.Optional;

/**
 * One cluster property to set. Properties are never secret, so values show in descriptions.
 *
 * @param name the property, e.g. no-quorum-policy
 * @param value the value to set
 * @param current the value in the CIB now, empty if unset
 */
public record PropertyChange(String name, String value, Optional<String> current) {

  public PropertyChange {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(value, "value");
    Objects.requireNonNull(current, "current");
  }

  @Override
  public String toString() {
    return name + "=" + value + current.map(c -> " (was " + c + ")").orElse(" (unset)");
  }
}
