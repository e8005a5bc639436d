package io.hastorage.e2e.sim.initiator;

import io.hastorage.e2e.sim.Availability;
import io.hastorage.e2e.sim.SimulatedTool;
import io.hastorage.e2e.sim.SimulatedTools;
import io.hastorage.e2e.sim.tools.StandardTools;

/**
 * Registers the SAN-bound tools for the initiators only: {@code iscsiadm} (with open-iscsi; {@code
 * --version} answers as before), {@code multipath -ll} and {@code multipathd} (multipath-tools),
 * {@code mkfs.ocfs2}, {@code tunefs.ocfs2} and {@code debugfs.ocfs2} (ocfs2-tools), and on every
 * initiator {@code blkid}, {@code wipefs}, {@code blockdev}, {@code mount}, {@code umount}, {@code
 * mkdir} and a {@code cat} that also reads /proc/mounts. All are bound to one {@link SimulatedSan}.
 */
public final class InitiatorTools {

  private InitiatorTools() {}

  public static void register(SimulatedTools tools, SimulatedSan san) {
    SimulatedTools.Registration version = standard(tools, "iscsiadm");
    tools.register("iscsiadm", version.availability(), new IscsiadmTool(san, version.tool()));
    Availability multipathTools =
        Availability.anyPackage("multipath-tools", "device-mapper-multipath");
    MultipathTools multipath = new MultipathTools(san);
    tools.register("multipath", multipathTools, multipath.multipath());
    tools.register("multipathd", multipathTools, multipath.multipathd());
    Availability ocfs2Tools = Availability.anyPackage("ocfs2-tools");
    tools.register("mkfs.ocfs2", ocfs2Tools, new MkfsTool(san));
    Ocfs2Tools ocfs2 = new Ocfs2Tools(san);
    tools.register("tunefs.ocfs2", ocfs2Tools, ocfs2::tunefs);
    tools.register("debugfs.ocfs2", ocfs2Tools, SimulatedTool.readOnly(ocfs2::debugfs));
    BlockTools block = new BlockTools(san);
    tools.register("blkid", SimulatedTool.readOnly(block::blkid));
    tools.register("wipefs", SimulatedTool.readOnly(block::wipefs));
    tools.register("blockdev", SimulatedTool.readOnly(block::blockdev));
    MountTools mount = new MountTools(san);
    tools.register("mount", mount::mount);
    tools.register("umount", mount::umount);
    tools.register("mkdir", mount::mkdir);
    tools.register("cat", new ProcMounts(san, standard(tools, "cat").tool()));
  }

  private static SimulatedTools.Registration standard(SimulatedTools tools, String program) {
    return tools
        .lookup(program)
        .orElseThrow(
            () ->
                new IllegalStateException(
                    "register the standard tools ("
                        + StandardTools.class.getSimpleName()
                        + ") first"));
  }
}
