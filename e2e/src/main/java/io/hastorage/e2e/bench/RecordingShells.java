package io.hastorage.e2e.bench;

import io.hastorage.operator.node.Command;
import io.hastorage.operator.node.ExecResult;
import io.hastorage.operator.node.NodeAccessException;
import io.hastorage.operator.node.NodeCredentials;
import io.hastorage.operator.node.NodeEndpoint;
import io.hastorage.operator.node.NodeShell;
import io.hastorage.operator.node.NodeShellFactory;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;

/** The operator's SSH transport, remembering every command it sent, per node. */
public final class RecordingShells implements NodeShellFactory {

  private final NodeShellFactory delegate;
  private final Map<String, List<Command>> sent = new ConcurrentHashMap<>();
  private final Map<String, List<ExecResult>> results = new ConcurrentHashMap<>();

  public RecordingShells(NodeShellFactory delegate) {
    this.delegate = delegate;
  }

  @Override
  public NodeShell shellFor(NodeEndpoint endpoint, NodeCredentials credentials) {
    return InterceptedShells.wrap(delegate.shellFor(endpoint, credentials), this::record);
  }

  private ExecResult record(NodeShell shell, Command command) throws NodeAccessException {
    ExecResult result = shell.exec(command);
    // recorded together, so sent(node).get(i) produced results(node).get(i)
    synchronized (this) {
      sent.computeIfAbsent(shell.nodeName(), n -> new CopyOnWriteArrayList<>()).add(command);
      results.computeIfAbsent(shell.nodeName(), n -> new CopyOnWriteArrayList<>()).add(result);
    }
    return result;
  }

  /** The commands sent to {@code node} so far, oldest first. */
  public List<Command> sent(String node) {
    return List.copyOf(sent.getOrDefault(node, List.of()));
  }

  /** What each of those commands returned, in the same order. */
  public List<ExecResult> results(String node) {
    return List.copyOf(results.getOrDefault(node, List.of()));
  }

  @Override
  public void close() {
    delegate.close();
  }
}
