package io.hastorage.e2e.sim.drbd;

import io.hastorage.e2e.sim.Availability;
import io.hastorage.e2e.sim.SimulatedTool;
import io.hastorage.e2e.sim.SimulatedTools;

/**
 * Registers the replication-bound tools for the targets only: {@code drbdadm} (with drbd-utils;
 * {@code --version} keeps answering as before), {@code blkid} and {@code wipefs} (util-linux, on
 * every target), and the LVM tools (with lvm2), all bound to one {@link DrbdReplication}.
 */
public final class DrbdTools {

  private DrbdTools() {}

  public static void register(SimulatedTools tools, DrbdReplication replication) {
    SimulatedTools.Registration version =
        tools
            .lookup("drbdadm")
            .orElseThrow(() -> new IllegalStateException("register the standard tools first"));
    tools.register("drbdadm", version.availability(), new DrbdadmTool(replication, version.tool()));
    SignatureTools signatures = new SignatureTools(replication);
    tools.register("blkid", SimulatedTool.readOnly(signatures::blkid));
    tools.register("wipefs", SimulatedTool.readOnly(signatures::wipefs));
    Availability lvm2 = Availability.anyPackage("lvm2");
    LvmReports reports = new LvmReports(replication);
    tools.register("pvs", lvm2, reports.pvs());
    tools.register("vgs", lvm2, reports.vgs());
    tools.register("lvs", lvm2, reports.lvs());
    LvmCommands pv = new LvmCommands(replication);
    tools.register("pvcreate", lvm2, pv.pvcreate());
    tools.register("vgcreate", lvm2, pv.vgcreate());
    tools.register("pvresize", lvm2, pv.pvresize());
    LvCommands lv = new LvCommands(replication);
    tools.register("lvcreate", lvm2, lv.lvcreate());
    tools.register("lvextend", lvm2, lv.lvextend());
  }
}
