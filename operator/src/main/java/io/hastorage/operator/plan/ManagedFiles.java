package io.hastorage.operator.plan;

import io.hastorage.operator.node.FileWrite;
import io.hastorage.operator.node.SensitiveBytes;
import io.hastorage.operator.observe.NodeFacts;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Optional;

/**
 * Files the operator owns on nodes. Each carries a header saying so, and is compared with the node
 * by content hash: a write step exists only when the hash differs.
 */
public final class ManagedFiles {

  public static final String MARKER = "Managed by ha-iscsi-operator";

  private ManagedFiles() {}

  /** The ownership header as a comment in the file's own syntax. */
  public static String header(String commentPrefix) {
    return commentPrefix + " " + MARKER + ". Local changes are overwritten.\n";
  }

  public static String sha256(byte[] content) {
    try {
      return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(content));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 missing from the JRE", e);
    }
  }

  public static String sha256(String content) {
    return sha256(content.getBytes(StandardCharsets.UTF_8));
  }

  /** A write step when the node's copy is missing or differs, else empty. */
  public static Optional<Step> writeIfChanged(
      NodeFacts facts, String path, String content, String mode, String description) {
    String wanted = sha256(content);
    if (facts.fileHash(path).filter(wanted::equals).isPresent()) {
      return Optional.empty();
    }
    FileWrite file = new FileWrite(path, SensitiveBytes.plain(content), mode);
    return Optional.of(Step.of(facts.nodeName(), description, new Action.WriteFile(file)));
  }
}
