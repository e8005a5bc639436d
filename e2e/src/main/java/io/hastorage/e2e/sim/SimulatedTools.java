package io.hastorage.e2e.sim;

import io.hastorage.e2e.sim.tools.StandardTools;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The programs the simulated shell can run, keyed by program name. Later features add tools by
 * registering a handler: {@code tools.register("drbdadm", Availability.anyPackage(...), handler)}.
 */
public final class SimulatedTools {

  /** A tool and the condition under which its program exists on a node. */
  public record Registration(SimulatedTool tool, Availability availability) {}

  private final Map<String, Registration> byProgram = new ConcurrentHashMap<>();

  /** An empty registry. */
  public SimulatedTools() {}

  /** A registry with every tool in {@link StandardTools}. */
  public static SimulatedTools standard() {
    SimulatedTools tools = new SimulatedTools();
    StandardTools.registerAll(tools);
    return tools;
  }

  /** A registry with the same registrations, to extend without changing this one. */
  public SimulatedTools copy() {
    SimulatedTools copy = new SimulatedTools();
    copy.byProgram.putAll(byProgram);
    return copy;
  }

  /** Registers a program present on every node; replaces an earlier registration. */
  public SimulatedTools register(String program, SimulatedTool tool) {
    return register(program, Availability.always(), tool);
  }

  public SimulatedTools register(String program, Availability availability, SimulatedTool tool) {
    Objects.requireNonNull(program, "program");
    byProgram.put(
        program,
        new Registration(
            Objects.requireNonNull(tool, "tool"),
            Objects.requireNonNull(availability, "availability")));
    return this;
  }

  public Optional<Registration> lookup(String program) {
    return Optional.ofNullable(byProgram.get(program));
  }

  public Set<String> programs() {
    return new TreeSet<>(byProgram.keySet());
  }
}
