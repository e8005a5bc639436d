package io.hastorage.operator.plan.ocfs2;

import io.hastorage.operator.observe.NodeFacts;
import io.hastorage.operator.observe.ProbeItem;
import io.hastorage.operator.observe.ProbeRequest;
import io.hastorage.operator.observe.ProbeSection;
import io.hastorage.operator.observe.initiator.IscsiNodeRecords;
import io.hastorage.operator.observe.initiator.IscsiSession;
import io.hastorage.operator.observe.initiator.IscsiSessionParser;
import io.hastorage.operator.observe.initiator.MountEntry;
import io.hastorage.operator.observe.initiator.MultipathMap;
import io.hastorage.operator.observe.initiator.MultipathParser;
import io.hastorage.operator.observe.initiator.Ocfs2Superblock;
import io.hastorage.operator.plan.ManagedFiles;
import io.hastorage.operator.plan.drbd.DiskProbe;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The read-only part of an initiator's one probe, and typed readers of its answers. The device
 * items (blkid, wipefs, size, superblock) need the LUN's WWID, learnt by an earlier probe and kept
 * in status: a device is never guessed.
 */
public final class InitiatorProbe {

  public static final String ISCSID = "iscsid.service";
  public static final String OPEN_ISCSI = "open-iscsi.service";
  public static final String ISCSI_RHEL = "iscsi.service";
  public static final String MULTIPATHD = "multipathd.service";
  public static final String O2CB = "o2cb.service";

  static final ProbeItem NODES = ProbeItem.of("iscsi-nodes", "iscsiadm", "-m", "node");
  static final ProbeItem DISCOVERY_DB =
      ProbeItem.of("iscsi-discoverydb", "iscsiadm", "-m", "discoverydb");
  static final ProbeItem SESSIONS =
      ProbeItem.of("iscsi-sessions", "iscsiadm", "-m", "session", "-P", "3");
  static final ProbeItem MULTIPATH = ProbeItem.of("multipath-maps", "multipath", "-ll");
  static final ProbeItem MOUNTS = ProbeItem.of("proc-mounts", "cat", "/proc/mounts");

  /** iscsiadm's exit code for "no records" / "no active sessions". */
  static final int NO_OBJECTS_FOUND = 21;

  private InitiatorProbe() {}

  public static ProbeRequest request(MountDesign design, Optional<String> wwid) {
    List<ProbeItem> items =
        new ArrayList<>(List.of(NODES, DISCOVERY_DB, SESSIONS, MULTIPATH, MOUNTS));
    design.portals().forEach(p -> items.add(record(design.iqn(), p)));
    ProbeRequest request =
        new ProbeRequest(
                Set.of(),
                Set.of(ISCSID, OPEN_ISCSI, ISCSI_RHEL, MULTIPATHD, O2CB),
                Set.of(
                    InitiatorFiles.multipathDropInPath(design),
                    InitiatorFiles.CLUSTER_CONF,
                    InitiatorFiles.O2CB_DEFAULTS_DEBIAN,
                    InitiatorFiles.O2CB_DEFAULTS_RHEL,
                    IscsiPlanner.chapMarkerPath(design)))
            .merge(ProbeRequest.ofContents(InitiatorFiles.INITIATOR_NAME, InitiatorFiles.FSTAB))
            .merge(ProbeRequest.ofItems(items.toArray(ProbeItem[]::new)));
    if (wwid.isPresent()) {
      String device = InitiatorFiles.device(wwid.get());
      request = request.merge(DiskProbe.request(device));
      if (design.growFilesystem()) {
        request = request.merge(ProbeRequest.ofItems(deviceSize(device), superblock(device)));
      }
    }
    return request;
  }

  static ProbeItem record(String iqn, String portal) {
    return ProbeItem.of(
        "iscsi-record-" + ManagedFiles.sha256(iqn + " " + portal).substring(0, 12),
        "iscsiadm",
        "-m",
        "node",
        "-T",
        iqn,
        "-p",
        portal);
  }

  static ProbeItem deviceSize(String device) {
    return ProbeItem.of(
        "blockdev-" + ManagedFiles.sha256(device).substring(0, 12),
        "blockdev",
        "--getsize64",
        device);
  }

  static ProbeItem superblock(String device) {
    return ProbeItem.of(
        "ocfs2-stats-" + ManagedFiles.sha256(device).substring(0, 12),
        "debugfs.ocfs2",
        "-R",
        "stats",
        device);
  }

  /** The node database's records; empty when iscsiadm did not answer at all. */
  public static Optional<Set<IscsiNodeRecords.Key>> records(NodeFacts facts) {
    return answered(facts, NODES).map(IscsiNodeRecords::parseList);
  }

  public static Set<String> discovered(NodeFacts facts) {
    return answered(facts, DISCOVERY_DB).map(IscsiNodeRecords::parseDiscoveryDb).orElse(Set.of());
  }

  /** One record's settings; empty when the record does not exist. */
  public static Optional<Map<String, String>> recordSettings(
      NodeFacts facts, String iqn, String portal) {
    return facts.raw().okOutput(record(iqn, portal).name()).map(IscsiNodeRecords::parseRecord);
  }

  public static Optional<List<IscsiSession>> sessions(NodeFacts facts) {
    try {
      return answered(facts, SESSIONS).map(IscsiSessionParser::parse);
    } catch (IllegalArgumentException e) {
      return Optional.empty();
    }
  }

  public static Optional<List<MultipathMap>> multipath(NodeFacts facts) {
    return facts.raw().okOutput(MULTIPATH.name()).map(MultipathParser::parse);
  }

  public static Optional<List<MountEntry>> mounts(NodeFacts facts) {
    return facts.raw().okOutput(MOUNTS.name()).map(MountEntry::parseProcMounts);
  }

  public static Optional<Long> deviceSize(NodeFacts facts, String device) {
    return facts
        .raw()
        .okOutput(deviceSize(device).name())
        .flatMap(
            out -> {
              try {
                return Optional.of(Long.parseLong(out.strip()));
              } catch (NumberFormatException e) {
                return Optional.empty();
              }
            });
  }

  public static Optional<Ocfs2Superblock> superblock(NodeFacts facts, String device) {
    return facts.raw().okOutput(superblock(device).name()).flatMap(Ocfs2Superblock::parse);
  }

  /** The mount at {@code mountPoint}, if any. */
  public static Optional<MountEntry> mountAt(NodeFacts facts, String mountPoint) {
    return mounts(facts)
        .flatMap(all -> all.stream().filter(m -> m.mountPoint().equals(mountPoint)).findFirst());
  }

  public static boolean serviceActive(NodeFacts facts, String unit) {
    return facts.service(unit).map(s -> s.active()).orElse(false);
  }

  /** Output of an item whose "nothing found" exit (21) means an empty answer. */
  private static Optional<String> answered(NodeFacts facts, ProbeItem item) {
    Optional<ProbeSection> section = facts.raw().section(item.name());
    if (section.isEmpty()) {
      return Optional.empty();
    }
    if (section.get().exitCode() == NO_OBJECTS_FOUND) {
      return Optional.of("");
    }
    return section.get().ok() ? Optional.of(section.get().output()) : Optional.empty();
  }
}
