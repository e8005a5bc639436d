package io.hastorage.operator.node.ssh;

import io.hastorage.operator.node.NodeAccessException;
import io.hastorage.operator.node.NodeAccessException.Failure;
import io.hastorage.operator.node.NodeEndpoint;
import java.net.ConnectException;
import java.net.NoRouteToHostException;
import java.net.PortUnreachableException;
import java.net.SocketException;
import java.net.SocketTimeoutException;
import java.net.UnknownHostException;
import java.util.concurrent.TimeoutException;
import net.schmizz.sshj.common.DisconnectReason;
import net.schmizz.sshj.common.SSHException;
import net.schmizz.sshj.transport.TransportException;
import net.schmizz.sshj.userauth.UserAuthException;

/**
 * Turns whatever sshj or the socket threw while connecting into one {@link Failure}, because the
 * failure becomes a condition reason and each reason calls for a different fix: the network, the
 * pinned host key, or the authorized key. The verifier's own record wins over the exception, since
 * sshj reports every refused host key the same way.
 */
final class ConnectFailures {

  private ConnectFailures() {}

  static NodeAccessException map(NodeEndpoint endpoint, Throwable e, PinnedHostKeyVerifier pin) {
    if (pin.rejection().isPresent()) {
      return pin.rejection().get();
    }
    String node = "node " + endpoint.nodeName();
    String address = endpoint.host() + ":" + endpoint.port();
    if (has(e, UnknownHostException.class)) {
      return new NodeAccessException(
          Failure.NodeUnreachable, node + ": cannot resolve host " + endpoint.host(), e);
    }
    if (isUnreachable(e)) {
      return new NodeAccessException(
          Failure.NodeUnreachable, node + ": cannot connect to " + address + ": " + text(e), e);
    }
    if (e instanceof UserAuthException && !has(e.getCause(), Exception.class)) {
      return new NodeAccessException(
          Failure.AuthenticationFailed,
          node + " refused public key login as " + endpoint.user() + ": " + text(e),
          e);
    }
    if (e instanceof TransportException te
        && te.getDisconnectReason() == DisconnectReason.HOST_KEY_NOT_VERIFIABLE) {
      return new NodeAccessException(Failure.HostKeyMismatch, node + ": " + text(e), e);
    }
    if (has(e, TimeoutException.class)) {
      return new NodeAccessException(
          Failure.NodeUnreachable,
          node + " at " + address + " did not complete the SSH handshake in time",
          e);
    }
    if (e instanceof SSHException) {
      return new NodeAccessException(
          Failure.SshProtocolError, node + " at " + address + ": " + text(e), e);
    }
    return new NodeAccessException(
        Failure.NodeUnreachable, node + ": connection to " + address + " failed: " + text(e), e);
  }

  private static boolean isUnreachable(Throwable e) {
    return has(e, ConnectException.class)
        || has(e, NoRouteToHostException.class)
        || has(e, PortUnreachableException.class)
        || has(e, SocketTimeoutException.class)
        || (e instanceof SocketException);
  }

  static boolean has(Throwable e, Class<? extends Throwable> type) {
    for (Throwable t = e; t != null; t = t.getCause()) {
      if (type.isInstance(t)) {
        return true;
      }
      if (t.getCause() == t) {
        break;
      }
    }
    return false;
  }

  private static String text(Throwable e) {
    String message = e.getMessage();
    return message == null || message.isBlank() ? e.getClass().getSimpleName() : message;
  }
}
