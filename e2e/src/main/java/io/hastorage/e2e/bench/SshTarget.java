package io.hastorage.e2e.bench;

import io.hastorage.e2e.sandbox.SandboxEnvironment;
import io.hastorage.e2e.sim.SimulatedNodeServer;
import io.hastorage.e2e.sim.SshKeys;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;

/**
 * One node as an SSH client sees it: address, port, the operator's private key and the node's
 * pinned host key, also as files for OpenSSH's client.
 */
public record SshTarget(
    String node, String host, int port, String privateKey, String knownHostsLine, Path dir) {

  /** A simulated node of the sandbox; {@code dir} receives the key and known_hosts files. */
  public static SshTarget simulated(SandboxEnvironment env, String node, Path dir)
      throws IOException {
    SimulatedNodeServer server = env.fleet().server(node);
    SshTarget target =
        new SshTarget(
            node,
            SimulatedNodeServer.HOST,
            server.port(),
            SshKeys.openSshPrivateKey(env.operatorKey(), "ha-iscsi-benchmark"),
            server.knownHostsLine(),
            dir);
    target.writeFiles();
    return target;
  }

  Path keyFile() {
    return dir.resolve("id_" + node);
  }

  Path knownHostsFile() {
    return dir.resolve("known_hosts_" + node);
  }

  void writeFiles() throws IOException {
    Files.createDirectories(dir);
    Files.writeString(keyFile(), privateKey);
    Files.setPosixFilePermissions(keyFile(), PosixFilePermissions.fromString("rw-------"));
    Files.writeString(knownHostsFile(), knownHostsLine + "\n");
  }
}
