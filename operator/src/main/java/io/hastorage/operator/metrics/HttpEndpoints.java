package io.hastorage.operator.metrics;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.Executors;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;

/** /metrics (Prometheus text), /healthz (process alive) and /readyz (operator started). */
public final class HttpEndpoints implements AutoCloseable {

  private final HttpServer server;

  private HttpEndpoints(HttpServer server) {
    this.server = server;
  }

  public static HttpEndpoints start(
      int port, Supplier<String> scrape, BooleanSupplier healthy, BooleanSupplier ready)
      throws IOException {
    HttpServer server = HttpServer.create(new InetSocketAddress(port), 0);
    server.createContext(
        "/metrics",
        exchange ->
            respond(exchange, 200, scrape.get(), "text/plain; version=0.0.4; charset=utf-8"));
    server.createContext("/healthz", exchange -> probe(exchange, healthy));
    server.createContext("/readyz", exchange -> probe(exchange, ready));
    server.setExecutor(
        Executors.newFixedThreadPool(
            2,
            r -> {
              Thread thread = new Thread(r, "http-endpoints");
              thread.setDaemon(true);
              return thread;
            }));
    server.start();
    return new HttpEndpoints(server);
  }

  public int port() {
    return server.getAddress().getPort();
  }

  @Override
  public void close() {
    server.stop(0);
  }

  private static void probe(HttpExchange exchange, BooleanSupplier check) throws IOException {
    boolean ok = check.getAsBoolean();
    respond(exchange, ok ? 200 : 503, ok ? "ok\n" : "not ready\n", "text/plain; charset=utf-8");
  }

  private static void respond(HttpExchange exchange, int code, String body, String type)
      throws IOException {
    byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
    exchange.getResponseHeaders().set("Content-Type", type);
    exchange.sendResponseHeaders(code, bytes.length);
    try (OutputStream out = exchange.getResponseBody()) {
      out.write(bytes);
    }
  }
}
