package io.hastorage.e2e.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * The node lab (../shared/lab/node-lab.sh) as the benchmark uses it: real OpenSSH sshd nodes in
 * network namespaces, up for the benchmark's run and down after. Needs root; never run it while the
 * node-lab tests run (they share the bridge and namespace names).
 */
final class LabNodes implements AutoCloseable {

  private static final Path DIR = Path.of("/tmp/hastorage-bench-lab");
  private final Path script;

  private LabNodes(Path script) {
    this.script = script;
  }

  /** Why the lab cannot run here, or empty. */
  static Optional<String> unavailable(Path repoRoot) {
    if (!"root".equals(System.getProperty("user.name"))) {
      return Optional.of("not root");
    }
    if (!Files.isRegularFile(script(repoRoot)) || !Files.isExecutable(Path.of("/usr/sbin/sshd"))) {
      return Optional.of("no ../shared/lab/node-lab.sh or no sshd");
    }
    return Optional.empty();
  }

  static LabNodes up(Path repoRoot) throws IOException, InterruptedException {
    LabNodes lab = new LabNodes(script(repoRoot));
    lab.run("down");
    lab.run("up");
    return lab;
  }

  /** Node {@code node} (t1, t2, i1, i2) as an SSH target with its real host key pinned. */
  SshTarget target(String node, String address, Path dir) throws IOException {
    Path hostKey = DIR.resolve("nodes/" + node + "/ovl/upper/etc/ssh/ssh_host_ed25519_key.pub");
    String[] key = Files.readString(hostKey).strip().split("\\s+");
    SshTarget target =
        new SshTarget(
            node,
            address,
            22,
            Files.readString(DIR.resolve("id_e2e")),
            address + " " + key[0] + " " + key[1],
            dir);
    target.writeFiles();
    return target;
  }

  @Override
  public void close() throws IOException, InterruptedException {
    run("down");
  }

  private void run(String command) throws IOException, InterruptedException {
    List<String> argv = new ArrayList<>(List.of("bash", script.toString(), command));
    ProcessBuilder builder = new ProcessBuilder(argv).redirectErrorStream(true);
    builder.environment().put("LAB_DIR", DIR.toString());
    Process process = builder.start();
    String output = new String(process.getInputStream().readAllBytes());
    if (!process.waitFor(120, TimeUnit.SECONDS)
        || process.exitValue() != 0 && !"down".equals(command)) {
      throw new IOException("node-lab.sh " + command + " failed:\n" + output);
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
