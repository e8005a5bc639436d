package io.hastorage.e2e.reliability;

import io.hastorage.e2e.bench.ReconcileDriver;
import java.nio.file.Path;
import java.util.List;

/** The seed example in the sandbox, as the scenarios start from it. */
final class Seed {

  static final Path REPO = Path.of(System.getProperty("hastorage.repoRoot", ".."));

  /** Commands that would destroy data or metadata, or force a DRBD role. */
  static final List<String> DESTRUCTIVE =
      List.of(
          "wipe-md",
          "create-md",
          "wipefs -a",
          "pvcreate",
          "vgcreate",
          "lvcreate",
          "lvremove",
          "vgremove",
          "pvremove",
          "mkfs",
          "dd ",
          "--force",
          "--discard-my-data",
          "invalidate");

  private Seed() {}

  /** A fresh sandbox with all four resources Ready. */
  static ReconcileDriver converged() throws Exception {
    ReconcileDriver driver = ReconcileDriver.start(REPO);
    if (driver.convergeAll(40) < 0) {
      driver.close();
      throw new AssertionError("the seed did not converge");
    }
    return driver;
  }

  static void rounds(ReconcileDriver driver, int n) throws Exception {
    for (int i = 0; i < n; i++) {
      driver.round();
    }
  }
}
