package io.hastorage.operator.node;

/**
 * A node could not be used: it is unreachable, its host key is wrong, our key was refused, or a
 * command did not finish. The {@link Failure} becomes a condition reason, so each cause stays
 * distinguishable in status. Messages never contain secrets.
 */
public class NodeAccessException extends Exception {

  private static final long serialVersionUID = 1L;

  /** Why a node could not be used. Each value is a CamelCase condition reason. */
  public enum Failure {
    NodeUnreachable,
    HostKeyMismatch,
    HostKeyMissing,
    AuthenticationFailed,
    ConnectionLost,
    CommandTimeout,
    BackingOff,
    SshProtocolError
  }

  private final Failure failure;

  public NodeAccessException(Failure failure, String message) {
    super(message);
    this.failure = failure;
  }

  public NodeAccessException(Failure failure, String message, Throwable cause) {
    super(message, cause);
    this.failure = failure;
  }

  public Failure failure() {
    return failure;
  }
}
