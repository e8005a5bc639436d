package io.hastorage.e2e.lab;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * The kernel lab ({@code e2e/kernel-lab/kernel-lab.sh}): Debian 12's own kernel under QEMU (TCG, no
 * KVM needed), two targets ta and tb and two initiators ia and ib, each a real Debian machine
 * booted by systemd with real DRBD, LIO and SCST, open-iscsi, dm-multipath and OCFS2. The script
 * builds the image (cached, keyed by everything it is made of) and bakes one host key per guest
 * into it; this harness hands those keys to the operator as the pinned keys, and the guests'
 * public-network addresses as the nodes' addresses.
 */
final class KernelLab implements LabMachines, AutoCloseable {

  static final Map<String, String> ADDRESSES =
      Map.of("ta", "10.98.0.11", "tb", "10.98.0.12", "ia", "10.98.0.21", "ib", "10.98.0.22");
  static final List<String> NODES = List.of("ta", "tb", "ia", "ib");
  static final List<String> TARGETS = List.of("ta", "tb");
  static final List<String> INITIATORS = List.of("ia", "ib");

  private final Path script;
  private final Path image;
  private final List<String> nodes;

  private KernelLab(Path script, Path image, List<String> nodes) {
    this.script = script;
    this.image = image;
    this.nodes = nodes;
  }

  static Path script(Path repoRoot) {
    return repoRoot.resolve("e2e/kernel-lab/kernel-lab.sh");
  }

  /** Why the kernel lab cannot run here, or empty when it can. */
  static Optional<String> unavailableReason(Path repoRoot) {
    if (!"root".equals(System.getProperty("user.name"))) {
      return Optional.of("the kernel lab needs root (taps, bridges, the image build)");
    }
    if (!Files.isDirectory(repoRoot.resolve("../shared/vendor"))) {
      return Optional.of("no ../shared/vendor beside the repository (the SCST sources)");
    }
    for (String tool : List.of("/usr/bin/apt-get", "/usr/bin/dpkg-query", "/usr/sbin/ip")) {
      if (!Files.isExecutable(Path.of(tool))) {
        return Optional.of(tool + " is missing: the kernel lab builds from Debian's archive");
      }
    }
    return Optional.empty();
  }

  /**
   * Builds (or reuses) the image and boots the given guests (all four when none are named) on fresh
   * disks; returns once each answers SSH.
   */
  static KernelLab up(Path repoRoot, String... guests) throws IOException, InterruptedException {
    Path script = script(repoRoot);
    List<String> imageOutput = run(script, "image");
    Path image = Path.of(imageOutput.get(imageOutput.size() - 1).strip());
    List<String> nodes = guests.length == 0 ? NODES : List.of(guests);
    List<String> up = new ArrayList<>(List.of("up"));
    up.addAll(nodes);
    run(script, up.toArray(String[]::new));
    return new KernelLab(script, image, nodes);
  }

  @Override
  public List<String> nodes() {
    return nodes;
  }

  @Override
  public String address(String node) {
    return ADDRESSES.get(node);
  }

  @Override
  public String privateKey() throws IOException {
    return Files.readString(image.resolve("ssh/id_ed25519"));
  }

  @Override
  public String knownHostsLine(String node) throws IOException {
    String[] parts =
        Files.readString(image.resolve("ssh/" + node + "/ssh_host_ed25519_key.pub"))
            .strip()
            .split("\\s+");
    return ADDRESSES.get(node) + " " + parts[0] + " " + parts[1];
  }

  /** Power cut: the guest's QEMU process is killed; its disks stay as they were. */
  void crash(String node) throws IOException, InterruptedException {
    run(script, "crash", node);
  }

  /** Boots a crashed guest again on its own disks; returns once it answers SSH. */
  void boot(String node) throws IOException, InterruptedException {
    run(script, "boot", node);
  }

  @Override
  public void close() throws IOException, InterruptedException {
    run(script, "down");
  }

  /** Runs the lab script; its stderr goes to ours, its stdout lines are returned. */
  private static List<String> run(Path script, String... args)
      throws IOException, InterruptedException {
    List<String> argv = new ArrayList<>(List.of("bash", script.toString()));
    argv.addAll(List.of(args));
    Process process =
        new ProcessBuilder(argv).redirectError(ProcessBuilder.Redirect.INHERIT).start();
    process.getOutputStream().close();
    byte[] out = process.getInputStream().readAllBytes();
    if (!process.waitFor(30, TimeUnit.MINUTES)) {
      process.destroyForcibly();
      throw new IOException("kernel-lab.sh " + String.join(" ", args) + " did not finish");
    }
    if (process.exitValue() != 0) {
      throw new IOException(
          "kernel-lab.sh " + String.join(" ", args) + " exited " + process.exitValue());
    }
    return new String(out, StandardCharsets.UTF_8).lines().toList();
  }
}
