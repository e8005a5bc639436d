package io.hastorage.operator.plan.ocfs2;

import io.hastorage.operator.observe.NodeFacts;
import io.hastorage.operator.observe.initiator.IscsiSession;
import io.hastorage.operator.observe.initiator.MultipathMap;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * How one initiator sees the LUN: the SCSI disks its sessions to the target's portals attached for
 * the LUN number, and the multipath map holding them. The WWID comes from that map, so the device
 * is found by what the sessions attached, never by a /dev/sdX name.
 *
 * @param sessions sessions to the target at its portals (any state)
 * @param wwid the map's WWID, when exactly one map holds the LUN's disks
 * @param pathsUp paths multipath reports ready
 * @param problem why no WWID is known, when there is a reason beyond "not logged in yet"
 */
public record LunPaths(
    int sessions, Optional<String> wwid, int pathsUp, int pathsTotal, Optional<String> problem) {

  /** WWIDs end up in a device path and in argv: only the characters real WWIDs use. */
  private static final Pattern SAFE_WWID = Pattern.compile("^[A-Za-z0-9_.:-]{1,128}$");

  /** SCSI disk names as the kernel gives them; anything else never reaches a command line. */
  private static final Pattern SAFE_DISK = Pattern.compile("^sd[a-z]{1,4}$");

  public static LunPaths of(MountDesign design, NodeFacts facts) {
    List<IscsiSession> sessions = sessions(design, facts);
    List<String> disks = disks(design, sessions);
    int total = design.portals().size();
    if (disks.isEmpty()) {
      Optional<String> why =
          sessions.isEmpty()
              ? Optional.empty()
              : Optional.of(
                  facts.nodeName()
                      + ": logged in, but no session shows LUN "
                      + design.lun()
                      + " of "
                      + design.iqn());
      return new LunPaths(sessions.size(), Optional.empty(), 0, total, why);
    }
    List<MultipathMap> maps =
        InitiatorProbe.multipath(facts).orElse(List.of()).stream()
            .filter(m -> m.paths().stream().anyMatch(p -> disks.contains(p.device())))
            .toList();
    if (maps.isEmpty()) {
      return new LunPaths(
          sessions.size(),
          Optional.empty(),
          0,
          total,
          Optional.of(
              facts.nodeName()
                  + ": no multipath map holds "
                  + String.join(", ", disks)
                  + " (is multipathd running, does the drop-in match the target's vendor?)"));
    }
    if (maps.size() > 1) {
      return new LunPaths(
          sessions.size(),
          Optional.empty(),
          0,
          total,
          Optional.of(
              facts.nodeName()
                  + ": LUN "
                  + design.lun()
                  + "'s paths are in several multipath maps: "
                  + String.join(", ", maps.stream().map(MultipathMap::wwid).toList())));
    }
    MultipathMap map = maps.get(0);
    if (!SAFE_WWID.matcher(map.wwid()).matches()) {
      return new LunPaths(
          sessions.size(),
          Optional.empty(),
          0,
          total,
          Optional.of(facts.nodeName() + ": multipath WWID in an unexpected form: " + map.wwid()));
    }
    return new LunPaths(
        sessions.size(),
        Optional.of(map.wwid()),
        (int) map.pathsUp(),
        Math.max(total, map.paths().size()),
        Optional.empty());
  }

  /**
   * The LUN's disks the sessions attached that no multipath map holds yet, when they can be named
   * on a command line. With multipath's {@code find_multipaths "strict"} (Debian 12's default)
   * multipathd maps only WWIDs already listed in /etc/multipath/wwids, so these stay single paths
   * until something records their WWID.
   */
  public static List<String> unmappedDisks(MountDesign design, NodeFacts facts) {
    List<String> disks = disks(design, sessions(design, facts));
    List<String> mapped =
        InitiatorProbe.multipath(facts).orElse(List.of()).stream()
            .flatMap(m -> m.paths().stream())
            .map(MultipathMap.Path::device)
            .toList();
    return disks.stream()
        .filter(d -> !mapped.contains(d) && SAFE_DISK.matcher(d).matches())
        .distinct()
        .toList();
  }

  private static List<IscsiSession> sessions(MountDesign design, NodeFacts facts) {
    return InitiatorProbe.sessions(facts).orElse(List.of()).stream()
        .filter(s -> s.iqn().equals(design.iqn()) && design.portals().contains(s.portal()))
        .toList();
  }

  private static List<String> disks(MountDesign design, List<IscsiSession> sessions) {
    return sessions.stream()
        .flatMap(s -> s.luns().stream())
        .filter(l -> l.number() == design.lun())
        .map(IscsiSession.Lun::disk)
        .toList();
  }
}
