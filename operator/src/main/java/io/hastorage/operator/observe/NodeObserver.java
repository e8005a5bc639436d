package io.hastorage.operator.observe;

import io.hastorage.operator.node.ExecResult;
import io.hastorage.operator.node.NodeAccessException;
import io.hastorage.operator.node.NodeShell;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.HexFormat;

/**
 * Runs the batched probe on a node: one exec, read-only, then parsing. Never changes anything on
 * the node, and turns every access failure into an {@link Observation} instead of an exception.
 */
public final class NodeObserver {

  private static final SecureRandom RANDOM = new SecureRandom();

  private final Duration timeout;

  public NodeObserver(Duration timeout) {
    this.timeout = timeout;
  }

  public Observation observe(NodeShell shell, ProbeRequest request) {
    String nonce = newNonce();
    try {
      ExecResult result = shell.exec(ProbeScript.command(NodeProbe.items(request), nonce, timeout));
      ProbeOutput output = ProbeOutput.parse(result.stdout(), nonce);
      if (output.sections().isEmpty()) {
        return Observation.unreached(
            shell.nodeName(),
            NodeAccessException.Failure.SshProtocolError,
            "the probe printed nothing usable (exit "
                + result.exitCode()
                + "): "
                + result.summary());
      }
      return Observation.reached(FactsParser.parse(shell.nodeName(), output, request));
    } catch (NodeAccessException e) {
      return Observation.unreached(shell.nodeName(), reportedFailure(e), e.getMessage());
    }
  }

  /**
   * A probe refused inside the reconnect backoff window is reported under the failure that opened
   * the window (its message says when the next attempt is): a node that stays down keeps one
   * reason, and so one Event, instead of alternating NodeUnreachable and BackingOff, and a changed
   * host key stays HostKeyMismatch until its Secret is updated.
   */
  static NodeAccessException.Failure reportedFailure(NodeAccessException e) {
    if (e.failure() == NodeAccessException.Failure.BackingOff
        && e.getCause() instanceof NodeAccessException cause) {
      return cause.failure();
    }
    return e.failure();
  }

  private static String newNonce() {
    byte[] bytes = new byte[8];
    RANDOM.nextBytes(bytes);
    return HexFormat.of().formatHex(bytes);
  }
}
