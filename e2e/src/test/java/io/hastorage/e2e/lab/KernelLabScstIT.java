package io.hastorage.e2e.lab;

/**
 * The seed on real kernels as the seed runs it: SCST (built from ../shared/vendor against the lab
 * kernel's headers) served by the seed's own scst-ocf agents, ocf:scst:SCSTTarget and SCSTLun,
 * vdisk_fileio on the LV. See {@link KernelLabSeedIT} for the scenario. Opt-in like {@link
 * KernelLabLioIT} (Maven profile {@code kernel-lab-seed}).
 */
class KernelLabScstIT extends KernelLabSeedIT {

  KernelLabScstIT() {
    super("seed-scst.yaml", "SCST_FIO");
  }
}
