package io.hastorage.e2e.lab;

/**
 * The seed on real kernels with backend lio-t (resource-agents' iSCSITarget/iSCSILogicalUnit drive
 * LIO through targetcli-fb on the DRBD primary), then the same failovers under client I/O as {@link
 * KernelLabScstIT}. See {@link KernelLabSeedIT} and {@link KernelLabFailovers}. Opt-in (Maven
 * profile {@code kernel-lab-seed}): a second four-guest run does not fit CI's budget, and targetcli
 * is python, about 3 s a call under TCG. Its checks are recorded like the reliability rows but are
 * not part of the table.
 */
class KernelLabLioIT extends KernelLabSeedIT {

  KernelLabLioIT() {
    super("seed-lio.yaml", "LIO-ORG");
  }
}
