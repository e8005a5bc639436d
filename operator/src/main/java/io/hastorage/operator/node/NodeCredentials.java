package io.hastorage.operator.node;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Objects;

/**
 * What the node's Secret holds: our private key (OpenSSH or PEM text) and the pinned host key as
 * one known_hosts line. Never printed: {@link #toString} shows only a fingerprint of both, which
 * the connection pool also uses to notice a rotated Secret.
 */
public final class NodeCredentials {

  private final SensitiveBytes privateKey;
  private final String knownHostsLine;

  public NodeCredentials(SensitiveBytes privateKey, String knownHostsLine) {
    this.privateKey = Objects.requireNonNull(privateKey, "privateKey");
    this.knownHostsLine = knownHostsLine == null ? "" : knownHostsLine.strip();
  }

  public SensitiveBytes privateKey() {
    return privateKey;
  }

  /** The pinned host key, one known_hosts line; empty when the Secret has none. */
  public String knownHostsLine() {
    return knownHostsLine;
  }

  /** A short digest of key and pin together; changes when either changes. */
  public String revision() {
    try {
      MessageDigest digest = MessageDigest.getInstance("SHA-256");
      digest.update(privateKey.bytes());
      digest.update((byte) 0);
      digest.update(knownHostsLine.getBytes(java.nio.charset.StandardCharsets.UTF_8));
      return HexFormat.of().formatHex(digest.digest(), 0, 8);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 missing from the JRE", e);
    }
  }

  @Override
  public String toString() {
    return "NodeCredentials[revision=" + revision() + "]";
  }
}
