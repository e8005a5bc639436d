package io.hastorage.operator.node.ssh;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A TCP relay on 127.0.0.1 that can go silent: while frozen it keeps every connection open and
 * keeps reading, but forwards nothing, like a node that lost power (no FIN, no RST). Connections
 * accepted after {@link #thaw()} relay normally.
 */
final class FreezableProxy implements AutoCloseable {

  private final ServerSocket listener;
  private final int targetPort;
  private final List<Socket> sockets = new CopyOnWriteArrayList<>();
  private volatile boolean frozen;
  private volatile int generation;

  FreezableProxy(int targetPort) throws IOException {
    this.targetPort = targetPort;
    this.listener = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
    Thread acceptor = new Thread(this::acceptLoop, "proxy-accept");
    acceptor.setDaemon(true);
    acceptor.start();
  }

  int port() {
    return listener.getLocalPort();
  }

  /** Existing connections stop forwarding, for good. */
  void freeze() {
    frozen = true;
  }

  /** New connections relay again; the frozen ones stay frozen. */
  void thaw() {
    generation++;
    frozen = false;
  }

  private void acceptLoop() {
    while (!listener.isClosed()) {
      try {
        Socket client = listener.accept();
        Socket server = new Socket(InetAddress.getLoopbackAddress(), targetPort);
        client.setTcpNoDelay(true);
        server.setTcpNoDelay(true);
        sockets.add(client);
        sockets.add(server);
        int born = generation;
        relay(client.getInputStream(), server.getOutputStream(), born);
        relay(server.getInputStream(), client.getOutputStream(), born);
      } catch (IOException e) {
        return; // closed
      }
    }
  }

  private void relay(InputStream from, OutputStream to, int born) {
    Thread thread =
        new Thread(
            () -> {
              byte[] buffer = new byte[16384];
              try {
                for (int n; (n = from.read(buffer)) >= 0; ) {
                  if (silenced(born)) {
                    continue; // swallow: the peer sees a connection that never answers
                  }
                  to.write(buffer, 0, n);
                  to.flush();
                }
                to.close();
              } catch (IOException e) {
                // one side went away
              }
            },
            "proxy-relay");
    thread.setDaemon(true);
    thread.start();
  }

  private boolean silenced(int born) {
    return born < generation || frozen;
  }

  @Override
  public void close() throws IOException {
    listener.close();
    for (Socket socket : sockets) {
      socket.close();
    }
  }
}
