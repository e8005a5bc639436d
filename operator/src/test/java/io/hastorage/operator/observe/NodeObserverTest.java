package io.hastorage.operator.observe;

import static org.assertj.core.api.Assertions.assertThat;

import io.hastorage.operator.node.Command;
import io.hastorage.operator.node.ExecResult;
import io.hastorage.operator.node.HeldCommand;
import io.hastorage.operator.node.NodeAccessException;
import io.hastorage.operator.node.NodeAccessException.Failure;
import io.hastorage.operator.node.NodeShell;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class NodeObserverTest {

  private static Observation observeThrough(NodeAccessException failure) {
    NodeShell failing =
        new NodeShell() {
          @Override
          public String nodeName() {
            return "t1";
          }

          @Override
          public ExecResult exec(Command command) throws NodeAccessException {
            throw failure;
          }

          @Override
          public HeldCommand hold(Command command) throws NodeAccessException {
            throw failure;
          }
        };
    return new NodeObserver(Duration.ofSeconds(5)).observe(failing, ProbeRequest.empty());
  }

  private static NodeAccessException backingOffAfter(Failure first) {
    return new NodeAccessException(
        Failure.BackingOff,
        "not connecting to node t1 again before 2026-12-06T10:00:02Z; the attempt failed with "
            + first,
        new NodeAccessException(first, "node t1: " + first));
  }

  @Test
  void insideTheBackoffWindowTheFailureThatOpenedItIsReported() {
    Observation down = observeThrough(backingOffAfter(Failure.NodeUnreachable));
    Observation impostor = observeThrough(backingOffAfter(Failure.HostKeyMismatch));

    assertThat(down.reason()).isEqualTo("NodeUnreachable");
    assertThat(down.message()).contains("again before");
    assertThat(impostor.reason()).isEqualTo("HostKeyMismatch");
  }

  @Test
  void otherFailuresKeepTheirOwnReason() {
    Observation lost =
        observeThrough(new NodeAccessException(Failure.ConnectionLost, "node t1: reset"));

    assertThat(lost.reason()).isEqualTo("ConnectionLost");
    assertThat(lost.isReached()).isFalse();
  }
}
