package io.hastorage.e2e.sim.initiator;

import io.hastorage.e2e.sim.ExecOutcome;
import io.hastorage.e2e.sim.SimulatedNode;
import io.hastorage.e2e.sim.SimulatedPackage;
import io.hastorage.e2e.sim.SimulatedTool;
import io.hastorage.e2e.sim.ToolContext;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.UUID;

/**
 * {@code mkfs.ocfs2} on a multipath map, as ocfs2-tools 1.8.7 behaves (measured on image files):
 *
 * <ol>
 *   <li>{@code -F}/{@code --force} is refused outright: the operator must never force a format, and
 *       a test proves it never tried;
 *   <li>a missing device: "Could not open device", exit 1; one mounted here: refused;
 *   <li>an existing OCFS2 volume: "Overwriting existing ocfs2 partition.", then the cluster check
 *       (o2cb must run, else "Unable to access cluster service", exit 1) and the prompt {@code
 *       Proceed (y/N):}, which an answer other than y on stdin aborts (exit 1);
 *   <li>anything else, other file systems included, is formatted without a question: mkfs.ocfs2
 *       only looks for OCFS2 (blkid/wipefs guards are the operator's job). A blank device needs no
 *       cluster stack either.
 * </ol>
 */
final class MkfsTool implements SimulatedTool {

  private static final String CLUSTER_HEADER =
      "Cluster stack: %s\nCluster name: %s\nStack Flags: 0x0\n"
          + "NOTE: Feature extended slot map may be enabled\n";
  private static final long[] BACKUP_SUPERBLOCKS = {1L << 30, 4L << 30, 16L << 30, 64L << 30};

  private final SimulatedSan san;

  MkfsTool(SimulatedSan san) {
    this.san = san;
  }

  @Override
  public ExecOutcome run(List<String> argv, ToolContext context) {
    MkfsArgs args = MkfsArgs.parse(argv);
    String banner = "mkfs.ocfs2 " + version(context.node()) + "\n";
    if (args.force()) {
      return ExecOutcome.failure(
          1,
          banner
              + "mkfs.ocfs2: -F/--force refused by the simulation: the operator must never force"
              + " a format\n");
    }
    if (!args.sizesValid()) {
      return ExecOutcome.failure(1, banner + "mkfs.ocfs2: Invalid block or cluster size\n");
    }
    String header = String.format(CLUSTER_HEADER, args.clusterStack(), args.clusterName());
    return san.on(context.node(), view -> format(args, view, banner, header, context));
  }

  private ExecOutcome format(
      MkfsArgs args, HostView view, String banner, String header, ToolContext context) {
    Optional<HostView.Device> device = view.device(args.device());
    if (device.isEmpty()) {
      return ExecOutcome.of(
          1,
          header,
          banner
              + "mkfs.ocfs2: Could not open device "
              + args.device()
              + ": No such file or directory\n");
    }
    if (view.host().mountOf(device.get().lun()).isPresent()) {
      return ExecOutcome.of(
          1, header, banner + args.device() + " is mounted; will not make a ocfs2 volume here!\n");
    }
    LunDisk disk = view.disk(device.get().lun());
    StringBuilder out = new StringBuilder(header);
    if (disk.ocfs2().isPresent()) {
      out.append("Overwriting existing ocfs2 partition.\n");
      if (!view.active(HostView.O2CB)) {
        return ExecOutcome.of(
            1,
            out.toString(),
            banner
                + "mkfs.ocfs2: Unable to access cluster service while initializing the"
                + " cluster\n");
      }
      out.append("Proceed (y/N): ");
      String answer = new String(context.stdin().readAll(), StandardCharsets.UTF_8).trim();
      if (!answer.toLowerCase(Locale.ROOT).startsWith("y")) {
        return ExecOutcome.of(1, out.append("Aborting operation.\n").toString(), banner);
      }
    }
    Ocfs2Volume volume =
        new Ocfs2Volume(
            args.label(),
            UUID.randomUUID().toString(),
            args.blockSize(),
            args.clusterSize(),
            args.slots(),
            args.clusterStack(),
            args.clusterName(),
            device.get().sizeBytes(),
            Instant.now());
    disk.format(volume);
    return ExecOutcome.of(0, args.quiet() ? "" : report(out, volume), banner);
  }

  private static String report(StringBuilder out, Ocfs2Volume v) {
    long perGroup = (v.blockSize() - 64L) * 8;
    long groups = (v.clusters() + perGroup - 1) / perGroup;
    long tail = v.clusters() - (groups - 1) * perGroup;
    long backups = Arrays.stream(BACKUP_SUPERBLOCKS).filter(b -> b < v.sizeBytes()).count();
    out.append("Label: ").append(v.label()).append('\n');
    out.append(
        "Features: sparse extended-slotmap backup-super unwritten inline-data"
            + " strict-journal-super xattr indexed-dirs refcount discontig-bg append-dio\n");
    out.append(sizeLine("Block size", v.blockSize()))
        .append(sizeLine("Cluster size", v.clusterSize()));
    out.append(
        String.format(
            "Volume size: %d (%d clusters) (%d blocks)\n",
            v.sizeBytes(), v.clusters(), v.sizeBytes() / v.blockSize()));
    out.append(
        String.format(
            "Cluster groups: %d (tail covers %d clusters, rest cover %d clusters)\n",
            groups, tail, perGroup));
    out.append("Node slots: ").append(v.slots()).append('\n');
    for (String step :
        List.of("Creating bitmaps", "Initializing superblock", "Writing system files")) {
      out.append(step).append(": done\n");
    }
    out.append("Writing superblock: done\n");
    out.append("Writing backup superblock: ").append(backups).append(" block(s)\n");
    for (String step :
        List.of(
            "Formatting Journals",
            "Growing extent allocator",
            "Formatting slot map",
            "Formatting quota files",
            "Writing lost+found")) {
      out.append(step).append(": done\n");
    }
    return out.append("mkfs.ocfs2 successful\n\n").toString();
  }

  private static String sizeLine(String name, int size) {
    return name + ": " + size + " (" + DebugfsStats.bits(size) + " bits)\n";
  }

  static String version(SimulatedNode node) {
    return node.packages()
        .installed("ocfs2-tools")
        .map(SimulatedPackage::upstreamVersion)
        .orElse("1.8.7");
  }
}
