package io.hastorage.operator.plan.pacemaker;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The cluster properties to set so the CIB holds the desired values. Only names the operator
 * manages are looked at: a property the spec doesn't name (dc-version, cluster-name, one an admin
 * set by hand, or one dropped from the spec) is never unset, because the operator cannot tell who
 * set it.
 */
public final class PropertyDiff {

  private PropertyDiff() {}

  /** Desired properties whose value is missing from the CIB or differs, in desired order. */
  public static List<PropertyChange> diff(Map<String, String> desired, Cib current) {
    List<PropertyChange> changes = new ArrayList<>();
    desired.forEach(
        (name, value) -> {
          Optional<String> now = Optional.ofNullable(current.properties().get(name));
          if (!now.equals(Optional.of(value))) {
            changes.add(new PropertyChange(name, value, now));
          }
        });
    return changes;
  }
}
