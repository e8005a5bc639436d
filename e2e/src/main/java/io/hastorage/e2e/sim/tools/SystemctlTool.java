package io.hastorage.e2e.sim.tools;

import io.hastorage.e2e.sim.ExecOutcome;
import io.hastorage.e2e.sim.SimulatedTool;
import io.hastorage.e2e.sim.ToolContext;
import io.hastorage.e2e.sim.UnsupportedFeatureException;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * {@code systemctl show --property=A,B UNIT...} (see {@link SystemctlShow}) and the unit verbs
 * {@code start}, {@code stop}, {@code restart}, {@code enable [--now]} and {@code disable [--now]}
 * (see {@link SystemctlVerbs}). Starting and stopping is delegated to a {@link ServiceManager}, so
 * units with behaviour (the cluster daemons) can refuse to start. Only {@code show} is read-only.
 */
public final class SystemctlTool implements SimulatedTool {

  private final ServiceManager manager;

  /** systemctl over units without behaviour ({@link ServiceManager#simple()}). */
  public SystemctlTool() {
    this(ServiceManager.simple());
  }

  public SystemctlTool(ServiceManager manager) {
    this.manager = Objects.requireNonNull(manager, "manager");
  }

  @Override
  public boolean mutates(List<String> argv) {
    return !(argv.size() > 1 && argv.get(1).equals("show"));
  }

  @Override
  public ExecOutcome run(List<String> argv, ToolContext context) {
    String verb = argv.size() < 2 ? "" : argv.get(1);
    List<String> args = argv.subList(Math.min(2, argv.size()), argv.size());
    return switch (verb) {
      case "show" -> SystemctlShow.run(args, context.node());
      case "start", "stop", "restart" ->
          new SystemctlVerbs(manager, context.node()).startStop(verb, units(verb, args, false));
      case "enable", "disable" ->
          new SystemctlVerbs(manager, context.node())
              .enableDisable(verb, units(verb, args, true), args.contains("--now"));
      default -> throw new UnsupportedFeatureException("systemctl " + String.join(" ", args));
    };
  }

  /** The unit operands; {@code --now} only where {@code allowNow}, no other option. */
  private static List<String> units(String verb, List<String> args, boolean allowNow) {
    List<String> units = new ArrayList<>();
    for (String arg : args) {
      if (arg.equals("--now") && allowNow) {
        continue;
      }
      if (arg.startsWith("-")) {
        throw new UnsupportedFeatureException("systemctl " + verb + " option '" + arg + "'");
      }
      units.add(arg);
    }
    if (units.isEmpty()) {
      throw new UnsupportedFeatureException("systemctl " + verb + " without a unit");
    }
    return units;
  }
}
