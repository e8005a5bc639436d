package io.hastorage.e2e.sim.drbd;

/** One node's half of a replicated resource: its device, backing disk and kernel state. */
final class DrbdSide {

  static final String PRIMARY = "Primary";
  static final String SECONDARY = "Secondary";
  static final String UP_TO_DATE = "UpToDate";
  static final String INCONSISTENT = "Inconsistent";

  final String node;
  int minor;
  String backingDisk;
  boolean up;
  String role = SECONDARY;

  /** What the metadata on the backing disk says, kept across down/up and crashes. */
  String disk = INCONSISTENT;

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
