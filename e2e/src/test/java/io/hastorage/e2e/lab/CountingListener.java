package io.hastorage.e2e.lab;

import io.hastorage.operator.node.NodeAccessException;
import io.hastorage.operator.node.NodeShellListener;
import java.time.Duration;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/** Counts SSH handshakes and commands per node, as the operator's transport reports them. */
final class CountingListener implements NodeShellListener {

  private final ConcurrentHashMap<String, AtomicInteger> commands = new ConcurrentHashMap<>();
  private final ConcurrentHashMap<String, AtomicInteger> handshakes = new ConcurrentHashMap<>();

  @Override
  public void connected(String node, Duration handshake) {
    handshakes.computeIfAbsent(node, n -> new AtomicInteger()).incrementAndGet();
  }

  @Override
  public void commandFinished(
      String node,
      int exitCode,
      NodeAccessException.Failure failure,
      Duration elapsed,
      long bytesOut) {
    commands.computeIfAbsent(node, n -> new AtomicInteger()).incrementAndGet();
  }

  int commands(String node) {
    return commands.getOrDefault(node, new AtomicInteger()).get();
  }

  int handshakes(String node) {
    return handshakes.getOrDefault(node, new AtomicInteger()).get();
  }
}
