package io.hastorage.e2e.lab;

import io.hastorage.operator.testing.RealPrerequisites;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * The shared node lab ({@code ../shared/lab/node-lab.sh}): 2 target + 2 initiator "bare-metal"
 * nodes, each a network namespace with its own sshd on 10.99.0.1x. The lab script itself logs in
 * with StrictHostKeyChecking=no for its own convenience; this harness instead reads every node's
 * host key from the node's overlay and hands it to the operator as the pinned key.
 */
final class NodeLab implements LabMachines, AutoCloseable {

  static final Map<String, String> ADDRESSES =
      Map.of("t1", "10.99.0.11", "t2", "10.99.0.12", "i1", "10.99.0.13", "i2", "10.99.0.14");
  static final List<String> NODES = List.of("t1", "t2", "i1", "i2");

  private final Path script;
  private final Path dir;

  private NodeLab(Path script, Path dir) {
    this.script = script;
    this.dir = dir;
  }

  /** Why the lab cannot run here, or empty when it can (for {@link RealPrerequisites#require}). */
  static Optional<String> unavailableReason(Path repoRoot) {
    Optional<String> notRoot = RealPrerequisites.root("network namespaces, mounts, a bridge");
    if (notRoot.isPresent()) {
      return notRoot;
    }
    if (!Files.isRegularFile(script(repoRoot))) {
      return Optional.of(
          "no node lab script at " + script(repoRoot) + " (../shared beside the repo)");
    }
    for (String tool :
        List.of(
            "/usr/sbin/sshd", "/usr/sbin/corosync", "/usr/sbin/pacemakerd", "/usr/bin/unshare")) {
      if (!Files.isExecutable(Path.of(tool))) {
        return Optional.of(tool + " is not installed (bash .ci/run installs the lab's packages)");
      }
    }
    return Optional.empty();
  }

  static NodeLab up(Path repoRoot) throws IOException, InterruptedException {
    NodeLab lab = new NodeLab(script(repoRoot), Path.of("/tmp/hastorage-node-lab"));
    lab.run("down"); // a previous run that died leaves its bridge and namespaces behind
    lab.run("up");
    return lab;
  }

  @Override
  public List<String> nodes() {
    return NODES;
  }

  @Override
  public String address(String node) {
    return ADDRESSES.get(node);
  }

  /** The pinned host key line for the operator's Secret, read from the node's own files. */
  @Override
  public String knownHostsLine(String node) throws IOException {
    Path key = dir.resolve("nodes/" + node + "/ovl/upper/etc/ssh/ssh_host_ed25519_key.pub");
    String[] parts = Files.readString(key).strip().split("\\s+");
    return ADDRESSES.get(node) + " " + parts[0] + " " + parts[1];
  }

  @Override
  public String privateKey() throws IOException {
    return Files.readString(dir.resolve("id_e2e"));
  }

  /** The targets, where the DRBD stand-ins go. */
  static final List<String> TARGETS = List.of("t1", "t2");

  /** The names the one stand-in script answers to in each target's /usr/local/sbin. */
  static final List<String> DRBD_STANDIN_TOOLS =
      List.of(
          "drbdadm",
          "drbdsetup",
          "blkid",
          "wipefs",
          "pvs",
          "vgs",
          "lvs",
          "pvcreate",
          "vgcreate",
          "vgextend",
          "vgchange",
          "lvcreate",
          "lvextend");

  /** The host directory both targets see as /var/lib/drbd-standin (removed by "down"). */
  Path drbdStandInState() {
    return dir.resolve("nodes/drbd-standin");
  }

  /**
   * Installs the DRBD stand-ins (src/test/resources/lab/drbd-standins) on both targets: the script
   * as /usr/local/sbin/drbd-standin with a symlink per tool, written through each node's own
   * overlay (inside its mount namespace, so the node sees them at once), and one host directory
   * bind-mounted as /var/lib/drbd-standin into both targets, so they share one replication state.
   * Each target gets one blank stand-in backing disk of 1 GiB, /dev/disk/by-id/lab-drbd-NODE.
   */
  void installDrbdStandIns(Path script) throws IOException, InterruptedException {
    Path state = drbdStandInState();
    for (String node : TARGETS) {
      Path disk = state.resolve("disk/" + node + "/lab-drbd-" + node);
      Files.createDirectories(disk.getParent());
      Files.writeString(disk, "size=1073741824\nsigs=\n");
    }
    Files.createDirectories(state.resolve("res"));
    installStandIn(TARGETS, state, "drbd-standin", script, DRBD_STANDIN_TOOLS);
  }

  /**
   * Puts {@code script} into each node's /usr/local/sbin as {@code name} with a symlink per tool,
   * through the node's own overlay (inside its mount namespace, so the node sees it at once), and
   * bind-mounts the host directory {@code state} as /var/lib/{@code name} into every one of them.
   */
  private void installStandIn(
      List<String> nodes, Path state, String name, Path script, List<String> tools)
      throws IOException, InterruptedException {
    for (String node : nodes) {
      String root = dir.resolve("nodes/" + node + "/root").toString();
      String pid = Files.readString(dir.resolve("nodes/" + node + ".pid")).strip();
      String install =
          "set -e; mkdir -p \"$1/var/lib/$4\"; mount --bind \"$2\" \"$1/var/lib/$4\";"
              + " install -m 0755 \"$3\" \"$1/usr/local/sbin/$4\";"
              + " for t in "
              + String.join(" ", tools)
              + "; do ln -sfn \"$4\" \"$1/usr/local/sbin/$t\"; done";
      exec(
          List.of(
              "nsenter",
              "-t",
              pid,
              "-m",
              "--",
              "sh",
              "-c",
              install,
              "sh",
              root,
              state.toString(),
              script.toAbsolutePath().toString(),
              name));
    }
  }

  /**
   * Installs the target stand-ins (src/test/resources/lab/target-standins) inside both targets
   * only, through each node's own overlay (so the host's agents stay as they are): the promotable
   * ocf:linbit:drbd and the ocf:heartbeat:LVM-activate stand-ins over the real agents. The lab's
   * /dev is the host's /dev (node-lab.sh rbinds it), so the VG's device directory {@code
   * hostDevDir} (/dev/VG, which must be an empty directory on the host the caller created) gets a
   * private per-node bind mount of a lab directory in each target's mount namespace: the LV
   * "devices" LVM-activate's stand-in creates there never reach the host.
   */
  void installTargetStandIns(Path standIns, Path hostDevDir)
      throws IOException, InterruptedException {
    for (String node : TARGETS) {
      Path devices = dir.resolve("nodes/lv-dev/" + node);
      Files.createDirectories(devices);
      String root = dir.resolve("nodes/" + node + "/root").toString();
      String pid = Files.readString(dir.resolve("nodes/" + node + ".pid")).strip();
      String install =
          "set -e; R=$1; S=$2; O=$1/usr/lib/ocf;"
              + " mkdir -p \"$O/resource.d/linbit\";"
              + " install -m 0755 \"$S/drbd\" \"$O/resource.d/linbit/drbd\";"
              + " install -m 0755 \"$S/LVM-activate\" \"$O/resource.d/heartbeat/LVM-activate\";"
              + " mount --bind \"$3\" \"$R$4\"";
      exec(
          List.of(
              "nsenter",
              "-t",
              pid,
              "-m",
              "--",
              "sh",
              "-c",
              install,
              "sh",
              root,
              standIns.toAbsolutePath().toString(),
              devices.toString(),
              hostDevDir.toString()));
    }
  }

  /** The initiators, where the initiator stand-ins go. */
  static final List<String> INITIATORS = List.of("i1", "i2");

  /** The names the initiator stand-in answers to in each initiator's /usr/local/sbin. */
  static final List<String> INITIATOR_STANDIN_TOOLS =
      List.of(
          "iscsiadm",
          "multipath",
          "multipathd",
          "systemctl",
          "blkid",
          "wipefs",
          "mkfs.ocfs2",
          "mount",
          "umount",
          "cat");

  /** The host directory both initiators see as /var/lib/initiator-standin ("the SAN"). */
  Path initiatorStandInState() {
    return dir.resolve("nodes/initiator-standin");
  }

  /**
   * Installs the initiator stand-in (src/test/resources/lab/initiator-standins) on both initiators,
   * like {@link #installDrbdStandIns}: one shared host directory bind-mounted as
   * /var/lib/initiator-standin into both, holding the LUN as a blank sparse image (san/lun.img).
   */
  void installInitiatorStandIns(Path script, long lunBytes)
      throws IOException, InterruptedException {
    Path state = initiatorStandInState();
    Files.createDirectories(state.resolve("san"));
    try (var image = new java.io.RandomAccessFile(state.resolve("san/lun.img").toFile(), "rw")) {
      image.setLength(lunBytes);
    }
    installStandIn(INITIATORS, state, "initiator-standin", script, INITIATOR_STANDIN_TOOLS);
  }

  void crash(String node) throws IOException, InterruptedException {
    run("node-crash", node);
  }

  @Override
  public void close() throws IOException, InterruptedException {
    run("down");
  }

  private static void exec(List<String> argv) throws IOException, InterruptedException {
    Process process = new ProcessBuilder(argv).redirectErrorStream(true).start();
    process.getOutputStream().close();
    String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    if (!process.waitFor(30, TimeUnit.SECONDS) || process.exitValue() != 0) {
      throw new IOException(String.join(" ", argv) + " failed:\n" + output);
    }
  }

  private void run(String... args) throws IOException, InterruptedException {
    List<String> argv = new java.util.ArrayList<>(List.of("bash", script.toString()));
    argv.addAll(List.of(args));
    ProcessBuilder builder = new ProcessBuilder(argv).redirectErrorStream(true);
    builder.environment().put("LAB_DIR", dir.toString());
    Process process = builder.start();
    process.getOutputStream().close();
    String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    if (!process.waitFor(120, TimeUnit.SECONDS)
        || process.exitValue() != 0 && !"down".equals(args[0])) {
      throw new IOException("node-lab.sh " + String.join(" ", args) + " failed:\n" + output);
    }
  }

  private static Path script(Path repoRoot) {
    return repoRoot
        .toAbsolutePath()
        .normalize()
        .resolveSibling("shared")
        .resolve("lab/node-lab.sh");
  }
}
