package io.hastorage.e2e.sim.initiator;

import io.hastorage.e2e.sim.ExecOutcome;
import io.hastorage.e2e.sim.ToolContext;
import io.hastorage.e2e.sim.UnsupportedFeatureException;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * {@code mount MOUNTPOINT} of an OCFS2 fstab entry, {@code umount MOUNTPOINT} and {@code mkdir -p
 * DIR...}. mount(8) itself fails with 32 (mount point missing, already mounted) or 1 (no fstab
 * entry); the rest is mount.ocfs2's, which exits 1 (ocfs2-tools' mount.ocfs2.c): the device must be
 * a multipath map here holding OCFS2 (or {@code UUID=}/{@code LABEL=} of one), o2cb must run, the
 * volume's cluster name must be the O2CB_BOOTCLUSTER of /etc/default/o2cb when that is set, and a
 * node slot must be free.
 */
final class MountTools {

  static final String O2CB_DEFAULTS = "/etc/default/o2cb";
  private static final int MOUNT_FAILURE = 32;
  private static final Set<String> SYSTEM_DIRS =
      Set.of("/", "/mnt", "/srv", "/media", "/opt", "/home", "/var", "/tmp", "/data");

  private final SimulatedSan san;

  MountTools(SimulatedSan san) {
    this.san = san;
  }

  ExecOutcome mount(List<String> argv, ToolContext context) {
    String mountPoint = single(argv);
    return san.on(context.node(), view -> mount(mountPoint, view));
  }

  ExecOutcome umount(List<String> argv, ToolContext context) {
    String mountPoint = single(argv);
    return san.on(
        context.node(),
        view ->
            view.host().mounts.remove(mountPoint) != null
                ? ExecOutcome.ok("")
                : ExecOutcome.failure(MOUNT_FAILURE, "umount: " + mountPoint + ": not mounted.\n"));
  }

  ExecOutcome mkdir(List<String> argv, ToolContext context) {
    int first = argv.size() > 2 && argv.get(2).equals("--") ? 3 : 2;
    if (argv.size() <= first || !argv.get(1).equals("-p")) {
      throw new UnsupportedFeatureException("mkdir other than 'mkdir -p [--] DIR...': " + argv);
    }
    return san.on(
        context.node(),
        view -> {
          StringBuilder err = new StringBuilder();
          for (String operand : argv.subList(first, argv.size())) {
            String dir = operand.length() > 1 ? operand.replaceFirst("/+$", "") : operand;
            if (!dir.startsWith("/")) {
              throw new UnsupportedFeatureException("mkdir of a relative path: " + dir);
            }
            if (view.node().files().get(dir).isPresent()) {
              err.append("mkdir: cannot create directory ‘").append(dir).append("’: File exists\n");
              continue;
            }
            for (String d = dir;
                d.length() > 1;
                d = d.substring(0, Math.max(1, d.lastIndexOf('/')))) {
              view.host().directories.add(d);
            }
          }
          return ExecOutcome.failure(err.length() == 0 ? 0 : 1, err.toString());
        });
  }

  private static ExecOutcome mount(String mountPoint, HostView view) {
    Optional<Fstab.Entry> entry =
        view.node().readText(Fstab.PATH).flatMap(t -> Fstab.forMountPoint(t, mountPoint));
    if (entry.isEmpty()) {
      return ExecOutcome.failure(1, "mount: " + mountPoint + ": can't find in /etc/fstab.\n");
    }
    if (!entry.get().type().equals("ocfs2")) {
      throw new UnsupportedFeatureException("mount of a " + entry.get().type() + " fstab entry");
    }
    String spec = entry.get().spec();
    if (view.host().mounts.containsKey(mountPoint)) {
      return ExecOutcome.failure(
          MOUNT_FAILURE,
          "mount: " + mountPoint + ": " + spec + " already mounted on " + mountPoint + ".\n");
    }
    if (!directory(mountPoint, view)) {
      return ExecOutcome.failure(
          MOUNT_FAILURE, "mount: " + mountPoint + ": mount point does not exist.\n");
    }
    Optional<HostView.Device> device = resolve(spec, view);
    if (device.isEmpty() && (spec.startsWith("UUID=") || spec.startsWith("LABEL="))) {
      return ExecOutcome.failure(1, "mount: " + mountPoint + ": can't find " + spec + ".\n");
    }
    String failure = "mount.ocfs2: %s while %s\n";
    if (device.isEmpty()) {
      return helperFailure(
          failure, "Device name specified was not found", "opening device " + spec);
    }
    Optional<Ocfs2Volume> volume = view.disk(device.get().lun()).ocfs2();
    if (volume.isEmpty()) {
      return helperFailure(failure, "Bad magic number in superblock", "opening device " + spec);
    }
    if (!view.active(HostView.O2CB)) {
      return helperFailure(
          failure, "Unable to access cluster service", "trying initialize cluster");
    }
    Optional<String> bootCluster = bootCluster(view);
    if (bootCluster.isPresent() && !bootCluster.get().equals(volume.get().clusterName())) {
      return helperFailure(failure, "Cluster name is invalid", "trying to join the group");
    }
    if (view.mountedElsewhere(device.get().lun()).size() >= volume.get().slots()) {
      return helperFailure(
          failure,
          "Invalid argument",
          "mounting "
              + spec
              + " on "
              + mountPoint
              + ". Check 'dmesg' for more information on this error.");
    }
    view.host()
        .mounts
        .put(
            mountPoint,
            new Mount(mountPoint, device.get().lun(), MountOptions.of(entry.get().options())));
    return ExecOutcome.ok("");
  }

  private static ExecOutcome helperFailure(String format, String error, String doing) {
    return ExecOutcome.failure(1, String.format(format, error, doing));
  }

  /** A map by path, or the map whose LUN holds the OCFS2 volume with that UUID or label. */
  private static Optional<HostView.Device> resolve(String spec, HostView view) {
    if (!spec.startsWith("UUID=") && !spec.startsWith("LABEL=")) {
      return view.device(spec).filter(d -> d.map().isPresent());
    }
    String wanted = spec.substring(spec.indexOf('=') + 1);
    return view.host().maps.values().stream()
        .filter(
            m ->
                view.disk(m.lun)
                    .ocfs2()
                    .filter(v -> (spec.startsWith("UUID=") ? v.uuid() : v.label()).equals(wanted))
                    .isPresent())
        .findFirst()
        .flatMap(m -> view.device(m.mapperPath()));
  }

  private static Optional<String> bootCluster(HostView view) {
    return view.node()
        .readText(O2CB_DEFAULTS)
        .flatMap(
            text ->
                text.lines()
                    .map(String::trim)
                    .filter(l -> l.startsWith("O2CB_BOOTCLUSTER="))
                    .map(l -> l.substring("O2CB_BOOTCLUSTER=".length()).replace("\"", "").trim())
                    .filter(s -> !s.isEmpty())
                    .reduce((first, second) -> second));
  }

  private static boolean directory(String path, HostView view) {
    return SYSTEM_DIRS.contains(path)
        || view.host().directories.contains(path)
        || view.node().files().isDirectory(path);
  }

  private static String single(List<String> argv) {
    List<String> operands =
        argv.size() == 3 && argv.get(1).equals("--")
            ? argv.subList(2, 3)
            : argv.subList(1, argv.size());
    if (operands.size() != 1
        || operands.get(0).startsWith("-")
        || !operands.get(0).startsWith("/")) {
      throw new UnsupportedFeatureException(
          argv.get(0) + " other than '" + argv.get(0) + " MOUNTPOINT': " + argv);
    }
    return operands.get(0);
  }
}
