package io.hastorage.operator.plan.corosync;

import io.hastorage.operator.plan.ManagedFiles;
import java.security.SecureRandom;
import java.util.Objects;

/**
 * The shared Corosync key (/etc/corosync/authkey): random bytes, identical on every node.
 *
 * <p>The operator never reads the key back from a node. It compares the node's file by its sha256
 * (which the probe reports) with the hash of the key it holds, and writes the key only when they
 * differ. The key is made once and kept by the caller (e.g. in a Secret), so both nodes get the
 * same bytes and a restart does not change it.
 */
public final class Authkey {

  /** corosync-keygen's default size, 2048 bits. */
  public static final int SIZE = 256;

  /** knet's minimum (TOTEM_PRIVATE_KEY_LEN_MIN): corosync refuses shorter keys. */
  public static final int MIN_SIZE = 128;

  /** knet's maximum (TOTEM_PRIVATE_KEY_LEN_MAX): corosync silently ignores bytes beyond it. */
  public static final int MAX_SIZE = 4096;

  private Authkey() {}

  /** A new key of {@link #SIZE} bytes. The caller passes the random source, so tests can too. */
  public static byte[] generate(SecureRandom random) {
    Objects.requireNonNull(random, "random");
    byte[] key = new byte[SIZE];
    random.nextBytes(key);
    return key;
  }

  /** The hash the probe reports for a node whose authkey file holds exactly {@code key}. */
  public static String sha256Hex(byte[] key) {
    return ManagedFiles.sha256(key);
  }

  /** Rejects keys Corosync would refuse or truncate; the message never shows the key. */
  static void requireUsable(byte[] key) {
    Objects.requireNonNull(key, "authkey");
    if (key.length < MIN_SIZE || key.length > MAX_SIZE) {
      throw new IllegalArgumentException(
          "authkey must be " + MIN_SIZE + " to " + MAX_SIZE + " bytes, got " + key.length);
    }
  }
}
