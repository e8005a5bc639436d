package io.hastorage.operator.testing;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;

/**
 * Reads captured tool output from src/test/resources/captured. Leading provenance lines starting
 * with {@code #| } (where, when and with which versions it was captured: the kernel lab's capture
 * script writes them) are not part of the output and are left out.
 */
public final class Captured {

  private Captured() {}

  public static String read(String name) {
    try (InputStream in = Captured.class.getResourceAsStream("/captured/" + name)) {
      if (in == null) {
        throw new IllegalArgumentException("no captured file " + name);
      }
      return withoutProvenance(new String(in.readAllBytes(), StandardCharsets.UTF_8));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** The text after its leading "#| " provenance lines. */
  static String withoutProvenance(String text) {
    String rest = text;
    while (rest.startsWith("#| ")) {
      int end = rest.indexOf('\n');
      rest = end < 0 ? "" : rest.substring(end + 1);
    }
    return rest;
  }
}
