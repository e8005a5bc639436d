package io.hastorage.e2e.sim;

import java.io.IOException;
import java.security.KeyPair;
import java.security.PublicKey;
import java.util.Collection;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.sshd.common.keyprovider.KeyPairProvider;
import org.apache.sshd.common.session.Session;
import org.apache.sshd.common.session.SessionListener;
import org.apache.sshd.core.CoreModuleProperties;
import org.apache.sshd.server.SshServer;
import org.apache.sshd.server.auth.pubkey.UserAuthPublicKeyFactory;
import org.apache.sshd.server.session.ServerSession;

/**
 * A real SSH server (Apache MINA SSHD) in front of one {@link SimulatedNode}: 127.0.0.1 on a port
 * chosen at first start and kept across restarts, an in-memory host key, public-key auth for the
 * authorized keys only (any user name), and every exec run by the node's {@link SimulatedShell}.
 * {@link #stop()} makes the node unreachable while its state stays; {@link #rotateHostKey()}
 * simulates a reinstalled machine. {@link LifecycleListener}s hear about start and stop (the fleet
 * treats them as the machine booting and crashing).
 */
public final class SimulatedNodeServer implements AutoCloseable {

  public static final String HOST = "127.0.0.1";

  /** Told when the server starts or stops listening; called with the server's lock held. */
  public interface LifecycleListener {
    void started(SimulatedNode node);

    void stopped(SimulatedNode node);
  }

  private final SimulatedNode node;
  private final SimulatedShell shell;
  private final ExecutorService executor;
  private final AtomicInteger sessions = new AtomicInteger();
  private final AtomicInteger authenticated = new AtomicInteger();
  private final AtomicInteger open = new AtomicInteger();
  private final List<LifecycleListener> listeners = new CopyOnWriteArrayList<>();
  private volatile List<PublicKey> authorizedKeys;
  private KeyPair hostKey;
  private SshServer server;
  private int port;

  public SimulatedNodeServer(SimulatedNode node, Collection<PublicKey> authorizedKeys) {
    this(node, SimulatedTools.standard(), authorizedKeys);
  }

  public SimulatedNodeServer(
      SimulatedNode node, SimulatedTools tools, Collection<PublicKey> authorizedKeys) {
    this.node = Objects.requireNonNull(node, "node");
    this.shell = new SimulatedShell(node, tools);
    this.authorizedKeys = List.copyOf(authorizedKeys);
    this.hostKey = SshKeys.generate();
    this.executor =
        Executors.newCachedThreadPool(
            runnable -> {
              Thread thread = new Thread(runnable, "sim-" + node.name() + "-exec");
              thread.setDaemon(true);
              return thread;
            });
  }

  public SimulatedNode node() {
    return node;
  }

  public SimulatedShell shell() {
    return shell;
  }

  public void addLifecycleListener(LifecycleListener listener) {
    listeners.add(Objects.requireNonNull(listener, "listener"));
  }

  /** Starts listening (on a random port the first time, the same port afterwards). */
  public synchronized void start() throws IOException {
    if (server == null) {
      listen();
      listeners.forEach(listener -> listener.started(node));
    }
  }

  private void listen() throws IOException {
    SshServer ssh = SshServer.setUpDefaultServer();
    ssh.setHost(HOST);
    ssh.setPort(port);
    ssh.setKeyPairProvider(KeyPairProvider.wrap(hostKey));
    ssh.setUserAuthFactories(List.of(UserAuthPublicKeyFactory.INSTANCE));
    ssh.setPublickeyAuthenticator((user, key, session) -> isAuthorized(key));
    ssh.setPasswordAuthenticator(null);
    ssh.setKeyboardInteractiveAuthenticator(null);
    ssh.setGSSAuthenticator(null);
    ssh.setHostBasedAuthenticator(null);
    CoreModuleProperties.TCP_NODELAY.set(ssh, true);
    ssh.setCommandFactory((channel, command) -> new SimulatedCommand(command, shell, executor));
    ssh.addSessionListener(new Counter());
    ssh.start();
    port = ssh.getPort();
    server = ssh;
  }

  /** Stops listening and drops every open session; the node keeps its state and port. */
  public synchronized void stop() throws IOException {
    if (server != null) {
      try {
        hangUp();
      } finally {
        listeners.forEach(listener -> listener.stopped(node));
      }
    }
  }

  private void hangUp() throws IOException {
    SshServer running = server;
    server = null;
    running.stop(true);
  }

  public synchronized boolean isRunning() {
    return server != null;
  }

  /** The listening port; fixed after the first {@link #start()}. */
  public synchronized int port() {
    if (port == 0) {
      throw new IllegalStateException(node.name() + ": server never started");
    }
    return port;
  }

  public synchronized PublicKey hostKey() {
    return hostKey.getPublic();
  }

  /** The pin for this node, in known_hosts format: {@code [127.0.0.1]:PORT ssh-ed25519 AAAA...}. */
  public synchronized String knownHostsLine() {
    return "[" + HOST + "]:" + port() + " " + SshKeys.openSshPublicKey(hostKey.getPublic());
  }

  /** Replaces the host key (restarting the server if it runs); returns the new known_hosts line. */
  public synchronized String rotateHostKey() throws IOException {
    hostKey = SshKeys.generate();
    if (server != null) {
      hangUp();
      listen();
    }
    return knownHostsLine();
  }

  /** Replaces the keys allowed to log in (takes effect for new authentications). */
  public void authorizeKeys(Collection<PublicKey> keys) {
    authorizedKeys = List.copyOf(keys);
  }

  /** SSH sessions (TCP connections that got as far as the SSH protocol) ever accepted. */
  public int sessionCount() {
    return sessions.get();
  }

  /** Sessions that passed public-key authentication. */
  public int authenticatedSessionCount() {
    return authenticated.get();
  }

  /** Sessions open right now. */
  public int openSessionCount() {
    return open.get();
  }

  private boolean isAuthorized(PublicKey offered) {
    return authorizedKeys.stream().anyMatch(key -> SshKeys.sameKey(key, offered));
  }

  @Override
  public synchronized void close() throws IOException {
    try {
      stop();
    } finally {
      executor.shutdownNow();
    }
  }

  @Override
  public String toString() {
    return "SimulatedNodeServer[" + node.name() + " on " + HOST + ":" + port + "]";
  }

  private final class Counter implements SessionListener {
    @Override
    public void sessionCreated(Session session) {
      if (session instanceof ServerSession) {
        sessions.incrementAndGet();
        open.incrementAndGet();
      }
    }

    @Override
    public void sessionEvent(Session session, Event event) {
      if (event == Event.Authenticated) {
        authenticated.incrementAndGet();
      }
    }

    @Override
    public void sessionClosed(Session session) {
      if (session instanceof ServerSession) {
        open.decrementAndGet();
      }
    }
  }
}
