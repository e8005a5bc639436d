package io.hastorage.e2e.sim.initiator;

import io.hastorage.e2e.sim.cluster.RunningPrimitive;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The iSCSI targets reachable on the storage network at one moment, derived from what runs on the
 * targets ({@link TargetPlacement}):
 *
 * <ul>
 *   <li>an iSCSI target is an {@code ocf:scst:SCSTTarget} or {@code ocf:heartbeat:iSCSITarget}
 *       primitive (param {@code iqn}); its LUs are the {@code ocf:scst:SCSTLun} ({@code
 *       target_iqn}, {@code iscsi_lun}) or {@code ocf:heartbeat:iSCSILogicalUnit} ({@code
 *       target_iqn}, {@code lun}) primitives running on the same host;
 *   <li>its portals are the {@code ocf:heartbeat:IPaddr2} addresses ({@code ip}) running on that
 *       host, in its group when it has one, narrowed to its {@code portals} parameter when set
 *       (which may also give the port; 3260 otherwise).
 * </ul>
 *
 * Access lists are not modelled; CHAP is (the target's {@code incoming_username} and {@code
 * incoming_password}).
 */
final class Fabric {

  static final String IPADDR2 = "ocf:heartbeat:IPaddr2";
  private static final List<String> TARGET_AGENTS =
      List.of("ocf:scst:SCSTTarget", "ocf:heartbeat:iSCSITarget");
  private static final String SCST_LUN = "ocf:scst:SCSTLun";
  private static final String RA_LUN = "ocf:heartbeat:iSCSILogicalUnit";

  /** A LU as an initiator's INQUIRY sees it. */
  record ServedLun(int lun, String vendor, String product) {}

  /** A target running on a host, with its portals and LUs. */
  record ServedTarget(
      String host,
      String iqn,
      List<Portal> portals,
      List<ServedLun> luns,
      Optional<String> chapUser,
      Optional<String> chapPassword) {

    Optional<ServedLun> lun(int number) {
      return luns.stream().filter(l -> l.lun() == number).findFirst();
    }
  }

  private final Map<String, String> ipHosts = new LinkedHashMap<>();
  private final List<ServedTarget> targets = new ArrayList<>();

  private Fabric(Map<String, List<RunningPrimitive>> byHost) {
    byHost.forEach(
        (host, running) -> {
          for (RunningPrimitive p : running) {
            if (p.agent().equals(IPADDR2)) {
              p.parameter("ip").ifPresent(ip -> ipHosts.putIfAbsent(ip, host));
            }
          }
          for (RunningPrimitive p : running) {
            if (TARGET_AGENTS.contains(p.agent()) && p.parameter("iqn").isPresent()) {
              targets.add(target(host, p, running));
            }
          }
        });
  }

  static Fabric of(TargetPlacement placement) {
    return new Fabric(placement.runningByHost());
  }

  /** Whether some live host holds the address (a VIP that answers ARP). */
  boolean ipUp(String ip) {
    return ipHosts.containsKey(ip);
  }

  /** The targets that answer on the portal (on the host holding its address). */
  List<ServedTarget> targetsAt(Portal portal) {
    String host = ipHosts.get(portal.ip());
    return targets.stream()
        .filter(t -> t.host().equals(host) && t.portals().contains(portal))
        .toList();
  }

  Optional<ServedTarget> target(String iqn, Portal portal) {
    return targetsAt(portal).stream().filter(t -> t.iqn().equals(iqn)).findFirst();
  }

  private static ServedTarget target(
      String host, RunningPrimitive target, List<RunningPrimitive> running) {
    String iqn = target.parameter("iqn").orElseThrow();
    List<Portal> portals = new ArrayList<>();
    for (RunningPrimitive ip : running) {
      boolean sameGroup = target.group().isEmpty() || ip.group().equals(target.group());
      if (ip.agent().equals(IPADDR2) && sameGroup && ip.parameter("ip").isPresent()) {
        portal(ip.parameter("ip").get(), target.parameter("portals")).ifPresent(portals::add);
      }
    }
    List<ServedLun> luns = new ArrayList<>();
    for (RunningPrimitive lu : running) {
      if (lu.parameter("target_iqn").filter(iqn::equals).isPresent()) {
        served(lu).ifPresent(luns::add);
      }
    }
    return new ServedTarget(
        host,
        iqn,
        List.copyOf(portals),
        List.copyOf(luns),
        target.parameter("incoming_username"),
        target.parameter("incoming_password"));
  }

  /** The portal on {@code ip}, if the target's portals parameter (when set) lists the address. */
  private static Optional<Portal> portal(String ip, Optional<String> listed) {
    if (listed.isEmpty() || listed.get().isBlank()) {
      return Optional.of(new Portal(ip, Portal.DEFAULT_PORT));
    }
    for (String entry : listed.get().trim().split("\\s+")) {
      Portal portal = Portal.parse(entry);
      if (portal.ip().equals(ip)) {
        return Optional.of(portal);
      }
    }
    return Optional.empty();
  }

  private static Optional<ServedLun> served(RunningPrimitive lu) {
    Optional<String> number =
        switch (lu.agent()) {
          case SCST_LUN -> lu.parameter("iscsi_lun");
          case RA_LUN -> lu.parameter("lun");
          default -> Optional.empty();
        };
    if (number.isEmpty() || !number.get().matches("[0-9]{1,5}")) {
      return Optional.empty();
    }
    return Optional.of(new ServedLun(Integer.parseInt(number.get()), vendor(lu), product(lu)));
  }

  /**
   * INQUIRY vendor: SCST's vdisk handlers answer SCST_FIO / SCST_BIO (resource-agents' scst path is
   * vdisk_blockio unless scst_bstype says otherwise), LIO LIO-ORG, tgt IET.
   */
  private static String vendor(RunningPrimitive lu) {
    String implementation = lu.parameter("implementation").orElse("scst");
    if (lu.agent().equals(RA_LUN) && !implementation.equals("scst")) {
      return implementation.equals("tgt") ? "IET" : "LIO-ORG";
    }
    String handler =
        lu.parameter(lu.agent().equals(SCST_LUN) ? "handler" : "scst_bstype")
            .orElse("vdisk_blockio");
    return handler.equals("vdisk_fileio") ? "SCST_FIO" : "SCST_BIO";
  }

  /** INQUIRY product: SCST's device name (VDISK when none), LIO's backstore, tgt's default. */
  private static String product(RunningPrimitive lu) {
    String implementation = lu.parameter("implementation").orElse("scst");
    if (lu.agent().equals(RA_LUN) && implementation.equals("tgt")) {
      return "VIRTUAL-DISK";
    }
    if (lu.agent().equals(RA_LUN) && !implementation.equals("scst")) {
      return lu.id().substring(0, Math.min(16, lu.id().length()));
    }
    return lu.parameter("device_name").filter(n -> !n.isBlank()).orElse("VDISK");
  }
}
