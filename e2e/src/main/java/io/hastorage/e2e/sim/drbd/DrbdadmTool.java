package io.hastorage.e2e.sim.drbd;

import io.hastorage.e2e.sim.ExecOutcome;
import io.hastorage.e2e.sim.SimulatedNode;
import io.hastorage.e2e.sim.SimulatedTool;
import io.hastorage.e2e.sim.ToolContext;
import io.hastorage.e2e.sim.UnsupportedFeatureException;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * {@code drbdadm} (RES or RES/0) against a DRBD 8.4 kernel (drbd-utils 9 calling {@code
 * drbdsetup-84}): {@code create-md | wipe-md | up | adjust | down | primary [--force] | secondary
 * RES}. {@code --version} goes to the standard version tool. The resource's file is
 * /etc/drbd.d/RES.res on this node. wipe-md reads its confirmation ({@code yes}) from stdin, as the
 * operator sends it.
 */
final class DrbdadmTool implements SimulatedTool {

  private static final Set<String> VERBS =
      Set.of("create-md", "wipe-md", "up", "adjust", "down", "primary", "secondary");

  private final DrbdReplication replication;
  private final SimulatedTool versionTool;
  private final CreateMd createMd;
  private final WipeMd wipeMd;

  DrbdadmTool(DrbdReplication replication, SimulatedTool versionTool) {
    this.replication = replication;
    this.versionTool = versionTool;
    this.createMd = new CreateMd(replication);
    this.wipeMd = new WipeMd(replication);
  }

  @Override
  public boolean mutates(List<String> argv) {
    return argv.size() > 1 && VERBS.contains(argv.get(1));
  }

  @Override
  public ExecOutcome run(List<String> argv, ToolContext context) {
    if (argv.size() == 2 && (argv.get(1).equals("--version") || argv.get(1).equals("-V"))) {
      return versionTool.run(argv, context);
    }
    boolean force =
        argv.size() == 4 && argv.get(1).equals("primary") && argv.get(2).equals("--force");
    if (!(argv.size() == 3 && VERBS.contains(argv.get(1))) && !force) {
      throw new UnsupportedFeatureException(
          "drbdadm " + String.join(" ", argv.subList(1, argv.size())));
    }
    SimulatedNode node = context.node();
    // drbdadm takes RES or RES/VOL; the simulated resources have the one volume 0
    String target = argv.get(argv.size() - 1);
    String resource = target.contains("/") ? target.substring(0, target.indexOf('/')) : target;
    if (target.contains("/") && !target.endsWith("/0")) {
      throw new UnsupportedFeatureException("drbdadm volume other than 0: " + target);
    }
    Optional<ResFile> res =
        node.readText(ResFile.path(resource))
            .flatMap(text -> ResFile.parse(text, node.name()))
            .filter(r -> r.resource().equals(resource));
    if (res.isEmpty()) {
      return ExecOutcome.failure(
          10, "'" + resource + "' not defined in your config (for this host).\n");
    }
    String verb = argv.get(1);
    if (verb.equals("create-md")) {
      return createMd.run(node, res.get());
    }
    if (verb.equals("wipe-md")) {
      return wipeMd.run(node, res.get(), context.stdin());
    }
    if (!node.modules().isLoaded("drbd")) {
      return ExecOutcome.failure(20, "Could not connect to 'drbd' generic netlink family\n");
    }
    return switch (verb) {
      case "up" -> up(node, res.get(), false);
      case "adjust" -> up(node, res.get(), true);
      default ->
          replication.locked(all -> state(verb, force, node.name(), res.get(), all.get(resource)));
    };
  }

  private ExecOutcome up(SimulatedNode node, ResFile res, boolean adjust) {
    boolean hasMetadata =
        node.disks().exists(res.disk())
            && node.disks().signatures(res.disk()).stream().anyMatch(s -> s.type().equals("drbd"));
    return replication.locked(
        all -> {
          DrbdResource resource = all.get(res.resource());
          DrbdSide side = resource == null ? null : resource.sides.get(node.name());
          if (side == null || !hasMetadata) {
            return ExecOutcome.failure(
                10,
                res.minor()
                    + ": Failure: (119) No valid meta-data signature found.\n\n"
                    + "\t==> Use 'drbdadm create-md res' to initialize meta-data area. <==\n\n"
                    + drbdsetupFailed(
                        "attach " + res.minor() + " " + res.disk() + " " + res.disk() + " internal",
                        10));
          }
          if (side.up && !adjust) {
            return ExecOutcome.failure(
                10,
                res.minor()
                    + ": Failure: (161) Minor or volume exists already (delete it first)\n"
                    + drbdsetupFailed(
                        "new-minor " + res.resource() + " " + res.minor() + " 0", 10));
          }
          side.up = true;
          return ExecOutcome.ok("");
        });
  }

  private static ExecOutcome state(
      String verb, boolean force, String node, ResFile res, DrbdResource resource) {
    DrbdSide side = resource == null ? null : resource.sides.get(node);
    if (side == null || !side.up) {
      return verb.equals("down")
          ? ExecOutcome.ok("")
          : ExecOutcome.failure(10, res.resource() + ": No such resource\n");
    }
    switch (verb) {
      case "down", "secondary" -> {
        side.up = !verb.equals("down");
        side.role = DrbdSide.SECONDARY;
        return ExecOutcome.ok("");
      }
      default -> {
        return primary(force, side, resource);
      }
    }
  }

  private static ExecOutcome primary(boolean force, DrbdSide side, DrbdResource resource) {
    boolean peerPrimary = resource.peer(side.node).map(DrbdSide::primary).orElse(false);
    if (peerPrimary && !resource.splitBrain) {
      return ExecOutcome.failure(
          11,
          side.minor
              + ": State change failed: (-1) Multiple primaries"
              + " not allowed by config\n"
              + drbdsetupFailed("primary " + side.minor, 11));
    }
    if (!side.disk.equals(DrbdSide.UP_TO_DATE) && !force) {
      return ExecOutcome.failure(
          17,
          side.minor
              + ": State change failed: (-2) Need access to"
              + " UpToDate data\n"
              + drbdsetupFailed("primary " + side.minor, 17));
    }
    side.disk = DrbdSide.UP_TO_DATE;
    side.role = DrbdSide.PRIMARY;
    return ExecOutcome.ok("");
  }

  private static String drbdsetupFailed(String args, int code) {
    return "Command 'drbdsetup-84 " + args + "' terminated with exit code " + code + "\n";
  }
}
