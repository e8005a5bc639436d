package io.hastorage.operator.node.ssh;

import io.hastorage.operator.node.NodeAccessException;
import io.hastorage.operator.node.NodeAccessException.Failure;
import io.hastorage.operator.node.NodeCredentials;
import io.hastorage.operator.node.NodeEndpoint;
import io.hastorage.operator.node.NodeShell;
import io.hastorage.operator.node.NodeShellFactory;
import io.hastorage.operator.node.NodeShellListener;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The SSH transport: one sshj connection per node, reused by every command for that node. A full
 * handshake costs far more than an exec on an open connection, and the operator runs many small
 * probes, so connections are kept open (with keepalive) rather than opened per command.
 *
 * <p>A node's pool entry is keyed by its endpoint and {@link NodeCredentials#revision()}: when the
 * node's Secret is rotated, the old connection is retired (closed once its running commands are
 * done) and the next command connects with the new key and pin.
 */
public final class SshjNodeShellFactory implements NodeShellFactory {

  private static final Logger log = LoggerFactory.getLogger(SshjNodeShellFactory.class);

  private final SshSettings settings;
  private final NodeShellListener listener;
  private final SshConnector connector;
  private final ExecutorService io;
  private final ConcurrentMap<String, NodeConnection> pool = new ConcurrentHashMap<>();
  private volatile boolean closed;

  public SshjNodeShellFactory(SshSettings settings, NodeShellListener listener) {
    this.settings = Objects.requireNonNull(settings, "settings");
    this.listener = new GuardedListener(Objects.requireNonNull(listener, "listener"));
    this.connector = new SshConnector(settings);
    this.io = Executors.newCachedThreadPool(daemonThreads());
  }

  @Override
  public NodeShell shellFor(NodeEndpoint endpoint, NodeCredentials credentials) {
    Objects.requireNonNull(endpoint, "endpoint");
    Objects.requireNonNull(credentials, "credentials");
    if (closed) {
      throw new IllegalStateException("the SSH transport is closed");
    }
    return new SshjNodeShell(this, endpoint, credentials, listener);
  }

  /**
   * The pooled connection for this node, replacing the pooled one when the address or the
   * credentials differ. Connecting itself is lazy: it happens on the first exec.
   */
  NodeConnection connectionFor(NodeEndpoint endpoint, NodeCredentials credentials)
      throws NodeAccessException {
    if (closed) {
      throw new NodeAccessException(Failure.ConnectionLost, "the SSH transport is closed");
    }
    NodeConnection[] replaced = new NodeConnection[1];
    NodeConnection current =
        pool.compute(
            endpoint.nodeName(),
            (name, existing) -> {
              if (existing != null && existing.matches(endpoint, credentials)) {
                return existing;
              }
              replaced[0] = existing;
              return new NodeConnection(endpoint, credentials, settings, connector, listener, io);
            });
    if (replaced[0] != null) {
      log.info("{}: address or credentials changed, replacing the connection", endpoint.nodeName());
      replaced[0].retire();
    }
    return current;
  }

  /** Closes every pooled connection; commands still running fail with ConnectionLost. */
  @Override
  public void close() {
    closed = true;
    pool.values().forEach(NodeConnection::close);
    pool.clear();
    io.shutdownNow();
  }

  private static ThreadFactory daemonThreads() {
    AtomicInteger count = new AtomicInteger();
    return task -> {
      Thread thread = new Thread(task, "ssh-io-" + count.incrementAndGet());
      thread.setDaemon(true);
      return thread;
    };
  }
}
