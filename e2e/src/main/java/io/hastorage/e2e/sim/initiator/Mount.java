package io.hastorage.e2e.sim.initiator;

/**
 * An OCFS2 mount on an initiator.
 *
 * @param options the options /proc/mounts shows after {@code rw}
 */
record Mount(String mountPoint, LunId lun, String options) {}
