package io.hastorage.operator.node.ssh;

import io.hastorage.operator.node.NodeAccessException;
import io.hastorage.operator.node.NodeAccessException.Failure;
import java.security.PublicKey;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;
import net.schmizz.sshj.common.Buffer;
import net.schmizz.sshj.common.KeyType;
import net.schmizz.sshj.transport.verification.HostKeyVerifier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Accepts exactly the host key pinned in the node's Secret and nothing else: no trust on first use,
 * no known_hosts file, no prompt. A node whose key changed is refused until someone updates the
 * Secret, which is the point of pinning.
 *
 * <p>sshj only reports "could not verify" when a verifier says no, so this class records why it
 * refused ({@link #rejection()}): a missing pin and a wrong key need different fixes, and the
 * condition reason must say which.
 *
 * <p>One instance serves one connection attempt.
 */
public final class PinnedHostKeyVerifier implements HostKeyVerifier {

  private static final Logger log = LoggerFactory.getLogger(PinnedHostKeyVerifier.class);

  private final String nodeName;
  private final List<HostKeyPin> pins;
  private final String problem;
  private volatile NodeAccessException rejection;

  public PinnedHostKeyVerifier(String nodeName, String knownHostsLine) {
    this.nodeName = nodeName;
    List<HostKeyPin> parsed = List.of();
    String parseProblem = null;
    try {
      parsed = HostKeyPin.parseAll(knownHostsLine == null ? "" : knownHostsLine);
    } catch (IllegalArgumentException e) {
      parseProblem = e.getMessage();
    }
    this.pins = parsed;
    this.problem = parseProblem;
  }

  /** Whether there is a usable pin; without one, connecting is pointless. */
  public boolean hasPin() {
    return !pins.isEmpty();
  }

  /** The refusal for a missing or unreadable pin, before or instead of connecting. */
  public NodeAccessException missingPin() {
    String why =
        problem == null
            ? "the node's Secret has no pinned host key (known_hosts line)"
            : "the pinned host key in the node's Secret cannot be read: " + problem;
    return new NodeAccessException(
        Failure.HostKeyMissing, "refusing to connect to node " + nodeName + ": " + why);
  }

  /** Why the last {@link #verify} call refused the server, if it did. */
  public Optional<NodeAccessException> rejection() {
    return Optional.ofNullable(rejection);
  }

  @Override
  public boolean verify(String hostname, int port, PublicKey key) {
    if (pins.isEmpty()) {
      rejection = missingPin();
      return false;
    }
    String presentedType = KeyType.fromKey(key).toString();
    byte[] presented = new Buffer.PlainBuffer().putPublicKey(key).getCompactData();
    for (HostKeyPin pin : pins) {
      if (pin.matches(presentedType, presented)) {
        return true;
      }
    }
    rejection = mismatch(hostname, port, presentedType, presented);
    log.debug("{}: {}", nodeName, rejection.getMessage()); // the pool logs the failure itself
    return false;
  }

  private NodeAccessException mismatch(String host, int port, String type, byte[] presented) {
    String expected = pins.stream().map(HostKeyPin::toString).collect(Collectors.joining(", "));
    return new NodeAccessException(
        Failure.HostKeyMismatch,
        "host key of node "
            + nodeName
            + " ("
            + host
            + ":"
            + port
            + ") does not match the pinned key: expected "
            + expected
            + ", presented "
            + type
            + " "
            + HostKeyPin.fingerprint(presented));
  }

  /** The pinned key's algorithms, so key exchange asks the server for that key first. */
  @Override
  public List<String> findExistingAlgorithms(String hostname, int port) {
    return pins.stream()
        .flatMap(pin -> pin.signatureAlgorithms().stream())
        .distinct()
        .collect(Collectors.toList());
  }

  @Override
  public String toString() {
    return "PinnedHostKeyVerifier[" + nodeName + ", " + pins + "]";
  }
}
