package io.hastorage.e2e.sim.drbd;

import java.util.OptionalInt;

/**
 * One node's view of one replicated device, what /proc/drbd prints for it.
 *
 * @param syncPermille how far a running resync has got (0-1000), empty when none runs
 */
record DeviceView(
    int minor,
    String connection,
    String role,
    String peerRole,
    String disk,
    String peerDisk,
    boolean protocolShown,
    long sizeKiB,
    long outOfSyncKiB,
    OptionalInt syncPermille) {}
