package io.hastorage.operator.testing;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;

/** Reads captured tool output from src/test/resources/captured. */
public final class Captured {

  private Captured() {}

  public static String read(String name) {
    try (InputStream in = Captured.class.getResourceAsStream("/captured/" + name)) {
      if (in == null) {
        throw new IllegalArgumentException("no captured file " + name);
      }
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
