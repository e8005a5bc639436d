package io.hastorage.operator.node;

/**
 * Hands out a shell for a node. Implementations pool connections: asking twice for the same node
 * with the same credentials returns a shell on the same connection.
 */
public interface NodeShellFactory extends AutoCloseable {

  NodeShell shellFor(NodeEndpoint endpoint, NodeCredentials credentials);

  /** Closes every pooled connection. */
  @Override
  void close();
}
