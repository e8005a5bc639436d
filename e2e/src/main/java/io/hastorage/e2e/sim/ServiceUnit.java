package io.hastorage.e2e.sim;

import java.util.Objects;

/** One systemd unit and the two states the operator looks at. */
public record ServiceUnit(String id, String activeState, String unitFileState) {

  public ServiceUnit {
    Objects.requireNonNull(activeState, "activeState");
    Objects.requireNonNull(unitFileState, "unitFileState");
    id = unitId(id);
  }

  public static ServiceUnit enabledActive(String name) {
    return new ServiceUnit(name, "active", "enabled");
  }

  public static ServiceUnit enabledInactive(String name) {
    return new ServiceUnit(name, "inactive", "enabled");
  }

  public static ServiceUnit disabledInactive(String name) {
    return new ServiceUnit(name, "inactive", "disabled");
  }

  /** How systemctl names a unit: a bare name means {@code NAME.service}. */
  public static String unitId(String name) {
    Objects.requireNonNull(name, "name");
    int dot = name.lastIndexOf('.');
    if (dot > 0 && isUnitType(name.substring(dot + 1))) {
      return name;
    }
    return name + ".service";
  }

  private static boolean isUnitType(String suffix) {
    return switch (suffix) {
      case "service", "socket", "target", "mount", "timer", "path", "device", "slice", "scope" ->
          true;
      default -> false;
    };
  }
}
