package io.hastorage.operator.observe.initiator;

import java.util.List;

/**
 * One dm-multipath map from {@code multipath -ll}.
 *
 * @param wwid the LUN's WWID (the map's name without user_friendly_names)
 * @param alias the friendly name (mpatha) or the WWID itself
 * @param vendor SCSI vendor (SCST_FIO, SCST_BIO, LIO-ORG, IET)
 * @param paths every path, in the order printed
 */
public record MultipathMap(String wwid, String alias, String vendor, List<Path> paths) {

  public MultipathMap {
    paths = List.copyOf(paths);
  }

  public long pathsUp() {
    return paths.stream().filter(Path::up).count();
  }

  /**
   * One path: its block device (sdc), dm's state (active/failed) and the path checker's
   * (ready/ghost/faulty/shaky...).
   */
  public record Path(String device, String dmState, String checkerState) {
    /** Ready for I/O: multipath counts "ready" and "ghost" (ALUA standby) as usable. */
    public boolean up() {
      return "active".equals(dmState)
          && ("ready".equals(checkerState) || "ghost".equals(checkerState));
    }
  }
}
