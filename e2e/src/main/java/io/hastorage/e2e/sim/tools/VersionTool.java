package io.hastorage.e2e.sim.tools;

import io.hastorage.e2e.sim.ExecOutcome;
import io.hastorage.e2e.sim.SimulatedNode;
import io.hastorage.e2e.sim.SimulatedPackage;
import io.hastorage.e2e.sim.SimulatedTool;
import io.hastorage.e2e.sim.ToolContext;
import io.hastorage.e2e.sim.UnsupportedFeatureException;
import java.util.List;
import java.util.Set;
import java.util.function.BiFunction;

/**
 * A program that, for now, only answers its version flag, with text rendered from the upstream
 * version of whichever of its packages is installed. Fuller tools (drbdadm subcommands, ...) can
 * keep using it for the version flag.
 */
public final class VersionTool implements SimulatedTool {

  private final List<String> packages;
  private final Set<String> versionFlags;
  private final BiFunction<String, SimulatedNode, String> render;

  /**
   * @param packages the packages providing the program, first installed one wins
   * @param versionFlags the argv[1] values that ask for the version (argv must have no more)
   * @param render (upstream version, node) to the text printed
   */
  public VersionTool(
      List<String> packages,
      Set<String> versionFlags,
      BiFunction<String, SimulatedNode, String> render) {
    this.packages = List.copyOf(packages);
    this.versionFlags = Set.copyOf(versionFlags);
    this.render = render;
  }

  /** Whether {@code argv} asks for the version. */
  public boolean handles(List<String> argv) {
    return argv.size() == 2 && versionFlags.contains(argv.get(1));
  }

  @Override
  public boolean mutates(List<String> argv) {
    return false;
  }

  @Override
  public ExecOutcome run(List<String> argv, ToolContext context) {
    if (!handles(argv)) {
      throw new UnsupportedFeatureException(String.join(" ", argv));
    }
    String version =
        packages.stream()
            .flatMap(p -> context.node().packages().installed(p).stream())
            .map(SimulatedPackage::upstreamVersion)
            .findFirst()
            .orElseThrow(() -> new IllegalStateException(argv.get(0) + " ran without its package"));
    return ExecOutcome.ok(render.apply(version, context.node()));
  }
}
