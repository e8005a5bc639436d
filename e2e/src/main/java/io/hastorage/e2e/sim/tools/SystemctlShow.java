package io.hastorage.e2e.sim.tools;

import io.hastorage.e2e.sim.ExecOutcome;
import io.hastorage.e2e.sim.ServiceUnit;
import io.hastorage.e2e.sim.SimulatedNode;
import io.hastorage.e2e.sim.UnsupportedFeatureException;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * {@code systemctl show --property=A,B UNIT...}: one block of {@code Key=Value} lines per unit,
 * blocks separated by a blank line, properties in systemd's order. A unit that does not exist is
 * reported as systemd does: {@code LoadState=not-found}, inactive, empty UnitFileState. WantedBy is
 * multi-user.target for an enabled unit (what its [Install] section says for every unit here).
 */
final class SystemctlShow {

  private static final List<String> ORDER =
      List.of("Id", "LoadState", "ActiveState", "SubState", "UnitFileState", "WantedBy");

  private SystemctlShow() {}

  /** {@code args}: everything after {@code show}. */
  static ExecOutcome run(List<String> args, SimulatedNode node) {
    Set<String> properties = new LinkedHashSet<>();
    List<String> units = new ArrayList<>();
    for (int i = 0; i < args.size(); i++) {
      String arg = args.get(i);
      if (arg.startsWith("--property=")) {
        properties.addAll(List.of(arg.substring("--property=".length()).split(",")));
      } else if (arg.equals("-p") && i + 1 < args.size()) {
        properties.addAll(List.of(args.get(++i).split(",")));
      } else if (arg.startsWith("-") && !arg.equals("--no-pager")) {
        throw new UnsupportedFeatureException("systemctl show option '" + arg + "'");
      } else if (!arg.startsWith("-")) {
        units.add(arg);
      }
    }
    if (properties.isEmpty() || units.isEmpty() || !ORDER.containsAll(properties)) {
      throw new UnsupportedFeatureException("systemctl show of properties " + properties);
    }
    List<String> blocks = new ArrayList<>();
    for (String unit : units) {
      blocks.add(block(unit, properties, node));
    }
    return ExecOutcome.ok(String.join("\n", blocks));
  }

  private static String block(String unit, Set<String> properties, SimulatedNode node) {
    Optional<ServiceUnit> found = node.services().get(unit);
    StringBuilder out = new StringBuilder();
    for (String property : ORDER) {
      if (properties.contains(property)) {
        out.append(property).append('=').append(value(property, unit, found)).append('\n');
      }
    }
    return out.toString();
  }

  private static String value(String property, String unit, Optional<ServiceUnit> found) {
    return switch (property) {
      case "Id" -> ServiceUnit.unitId(unit);
      case "LoadState" -> found.isPresent() ? "loaded" : "not-found";
      case "ActiveState" -> found.map(ServiceUnit::activeState).orElse("inactive");
      case "SubState" -> found.map(u -> subState(u.activeState())).orElse("dead");
      // an enabled unit's [Install] section hooks it into multi-user.target
      case "WantedBy" ->
          found.filter(u -> "enabled".equals(u.unitFileState())).isPresent()
              ? "multi-user.target"
              : "";
      default -> found.map(ServiceUnit::unitFileState).orElse("");
    };
  }

  private static String subState(String activeState) {
    return switch (activeState) {
      case "active" -> "running";
      case "failed" -> "failed";
      default -> "dead";
    };
  }
}
