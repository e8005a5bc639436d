package io.hastorage.operator.metrics;

import io.hastorage.operator.node.NodeAccessException;
import io.hastorage.operator.node.NodeShellListener;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.time.Duration;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/** SSH transport metrics per node: handshakes, failures, open connections, commands, latency. */
public final class SshMetrics implements NodeShellListener {

  private final MeterRegistry registry;
  private final ConcurrentHashMap<String, AtomicInteger> open = new ConcurrentHashMap<>();

  public SshMetrics(MeterRegistry registry) {
    this.registry = registry;
  }

  @Override
  public void connected(String node, Duration handshake) {
    Counter.builder("hastorage_ssh_handshakes")
        .description("SSH connections established")
        .tag("node", node)
        .register(registry)
        .increment();
    Timer.builder("hastorage_ssh_handshake")
        .description("Time to connect and authenticate")
        .tag("node", node)
        .register(registry)
        .record(handshake);
    openConnections(node).incrementAndGet();
  }

  @Override
  public void connectFailed(String node, NodeAccessException.Failure failure) {
    Counter.builder("hastorage_ssh_connect_failures")
        .description("Failed SSH connection attempts")
        .tag("node", node)
        .tag("reason", failure.name())
        .register(registry)
        .increment();
  }

  @Override
  public void disconnected(String node) {
    openConnections(node).updateAndGet(n -> Math.max(0, n - 1));
  }

  @Override
  public void commandFinished(
      String node,
      int exitCode,
      NodeAccessException.Failure failure,
      Duration elapsed,
      long bytesOut) {
    String outcome = failure != null ? failure.name() : exitCode == 0 ? "ok" : "nonzero";
    Counter.builder("hastorage_ssh_commands")
        .description("Commands run on nodes")
        .tag("node", node)
        .tag("outcome", outcome)
        .register(registry)
        .increment();
    Timer.builder("hastorage_ssh_command")
        .description("Command latency on the pooled connection")
        .tag("node", node)
        .register(registry)
        .record(elapsed);
    Counter.builder("hastorage_ssh_received_bytes")
        .description("Bytes of command output received")
        .tag("node", node)
        .register(registry)
        .increment(bytesOut);
  }

  private AtomicInteger openConnections(String node) {
    return open.computeIfAbsent(
        node,
        n -> {
          AtomicInteger value = new AtomicInteger();
          registry.gauge(
              "hastorage_ssh_open_connections",
              io.micrometer.core.instrument.Tags.of("node", n),
              value);
          return value;
        });
  }
}
