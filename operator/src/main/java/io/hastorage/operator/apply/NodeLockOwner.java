package io.hastorage.operator.apply;

import java.security.SecureRandom;
import java.util.HexFormat;

/**
 * How an operator instance names itself in the node locks: the pod name (HOSTNAME in a pod) plus a
 * random suffix per engine, so a restarted pod with the same name is still another instance.
 */
public final class NodeLockOwner {

  private static final SecureRandom RANDOM = new SecureRandom();

  private NodeLockOwner() {}

  public static String forThisInstance(String hostname) {
    String base =
        hostname == null || hostname.isBlank()
            ? "ha-iscsi-operator"
            : hostname.replaceAll("[^A-Za-z0-9._-]", "-");
    if (!Character.isLetterOrDigit(base.charAt(0))) {
      base = "x" + base;
    }
    if (base.length() > 100) {
      base = base.substring(0, 100);
    }
    byte[] suffix = new byte[4];
    RANDOM.nextBytes(suffix);
    return base + "/" + HexFormat.of().formatHex(suffix);
  }
}
