package io.hastorage.e2e.sim;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Objects;

/** A regular file on a simulated node: content and octal mode (e.g. {@code 0644}). */
public final class SimulatedFile {

  private final byte[] content;
  private final String mode;

  public SimulatedFile(byte[] content, String mode) {
    this.content = Objects.requireNonNull(content, "content").clone();
    this.mode = Objects.requireNonNull(mode, "mode");
  }

  public static SimulatedFile text(String content, String mode) {
    return new SimulatedFile(content.getBytes(StandardCharsets.UTF_8), mode);
  }

  public byte[] content() {
    return content.clone();
  }

  public String text() {
    return new String(content, StandardCharsets.UTF_8);
  }

  public String mode() {
    return mode;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof SimulatedFile other
        && mode.equals(other.mode)
        && Arrays.equals(content, other.content);
  }

  @Override
  public int hashCode() {
    return 31 * Arrays.hashCode(content) + mode.hashCode();
  }

  @Override
  public String toString() {
    return "SimulatedFile[" + content.length + " bytes, mode " + mode + "]";
  }
}
