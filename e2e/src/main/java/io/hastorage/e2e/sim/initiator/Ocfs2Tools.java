package io.hastorage.e2e.sim.initiator;

import io.hastorage.e2e.sim.ExecOutcome;
import io.hastorage.e2e.sim.ToolContext;
import io.hastorage.e2e.sim.UnsupportedFeatureException;
import java.util.List;
import java.util.Optional;

/**
 * ocfs2-tools besides mkfs, with the messages and exit codes measured on ocfs2-tools 1.8.7 (some
 * failures exit 0 there, and so they do here):
 *
 * <ul>
 *   <li>{@code debugfs.ocfs2 -R stats DEV} (read-only): the superblock ({@link DebugfsStats}); a
 *       missing or non-OCFS2 device prints its error and "No device open" on stderr, exit 0;
 *   <li>{@code tunefs.ocfs2 -S DEV}: grows the volume to the device's size. It needs o2cb (exit 3),
 *       an OCFS2 device (exit 8) and the cluster lock, which a mount on another initiator holds
 *       unless this one has it mounted too (online resize); a missing device exits 0.
 * </ul>
 */
final class Ocfs2Tools {

  private final SimulatedSan san;

  Ocfs2Tools(SimulatedSan san) {
    this.san = san;
  }

  ExecOutcome debugfs(List<String> argv, ToolContext context) {
    if (argv.size() != 4 || !argv.get(1).equals("-R") || !argv.get(2).trim().equals("stats")) {
      throw new UnsupportedFeatureException("debugfs.ocfs2 other than -R stats DEV: " + argv);
    }
    String path = argv.get(3);
    return san.on(
        context.node(),
        view -> {
          Optional<HostView.Device> device = view.device(path);
          Optional<Ocfs2Volume> volume = device.flatMap(d -> view.disk(d.lun()).ocfs2());
          if (volume.isPresent()) {
            return ExecOutcome.ok(DebugfsStats.render(volume.get()));
          }
          String reason =
              device.isEmpty()
                  ? "Device name specified was not found"
                  : "Bad magic number in superblock";
          return ExecOutcome.of(
              0,
              "",
              "open: "
                  + reason
                  + " while opening context for device "
                  + path
                  + "\nNo device open\n");
        });
  }

  ExecOutcome tunefs(List<String> argv, ToolContext context) {
    if (argv.size() != 3 || !argv.get(1).equals("-S")) {
      throw new UnsupportedFeatureException("tunefs.ocfs2 other than -S DEV: " + argv);
    }
    String path = argv.get(2);
    return san.on(context.node(), view -> resize(path, view));
  }

  private static ExecOutcome resize(String path, HostView view) {
    String suffix = " while opening device \"" + path + "\"\n";
    Optional<HostView.Device> device = view.device(path);
    if (device.isEmpty()) {
      return ExecOutcome.of(0, "", "tunefs.ocfs2: Device name specified was not found" + suffix);
    }
    LunDisk disk = view.disk(device.get().lun());
    if (disk.ocfs2().isEmpty()) {
      return ExecOutcome.failure(8, "tunefs.ocfs2: Bad magic number in superblock" + suffix);
    }
    if (!view.active(HostView.O2CB)) {
      return ExecOutcome.failure(3, "tunefs.ocfs2: Unable to access cluster service" + suffix);
    }
    boolean mountedHere = view.host().mountOf(device.get().lun()).isPresent();
    if (!mountedHere && !view.mountedElsewhere(device.get().lun()).isEmpty()) {
      return ExecOutcome.failure(1, "tunefs.ocfs2: Trylock failed" + suffix);
    }
    Ocfs2Volume volume = disk.ocfs2().get();
    if (device.get().sizeBytes() > volume.sizeBytes()) {
      disk.format(volume.resizedTo(device.get().sizeBytes()));
    }
    return ExecOutcome.ok("");
  }
}
