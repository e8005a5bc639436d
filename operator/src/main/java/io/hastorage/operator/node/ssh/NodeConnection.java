package io.hastorage.operator.node.ssh;

import io.hastorage.operator.node.NodeAccessException;
import io.hastorage.operator.node.NodeAccessException.Failure;
import io.hastorage.operator.node.NodeCredentials;
import io.hastorage.operator.node.NodeEndpoint;
import io.hastorage.operator.node.NodeShellListener;
import io.hastorage.operator.node.SensitiveBytes;
import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import net.schmizz.sshj.SSHClient;
import net.schmizz.sshj.connection.channel.direct.Session;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The pooled connection to one node under one set of credentials: at most one live sshj client,
 * opened on first use, replaced when it dies, and guarded by a reconnect backoff. A fair semaphore
 * caps the channels open at once below OpenSSH's MaxSessions; callers beyond the cap queue in
 * arrival order, each for at most its command's timeout.
 *
 * <p>Connecting happens under this object's lock, so concurrent first callers share one handshake
 * instead of racing to open several connections.
 */
final class NodeConnection {

  private static final Logger log = LoggerFactory.getLogger(NodeConnection.class);

  private final NodeEndpoint endpoint;
  private final NodeCredentials credentials;
  private final String revision;
  private final SshConnector connector;
  private final NodeShellListener listener;
  private final ExecutorService io;
  private final Backoff backoff;
  private final Semaphore channels;
  private final int maxChannels;

  private SSHClient client; // guarded by this
  private volatile boolean retired; // written under this

  NodeConnection(
      NodeEndpoint endpoint,
      NodeCredentials credentials,
      SshSettings settings,
      SshConnector connector,
      NodeShellListener listener,
      ExecutorService io) {
    this.endpoint = endpoint;
    this.credentials = credentials;
    this.revision = credentials.revision();
    this.connector = connector;
    this.listener = listener;
    this.io = io;
    this.backoff = new Backoff(settings.backoffInitial(), settings.backoffMax(), Clock.systemUTC());
    this.maxChannels = settings.maxChannelsPerConnection();
    this.channels = new Semaphore(maxChannels, true);
  }

  /** Whether this connection was made for exactly this address and these credentials. */
  boolean matches(NodeEndpoint otherEndpoint, NodeCredentials otherCredentials) {
    return endpoint.equals(otherEndpoint) && revision.equals(otherCredentials.revision());
  }

  /** Commands over whatever live connection the pool has, reconnecting when it died. */
  Target pooled() {
    return new Target(null);
  }

  /**
   * Where a command runs: the pool's live client, or one pinned client (the one a held command runs
   * on), which is never replaced: if it died, the command fails with ConnectionLost.
   */
  final class Target {
    private final SSHClient pinned;

    private Target(SSHClient pinned) {
      this.pinned = pinned;
    }

    /** Runs one command line; {@code deadline} (nanoTime) bounds queueing and running together. */
    RemoteExec.Outcome exec(String line, SensitiveBytes stdin, long startNanos, long deadline)
        throws NodeAccessException {
      Channel channel = acquireAndOpen(deadline);
      try {
        return new RemoteExec(
                endpoint.nodeName(),
                io,
                channel.client(),
                channel.session(),
                NodeConnection.this::releaseChannel)
            .run(line, stdin, startNanos, deadline);
      } catch (NodeAccessException e) {
        if (e.failure() == Failure.ConnectionLost) {
          discard(channel.client());
        }
        throw e;
      }
    }

    /** Starts a held command; commands through {@link HeldExec#pinned} share its connection. */
    HeldExec hold(
        String line,
        SensitiveBytes stdin,
        long startNanos,
        long deadline,
        NodeShellListener commandListener)
        throws NodeAccessException {
      Channel channel = acquireAndOpen(deadline);
      try {
        return HeldExec.start(
            endpoint.nodeName(),
            io,
            channel.session(),
            NodeConnection.this::releaseChannel,
            new Target(channel.client()),
            commandListener,
            line,
            stdin,
            startNanos,
            deadline);
      } catch (NodeAccessException e) {
        if (e.failure() == Failure.ConnectionLost) {
          discard(channel.client());
        }
        throw e;
      }
    }

    private Channel acquireAndOpen(long deadline) throws NodeAccessException {
      acquireChannel(deadline);
      try {
        return pinned == null ? openChannel() : openPinnedChannel(pinned);
      } catch (NodeAccessException e) {
        releaseChannel();
        throw e;
      }
    }
  }

  private Channel openPinnedChannel(SSHClient pinned) throws NodeAccessException {
    synchronized (this) {
      if (client != pinned || !RemoteExec.transportAlive(pinned)) {
        throw new NodeAccessException(
            Failure.ConnectionLost,
            "the connection to node "
                + endpoint.nodeName()
                + " that held the node lock was lost; nothing more runs under that lock");
      }
    }
    try {
      return new Channel(pinned, pinned.startSession());
    } catch (IOException e) {
      throw RemoteExec.failure(endpoint.nodeName(), pinned, "opening a session channel", e);
    }
  }

  private record Channel(SSHClient client, Session session) {}

  /**
   * Opens a session channel. A pooled connection can be dead without anyone having noticed yet
   * (node rebooted between keepalives); then nothing has run, so it is safe to reconnect once and
   * try again instead of failing the command.
   */
  private Channel openChannel() throws NodeAccessException {
    for (int attempt = 1; ; attempt++) {
      SSHClient live = open();
      try {
        return new Channel(live, live.startSession());
      } catch (IOException e) {
        NodeAccessException failure =
            RemoteExec.failure(endpoint.nodeName(), live, "opening a session channel", e);
        if (failure.failure() != Failure.ConnectionLost) {
          throw failure;
        }
        discard(live);
        // A peer that merely went silent would only time out again: report it instead.
        if (attempt > 1 || ConnectFailures.has(e, TimeoutException.class)) {
          throw failure;
        }
        log.info("{}: pooled connection was dead, reconnecting", endpoint.nodeName());
      }
    }
  }

  private void acquireChannel(long deadline) throws NodeAccessException {
    long wait = Math.max(0, deadline - System.nanoTime());
    try {
      if (!channels.tryAcquire(wait, TimeUnit.NANOSECONDS)) {
        throw new NodeAccessException(
            Failure.CommandTimeout,
            "all "
                + maxChannels
                + " channels to node "
                + endpoint.nodeName()
                + " stayed busy until the command's timeout");
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new NodeAccessException(
          Failure.CommandTimeout,
          "interrupted while waiting for a channel to node " + endpoint.nodeName());
    }
  }

  private void releaseChannel() {
    channels.release();
    if (retired) { // checked first so a finishing command never waits for another's handshake
      synchronized (this) {
        if (channels.availablePermits() == maxChannels) {
          closeClient("retired connection is idle");
        }
      }
    }
  }

  /** The live client, connecting first if there is none; fails fast inside the backoff window. */
  private synchronized SSHClient open() throws NodeAccessException {
    if (retired) {
      throw new NodeAccessException(
          Failure.ConnectionLost,
          "the connection to node " + endpoint.nodeName() + " was closed (credentials changed)");
    }
    if (client != null) {
      if (RemoteExec.transportAlive(client)) {
        return client;
      }
      closeClient("connection found dead");
    }
    backoff.checkReady(endpoint.nodeName());
    return connect();
  }

  private SSHClient connect() throws NodeAccessException {
    long start = System.nanoTime();
    try {
      client = connector.connect(endpoint, credentials);
    } catch (NodeAccessException e) {
      Duration delay = backoff.recordFailure(e);
      listener.connectFailed(endpoint.nodeName(), e.failure());
      log.warn(
          "{}: connecting failed ({}), next attempt in {} ms: {}",
          endpoint.nodeName(),
          e.failure(),
          delay.toMillis(),
          e.getMessage());
      throw e;
    }
    backoff.reset();
    Duration handshake = Duration.ofNanos(System.nanoTime() - start);
    listener.connected(endpoint.nodeName(), handshake);
    log.info(
        "{}: connected to {}@{}:{} in {} ms",
        endpoint.nodeName(),
        endpoint.user(),
        endpoint.host(),
        endpoint.port(),
        handshake.toMillis());
    return client;
  }

  /** Drops {@code broken} if it is still the pooled client; the next exec reconnects. */
  private synchronized void discard(SSHClient broken) {
    if (client == broken) {
      closeClient("connection lost");
    }
  }

  /**
   * Stops handing out this connection (the node's credentials or address changed). Commands already
   * running finish; the client closes when the last one does.
   */
  synchronized void retire() {
    retired = true;
    if (channels.availablePermits() == maxChannels) {
      closeClient("credentials changed");
    }
  }

  /** Closes at once, failing any command still running. */
  synchronized void close() {
    retired = true;
    closeClient("transport closed");
  }

  private void closeClient(String why) {
    if (client == null) {
      return;
    }
    SshConnector.closeQuietly(client);
    client = null;
    listener.disconnected(endpoint.nodeName());
    log.info("{}: disconnected ({})", endpoint.nodeName(), why);
  }
}
