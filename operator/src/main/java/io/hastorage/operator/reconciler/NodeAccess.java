package io.hastorage.operator.reconciler;

import io.hastorage.operator.api.cluster.ClusterNode;
import io.hastorage.operator.api.cluster.SshSecretRef;
import io.hastorage.operator.node.NodeCredentials;
import io.hastorage.operator.node.NodeEndpoint;
import io.hastorage.operator.node.NodeShell;
import io.hastorage.operator.node.NodeShellFactory;
import io.hastorage.operator.node.SensitiveBytes;
import io.hastorage.operator.observe.Observation;
import io.hastorage.operator.status.Reasons;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;

/**
 * Turns spec nodes into shells: reads each node's SSH Secret and asks the pooled factory for a
 * shell. A node whose Secret or keys are missing gets an {@link Observation} explaining it instead.
 */
public final class NodeAccess {

  private final SecretReader secrets;
  private final NodeShellFactory shells;

  public NodeAccess(SecretReader secrets, NodeShellFactory shells) {
    this.secrets = secrets;
    this.shells = shells;
  }

  /** A shell for the node, or the observation that says why there is none. */
  public record Handle(ClusterNode node, NodeShell shell, Observation refusal) {}

  public List<Handle> open(String namespace, List<ClusterNode> nodes) {
    return nodes.stream().map(node -> open(namespace, node)).toList();
  }

  private Handle open(String namespace, ClusterNode node) {
    SshSecretRef ref = node.sshSecretRef;
    Map<String, byte[]> data = secrets.read(namespace, ref.name).orElse(null);
    if (data == null) {
      return missing(node, "Secret " + namespace + "/" + ref.name + " not found");
    }
    byte[] key = data.get(ref.privateKeyKeyOrDefault());
    if (key == null || key.length == 0) {
      return missing(node, "Secret " + ref.name + " has no key " + ref.privateKeyKeyOrDefault());
    }
    byte[] pin = data.get(ref.knownHostsKeyOrDefault());
    String knownHosts = pin == null ? "" : new String(pin, StandardCharsets.UTF_8);
    NodeEndpoint endpoint =
        new NodeEndpoint(
            node.name,
            node.address,
            node.portOrDefault(),
            node.userOrDefault(),
            node.sudoOrDefault());
    NodeCredentials credentials = new NodeCredentials(SensitiveBytes.secret(key), knownHosts);
    return new Handle(node, shells.shellFor(endpoint, credentials), null);
  }

  private static Handle missing(ClusterNode node, String message) {
    return new Handle(
        node,
        null,
        Observation.withoutCredentials(node.name, Reasons.CREDENTIALS_MISSING, message));
  }
}
