package io.hastorage.e2e.lab;

/**
 * The seed on real kernels with backend lio-t: resource-agents' iSCSITarget/iSCSILogicalUnit drive
 * LIO through targetcli-fb on the DRBD primary. See {@link KernelLabSeedIT} for the scenario.
 */
class KernelLabLioIT extends KernelLabSeedIT {

  KernelLabLioIT() {
    super("seed-lio.yaml", "LIO-ORG");
  }
}
