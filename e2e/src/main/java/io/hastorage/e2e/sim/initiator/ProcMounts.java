package io.hastorage.e2e.sim.initiator;

import io.hastorage.e2e.sim.ExecOutcome;
import io.hastorage.e2e.sim.SimulatedTool;
import io.hastorage.e2e.sim.ToolContext;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Optional;

/**
 * /proc/mounts of an initiator, as {@code cat} reads it (the operator's probe reads /proc files
 * with cat): the base system's lines, ocfs2_dlmfs on /dlm while o2cb runs, and one line per OCFS2
 * mount on its map ({@code /dev/mapper/WWID}). Every other file goes to the standard cat.
 */
final class ProcMounts implements SimulatedTool {

  static final String PATH = "/proc/mounts";
  private static final String BASE =
      "sysfs /sys sysfs rw,nosuid,nodev,noexec,relatime 0 0\n"
          + "proc /proc proc rw,nosuid,nodev,noexec,relatime 0 0\n"
          + "/dev/sda1 / ext4 rw,relatime 0 0\n";

  private final SimulatedSan san;
  private final SimulatedTool cat;

  ProcMounts(SimulatedSan san, SimulatedTool cat) {
    this.san = san;
    this.cat = cat;
  }

  @Override
  public boolean mutates(List<String> argv) {
    return cat.mutates(argv);
  }

  @Override
  public ExecOutcome run(List<String> argv, ToolContext context) {
    boolean dashed = argv.size() > 1 && argv.get(1).equals("--");
    List<String> files = argv.subList(dashed ? 2 : 1, argv.size());
    if (!files.contains(PATH) || (!dashed && files.stream().anyMatch(f -> f.startsWith("-")))) {
      return cat.run(argv, context);
    }
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    StringBuilder err = new StringBuilder();
    for (String file : files) {
      Optional<byte[]> content =
          file.equals(PATH)
              ? Optional.of(render(context).getBytes(StandardCharsets.UTF_8))
              : context.node().readFile(file);
      if (content.isPresent()) {
        out.writeBytes(content.get());
      } else {
        err.append("cat: ").append(file).append(": No such file or directory\n");
      }
    }
    return new ExecOutcome(
        err.length() == 0 ? 0 : 1,
        out.toByteArray(),
        err.toString().getBytes(StandardCharsets.UTF_8));
  }

  private String render(ToolContext context) {
    return san.on(
        context.node(),
        view -> {
          StringBuilder text = new StringBuilder(BASE);
          if (view.active(HostView.O2CB)) {
            text.append("ocfs2_dlmfs /dlm ocfs2_dlmfs rw,relatime 0 0\n");
          }
          for (Mount mount : view.host().mounts.values()) {
            text.append("/dev/mapper/")
                .append(mount.lun().wwid())
                .append(' ')
                .append(Fstab.escape(mount.mountPoint()))
                .append(" ocfs2 rw,")
                .append(mount.options())
                .append(" 0 0\n");
          }
          return text.toString();
        });
  }
}
