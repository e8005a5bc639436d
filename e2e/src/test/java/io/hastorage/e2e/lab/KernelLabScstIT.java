package io.hastorage.e2e.lab;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;

/**
 * The seed on real kernels as the seed runs it: SCST (built from ../shared/vendor against the lab
 * kernel's headers) served by the seed's own scst-ocf agents, ocf:scst:SCSTTarget and SCSTLun,
 * vdisk_fileio on the LV; then the failovers under ia's writes of {@link KernelLabFailovers}. See
 * {@link KernelLabSeedIT} for the convergence checks. Opt-in (Maven profile {@code
 * kernel-lab-seed}): about 16 minutes on 2 cores, which with {@link KernelLabDrbdIT} does not fit
 * the kernel lab's CI budget yet. Its checks are recorded like the reliability rows but are not
 * part of the table.
 */
class KernelLabScstIT extends KernelLabSeedIT {

  KernelLabScstIT() {
    super("seed-scst.yaml", "SCST_FIO");
  }

  /**
   * The device attributes the operator put in the CIB reached SCST. The seed's SCSTLun agent drops
   * a space-separated additional_parameters whole, and SCST then ran write-back (write_through=0):
   * killing the active target lost acknowledged OCFS2 writes here.
   */
  @Test
  @Order(2)
  void theLunsDeviceAttributesReachedScst() {
    String device = "/sys/kernel/scst_tgt/devices/KLAB-LUN00/";
    String active = failovers().targetRunsOn("ta");
    assertThat(run(active, "head", "-1", device + "write_through")).startsWith("1");
    assertThat(run(active, "head", "-1", device + "nv_cache")).startsWith("0");
  }
}
