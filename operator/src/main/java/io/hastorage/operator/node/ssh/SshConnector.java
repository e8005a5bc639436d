package io.hastorage.operator.node.ssh;

import io.hastorage.operator.node.NodeAccessException;
import io.hastorage.operator.node.NodeAccessException.Failure;
import io.hastorage.operator.node.NodeCredentials;
import io.hastorage.operator.node.NodeEndpoint;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import javax.net.SocketFactory;
import net.schmizz.keepalive.KeepAliveProvider;
import net.schmizz.sshj.Config;
import net.schmizz.sshj.DefaultConfig;
import net.schmizz.sshj.SSHClient;
import net.schmizz.sshj.common.DisconnectReason;
import net.schmizz.sshj.userauth.keyprovider.KeyProvider;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Opens one authenticated sshj connection: TCP with TCP_NODELAY, key exchange against the pinned
 * host key, public key login. Every failure comes out as a {@link NodeAccessException} with a
 * precise {@link Failure}; a half-open client is never leaked.
 */
final class SshConnector {

  private static final Logger log = LoggerFactory.getLogger(SshConnector.class);

  private final SshSettings settings;
  private final Config config;
  private final SocketFactory sockets;

  SshConnector(SshSettings settings) {
    this.settings = settings;
    DefaultConfig defaults = new DefaultConfig();
    // KEEP_ALIVE (keepalive@openssh.com with reply tracking) notices a dead peer; HEARTBEAT does
    // not wait for replies and so never does.
    defaults.setKeepAliveProvider(KeepAliveProvider.KEEP_ALIVE);
    this.config = defaults;
    this.sockets = new NoDelaySocketFactory();
  }

  /** Connects and logs in, or throws with the reason; the returned client is ready for exec. */
  SSHClient connect(NodeEndpoint endpoint, NodeCredentials credentials) throws NodeAccessException {
    PinnedHostKeyVerifier verifier =
        new PinnedHostKeyVerifier(endpoint.nodeName(), credentials.knownHostsLine());
    if (!verifier.hasPin()) {
      throw verifier.missingPin();
    }
    SSHClient client = newClient(endpoint, verifier);
    try {
      KeyProvider key = loadKey(client, endpoint, credentials);
      client.connect(endpoint.host(), endpoint.port());
      client.authPublickey(endpoint.user(), key);
      return client;
    } catch (NodeAccessException e) {
      closeQuietly(client);
      throw e;
    } catch (IOException | RuntimeException e) {
      closeQuietly(client);
      throw ConnectFailures.map(endpoint, e, verifier);
    }
  }

  private SSHClient newClient(NodeEndpoint endpoint, PinnedHostKeyVerifier verifier) {
    SSHClient client = new SSHClient(config);
    int timeoutMillis = (int) Math.min(Integer.MAX_VALUE, settings.connectTimeout().toMillis());
    client.setSocketFactory(sockets);
    client.setConnectTimeout(timeoutMillis);
    // Bounds the handshake and login (transport) and every wait for the server to answer a
    // channel request (connection), so a silent peer is noticed in connectTimeout, not 30 s.
    client.getTransport().setTimeoutMs(timeoutMillis);
    client.getConnection().setTimeoutMs(timeoutMillis);
    client.setRemoteCharset(StandardCharsets.UTF_8);
    client.addHostKeyVerifier(verifier);
    long keepAliveSeconds = settings.keepAliveInterval().toSeconds();
    if (!settings.keepAliveInterval().isZero()) {
      client
          .getConnection()
          .getKeepAlive()
          .setKeepAliveInterval((int) Math.max(1, Math.min(keepAliveSeconds, 86_400)));
    }
    // Replaces sshj's default listener, which only logs; this one names the node. Our own closes
    // (BY_APPLICATION) are logged by the pool already. It runs on sshj's reader thread, so it
    // must not take the pool's lock: the connecting thread may hold it while waiting on kex.
    client
        .getTransport()
        .setDisconnectListener(
            (reason, message) -> {
              if (reason != DisconnectReason.BY_APPLICATION) {
                log.info("{}: SSH connection ended ({}): {}", endpoint.nodeName(), reason, message);
              }
            });
    return client;
  }

  /**
   * Parses the private key now rather than during login, so a broken key is reported as such and
   * not as a refused login. Neither the key nor the parser's message (which might quote it) goes
   * into the exception.
   */
  private static KeyProvider loadKey(
      SSHClient client, NodeEndpoint endpoint, NodeCredentials credentials)
      throws NodeAccessException {
    byte[] raw = credentials.privateKey().bytes();
    try {
      KeyProvider key = client.loadKeys(new String(raw, StandardCharsets.UTF_8), null, null);
      key.getPublic();
      return key;
    } catch (IOException | RuntimeException e) {
      throw new NodeAccessException(
          Failure.AuthenticationFailed,
          "the private key in the Secret of node "
              + endpoint.nodeName()
              + " cannot be read ("
              + e.getClass().getSimpleName()
              + "); expected an unencrypted OpenSSH or PEM private key");
    } finally {
      Arrays.fill(raw, (byte) 0);
    }
  }

  static void closeQuietly(SSHClient client) {
    try {
      client.close();
    } catch (IOException | RuntimeException e) {
      log.debug("closing an SSH client failed: {}", e.toString());
    }
  }
}
