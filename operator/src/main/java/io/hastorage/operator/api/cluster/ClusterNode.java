package io.hastorage.operator.api.cluster;

import static io.hastorage.operator.api.common.ValidationPatterns.ADDRESS;
import static io.hastorage.operator.api.common.ValidationPatterns.HOSTNAME;

import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Default;
import io.fabric8.generator.annotation.Max;
import io.fabric8.generator.annotation.Min;
import io.fabric8.generator.annotation.Pattern;
import io.fabric8.generator.annotation.Required;
import io.fabric8.generator.annotation.Size;
import java.util.ArrayList;
import java.util.List;

/** One machine: how to reach it over SSH and what it does. */
public class ClusterNode {

  public static final int DEFAULT_PORT = 22;
  public static final String DEFAULT_USER = "root";

  @Required
  @Pattern(HOSTNAME)
  @Size(min = 1, max = 253)
  @JsonPropertyDescription("The node's host name exactly as `uname -n` prints it.")
  public String name;

  @Required
  @JsonPropertyDescription("Target (DRBD, SCST, Pacemaker) or Initiator (iSCSI client, OCFS2).")
  public NodeRole role;

  @Required
  @Pattern(ADDRESS)
  @Size(min = 1, max = 253)
  @JsonPropertyDescription("Address the operator connects to over SSH.")
  public String address;

  @Min(1)
  @Max(65535)
  @Default("22")
  @JsonPropertyDescription("SSH port.")
  public Integer port;

  @Pattern("^[a-z_][a-z0-9_-]{0,31}$")
  @Default("root")
  @JsonPropertyDescription("Login user. A non-root user needs passwordless sudo and sudo: true.")
  public String user;

  @JsonPropertyDescription("Run every command through `sudo -n`.")
  public Boolean sudo;

  @Required
  @JsonPropertyDescription(
      "Secret with the SSH private key (key ssh-privatekey) and the pinned host key as one"
          + " known_hosts line (key known_hosts).")
  public SshSecretRef sshSecretRef;

  @Size(min = 0, max = 8)
  @JsonPropertyDescription("Addresses on the cluster's networks.")
  public List<NodeAddress> addresses = new ArrayList<>();

  public int portOrDefault() {
    return port == null ? DEFAULT_PORT : port;
  }

  public String userOrDefault() {
    return user == null || user.isEmpty() ? DEFAULT_USER : user;
  }

  public boolean sudoOrDefault() {
    return Boolean.TRUE.equals(sudo);
  }

  /** The node's address on {@code network}, if it has one. */
  public java.util.Optional<NodeAddress> addressOn(String network) {
    return addresses.stream().filter(a -> network.equals(a.network)).findFirst();
  }
}
