package io.hastorage.e2e.sim;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;

/**
 * The standard input of one exec, read lazily: only tools that consume stdin (file writes, {@code
 * cat} without operands) wait for the client's EOF. Like a real pipe, it can be drained once; later
 * readers of the same exec see it empty.
 */
public final class Stdin {

  private final InputStream source;
  private boolean consumed;

  public Stdin(InputStream source) {
    this.source = source;
  }

  public static Stdin empty() {
    return of(new byte[0]);
  }

  public static Stdin of(byte[] bytes) {
    return new Stdin(new ByteArrayInputStream(bytes.clone()));
  }

  /** Everything up to EOF, or nothing when an earlier command already read it. */
  public synchronized byte[] readAll() {
    if (consumed) {
      return new byte[0];
    }
    consumed = true;
    try {
      return source.readAllBytes();
    } catch (IOException e) {
      throw new UncheckedIOException("reading stdin failed", e);
    }
  }
}
