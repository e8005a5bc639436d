package io.hastorage.operator.node.ssh;

import io.hastorage.operator.node.NodeAccessException.Failure;
import io.hastorage.operator.node.NodeShellListener;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

/** Records what the transport reports; one per test. */
final class RecordingListener implements NodeShellListener {

  record Finished(String node, int exitCode, Failure failure, long bytesOut) {}

  final AtomicInteger connected = new AtomicInteger();
  final AtomicInteger disconnected = new AtomicInteger();
  final List<Duration> handshakes = new CopyOnWriteArrayList<>();
  final List<Failure> connectFailures = new CopyOnWriteArrayList<>();
  final List<Finished> finished = new CopyOnWriteArrayList<>();

  @Override
  public void connected(String node, Duration handshake) {
    handshakes.add(handshake);
    connected.incrementAndGet();
  }

  @Override
  public void connectFailed(String node, Failure failure) {
    connectFailures.add(failure);
  }

  @Override
  public void disconnected(String node) {
    disconnected.incrementAndGet();
  }

  @Override
  public void commandFinished(
      String node, int exitCode, Failure failure, Duration elapsed, long bytesOut) {
    finished.add(new Finished(node, exitCode, failure, bytesOut));
  }
}
