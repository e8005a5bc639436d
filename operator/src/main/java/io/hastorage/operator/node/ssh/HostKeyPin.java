package io.hastorage.operator.node.ssh;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.regex.Pattern;

/**
 * One pinned host key, read from a known_hosts line: its key type and its SSH wire-format blob.
 * Host names in the line are ignored on purpose: the pin comes from the node's own Secret, so it
 * applies to that node whatever address it is reached at.
 */
final class HostKeyPin {

  private static final Pattern KEY_TYPE = Pattern.compile("^(ssh|ecdsa|sk)-[A-Za-z0-9@.+-]+$");

  private final String keyType;
  private final byte[] blob;

  private HostKeyPin(String keyType, byte[] blob) {
    this.keyType = keyType;
    this.blob = blob;
  }

  /**
   * Reads every pin in {@code text}: usually one known_hosts line, but several lines (one per key
   * type, as {@code ssh-keyscan} prints them) are accepted. Blank and comment lines are skipped.
   *
   * @throws IllegalArgumentException when a line is not a plain known_hosts entry
   */
  static List<HostKeyPin> parseAll(String text) {
    List<HostKeyPin> pins = new ArrayList<>();
    for (String line : text.split("\\R")) {
      String trimmed = line.strip();
      if (!trimmed.isEmpty() && !trimmed.startsWith("#")) {
        pins.add(parse(trimmed));
      }
    }
    return List.copyOf(pins);
  }

  /**
   * Reads "host[,host2] keytype base64 [comment]", "[host]:port keytype base64" or just "keytype
   * base64". Markers such as {@code @cert-authority} are refused: a CA line does not pin a key.
   */
  static HostKeyPin parse(String line) {
    String[] fields = line.strip().split("\\s+");
    if (fields[0].startsWith("@")) {
      throw new IllegalArgumentException("known_hosts markers are not supported: " + fields[0]);
    }
    boolean withHosts = fields.length >= 3 && KEY_TYPE.matcher(fields[1]).matches();
    int typeField = withHosts ? 1 : 0;
    if (fields.length < typeField + 2 || !KEY_TYPE.matcher(fields[typeField]).matches()) {
      throw new IllegalArgumentException(
          "expected 'host keytype base64-key', found " + fields.length + " fields");
    }
    String type = fields[typeField];
    byte[] blob;
    try {
      blob = Base64.getDecoder().decode(fields[typeField + 1]);
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("the " + type + " key is not valid base64");
    }
    String embedded = embeddedType(blob);
    if (!type.equals(embedded)) {
      throw new IllegalArgumentException(
          "the line says " + type + " but the key blob is " + embedded);
    }
    return new HostKeyPin(type, blob);
  }

  String keyType() {
    return keyType;
  }

  /** True when the presented key has exactly this type and this blob. */
  boolean matches(String presentedType, byte[] presentedBlob) {
    return keyType.equals(presentedType) && MessageDigest.isEqual(blob, presentedBlob);
  }

  String fingerprint() {
    return fingerprint(blob);
  }

  /**
   * The host key algorithms that can prove this key, most preferred first. An RSA key is one key
   * type but three signature algorithms; everything else signs under its own name.
   */
  List<String> signatureAlgorithms() {
    if ("ssh-rsa".equals(keyType)) {
      return List.of("rsa-sha2-512", "rsa-sha2-256", "ssh-rsa");
    }
    return List.of(keyType);
  }

  /** OpenSSH's fingerprint format: "SHA256:" and the unpadded base64 of the blob's SHA-256. */
  static String fingerprint(byte[] blob) {
    try {
      byte[] digest = MessageDigest.getInstance("SHA-256").digest(blob);
      return "SHA256:" + Base64.getEncoder().withoutPadding().encodeToString(digest);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 missing from the JRE", e);
    }
  }

  /** The key type written at the start of every SSH public key blob (uint32 length + name). */
  private static String embeddedType(byte[] blob) {
    ByteBuffer buffer = ByteBuffer.wrap(blob);
    if (buffer.remaining() < 4) {
      return "(too short)";
    }
    int length = buffer.getInt();
    if (length < 1 || length > buffer.remaining() || length > 64) {
      return "(malformed)";
    }
    return new String(Arrays.copyOfRange(blob, 4, 4 + length), StandardCharsets.US_ASCII);
  }

  @Override
  public String toString() {
    return keyType + " " + fingerprint();
  }
}
