package io.hastorage.e2e.sim.cluster;

import io.hastorage.e2e.sim.SimulatedNode;
import io.hastorage.e2e.sim.tools.ServiceManager;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.HexFormat;
import java.util.Locale;
import java.util.Optional;
import java.util.function.Supplier;
import java.util.stream.Stream;

/**
 * Starting, stopping and reloading one node's corosync and pacemaker, with the unit dependency
 * systemd has (pacemaker.service requires corosync.service) and what corosync checks at start.
 * Called under {@link SimulatedCluster}'s lock.
 */
final class Daemons {

  private static final DateTimeFormatter JOURNAL =
      DateTimeFormatter.ofPattern("MMM dd HH:mm:ss", Locale.ROOT).withZone(ZoneOffset.UTC);

  private final Supplier<Instant> clock;

  Daemons(Supplier<Instant> clock) {
    this.clock = clock;
  }

  Optional<ServiceManager.StartFailure> startCorosync(ClusterMember member) {
    if (member.corosync != null) {
      return Optional.empty();
    }
    try {
      member.corosync = load(member.node, Optional.empty());
      member.corosyncFailed = false;
      member.sawAll = false;
      return Optional.empty();
    } catch (CorosyncConf.InvalidConf e) {
      member.corosyncFailed = true;
      String journal =
          journal(member.node, e.getMessage())
              + journal(
                  member.node, "Corosync Cluster Engine exiting with status 8 at main.c:1416.");
      return Optional.of(new ServiceManager.StartFailure(false, journal));
    } finally {
      mirror(member);
    }
  }

  /** Starts corosync first when needed; its failure is pacemaker's dependency failure. */
  Optional<ServiceManager.StartFailure> startPacemaker(ClusterMember member) {
    Optional<ServiceManager.StartFailure> corosync = startCorosync(member);
    if (corosync.isPresent()) {
      return Optional.of(new ServiceManager.StartFailure(true, corosync.get().journal()));
    }
    member.pacemaker = true;
    mirror(member);
    return Optional.empty();
  }

  /** A clean shutdown: the node leaves the membership without being unclean. */
  void stopPacemaker(ClusterMember member) {
    member.pacemaker = false;
    member.crashed = false;
    mirror(member);
  }

  /** Stops pacemaker first, as systemd does for a unit that requires corosync. */
  void stopCorosync(ClusterMember member) {
    stopPacemaker(member);
    member.corosync = null;
    member.corosyncFailed = false;
    member.sawAll = false;
    mirror(member);
  }

  /** Re-reads the member's corosync.conf (not its authkey); the errors, none on success. */
  Stream<String> reload(ClusterMember member) {
    try {
      member.corosync = load(member.node, Optional.of(member.corosync.authkey()));
      member.reloads++;
      return Stream.empty();
    } catch (CorosyncConf.InvalidConf e) {
      return Stream.of(member.name() + ": " + e.getMessage());
    }
  }

  boolean enabled(ClusterMember member, String unit) {
    return member
        .node
        .services()
        .get(unit)
        .map(u -> u.unitFileState().equals("enabled"))
        .orElse(false);
  }

  /** Shows what runs as the units' ActiveState, for systemctl show and pidof. */
  void mirror(ClusterMember member) {
    String corosync =
        member.runsCorosync() ? "active" : member.corosyncFailed ? "failed" : "inactive";
    ServiceManager.setActiveState(member.node, SimulatedCluster.COROSYNC_UNIT, corosync);
    ServiceManager.setActiveState(
        member.node,
        SimulatedCluster.PACEMAKER_UNIT,
        member.runsPacemaker() ? "active" : "inactive");
  }

  /** Loads the conf, then the authkey unless {@code keep} (a reload keeps the loaded key). */
  private static ClusterMember.Corosync load(SimulatedNode node, Optional<String> keep)
      throws CorosyncConf.InvalidConf {
    String text =
        node.readText(SimulatedCluster.COROSYNC_CONF)
            .orElseThrow(
                () ->
                    new CorosyncConf.InvalidConf(
                        "Can't read file "
                            + SimulatedCluster.COROSYNC_CONF
                            + ": No such file or directory"));
    CorosyncConf conf = CorosyncConf.parse(text);
    CorosyncConf.Node self =
        conf.node(node.name())
            .orElseThrow(
                () ->
                    new CorosyncConf.InvalidConf(
                        "This node ("
                            + node.name()
                            + ") is not in the nodelist of "
                            + SimulatedCluster.COROSYNC_CONF));
    String authkey = keep.isPresent() ? keep.get() : authkey(node);
    return new ClusterMember.Corosync(conf, authkey, self);
  }

  private static String authkey(SimulatedNode node) throws CorosyncConf.InvalidConf {
    byte[] key =
        node.readFile(SimulatedCluster.AUTHKEY)
            .orElseThrow(
                () ->
                    new CorosyncConf.InvalidConf(
                        "Could not open "
                            + SimulatedCluster.AUTHKEY
                            + ": No such file or directory"));
    return HexFormat.of().formatHex(key);
  }

  private String journal(SimulatedNode node, String message) {
    int pid = 1000 + Math.floorMod((node.name() + "/corosync").hashCode(), 30000);
    return JOURNAL.format(clock.get())
        + " "
        + node.name()
        + " corosync["
        + pid
        + "]: [MAIN  ] "
        + message
        + "\n";
  }
}
