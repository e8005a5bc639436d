package io.hastorage.e2e.sim;

import java.io.IOException;
import java.io.OutputStream;

/**
 * The SSH channel an exec came in on: which client session sent it (for the node lock and its
 * audit) and its stdout, for the one command that must print before it ends (the held lock).
 */
public final class ExecChannel {

  private final Object client;
  private final OutputStream stdout;

  public ExecChannel(Object client, OutputStream stdout) {
    this.client = client;
    this.stdout = stdout;
  }

  public Object client() {
    return client;
  }

  /** Sends {@code bytes} to the client now, before the command ends. */
  public void sendNow(byte[] bytes) throws IOException {
    stdout.write(bytes);
    stdout.flush();
  }
}
