package io.hastorage.operator.node;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * Bytes that may hold a secret (a key, a shared secret, file content written to a node). Their
 * {@code toString} never reveals them, so they cannot leak into logs, events, status or exceptions
 * by accident.
 */
public final class SensitiveBytes {

  public static final SensitiveBytes EMPTY = new SensitiveBytes(new byte[0], false);

  private final byte[] bytes;
  private final boolean secret;

  private SensitiveBytes(byte[] bytes, boolean secret) {
    this.bytes = bytes;
    this.secret = secret;
  }

  /** Content that is not secret (a rendered config file); its size may be shown. */
  public static SensitiveBytes plain(String text) {
    return new SensitiveBytes(text.getBytes(StandardCharsets.UTF_8), false);
  }

  /** Secret content: only "redacted" is ever shown. */
  public static SensitiveBytes secret(byte[] bytes) {
    return new SensitiveBytes(bytes.clone(), true);
  }

  public static SensitiveBytes secret(String text) {
    return new SensitiveBytes(text.getBytes(StandardCharsets.UTF_8), true);
  }

  public byte[] bytes() {
    return bytes.clone();
  }

  public int length() {
    return bytes.length;
  }

  public boolean isEmpty() {
    return bytes.length == 0;
  }

  public boolean isSecret() {
    return secret;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof SensitiveBytes other
        && secret == other.secret
        && Arrays.equals(bytes, other.bytes);
  }

  @Override
  public int hashCode() {
    return Arrays.hashCode(bytes);
  }

  @Override
  public String toString() {
    return secret ? "redacted" : bytes.length + " bytes";
  }
}
