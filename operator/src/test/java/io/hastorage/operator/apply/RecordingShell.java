package io.hastorage.operator.apply;

import io.hastorage.operator.node.Command;
import io.hastorage.operator.node.ExecResult;
import io.hastorage.operator.node.NodeAccessException;
import io.hastorage.operator.node.NodeShell;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/** An instance-scoped fake shell that records commands and can fail a chosen one. */
final class RecordingShell implements NodeShell {

  final List<Command> commands = new ArrayList<>();
  private final String node;
  private String failProgram;
  private NodeAccessException.Failure accessFailure;

  RecordingShell(String node) {
    this.node = node;
  }

  RecordingShell failing(String program) {
    this.failProgram = program;
    return this;
  }

  RecordingShell unreachable(NodeAccessException.Failure failure) {
    this.accessFailure = failure;
    return this;
  }

  @Override
  public String nodeName() {
    return node;
  }

  @Override
  public ExecResult exec(Command command) throws NodeAccessException {
    if (accessFailure != null) {
      throw new NodeAccessException(accessFailure, "simulated " + accessFailure);
    }
    commands.add(command);
    boolean fail = command.argv().get(0).equals(failProgram);
    return new ExecResult(fail ? 1 : 0, "", fail ? "E: broken\n" : "", Duration.ZERO);
  }
}
