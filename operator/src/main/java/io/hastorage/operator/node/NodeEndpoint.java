package io.hastorage.operator.node;

import java.util.Objects;

/**
 * Where and as whom to reach a node. With {@code sudo}, every command is run as {@code sudo -n --
 * argv} so a non-root login never prompts and never falls back to a shell.
 */
public record NodeEndpoint(String nodeName, String host, int port, String user, boolean sudo) {

  public NodeEndpoint {
    Objects.requireNonNull(nodeName, "nodeName");
    Objects.requireNonNull(host, "host");
    Objects.requireNonNull(user, "user");
    if (port < 1 || port > 65535) {
      throw new IllegalArgumentException("port out of range: " + port);
    }
  }

  @Override
  public String toString() {
    return nodeName + " (" + user + "@" + host + ":" + port + (sudo ? ", sudo" : "") + ")";
  }
}
