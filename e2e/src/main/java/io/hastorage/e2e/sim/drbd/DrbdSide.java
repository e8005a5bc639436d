package io.hastorage.e2e.sim.drbd;

/** One node's half of a replicated resource: its device, backing disk and kernel state. */
final class DrbdSide {

  static final String PRIMARY = "Primary";
  static final String SECONDARY = "Secondary";
  static final String UP_TO_DATE = "UpToDate";
  static final String INCONSISTENT = "Inconsistent";
  static final String OUTDATED = "Outdated";

  final String node;
  int minor;
  String backingDisk;
  boolean up;
  String role = SECONDARY;

  /** What the metadata on the backing disk says, kept across down/up and crashes. */
  String disk = INCONSISTENT;

  /**
   * This side's fence-peer handler fenced the peer: while disconnected it shows the peer's disk as
   * Outdated instead of DUnknown (the kernel sets pdsk to Outdated on the handler's exit code 4 and
   * keeps it while unconnected); it vanishes on the next connection.
   */
  boolean peerOutdated;

  DrbdSide(String node, int minor, String backingDisk) {
    this.node = node;
    this.minor = minor;
    this.backingDisk = backingDisk;
  }

  String device() {
    return "/dev/drbd" + minor;
  }

  boolean primary() {
    return up && role.equals(PRIMARY);
  }
}
