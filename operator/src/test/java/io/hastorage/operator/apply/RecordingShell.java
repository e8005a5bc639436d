package io.hastorage.operator.apply;

import io.hastorage.operator.node.Command;
import io.hastorage.operator.node.ExecResult;
import io.hastorage.operator.node.HeldCommand;
import io.hastorage.operator.node.NodeAccessException;
import io.hastorage.operator.node.NodeShell;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;

/** An instance-scoped fake shell that records commands and can fail a chosen one. */
final class RecordingShell implements NodeShell {

  final List<Command> commands = new ArrayList<>();
  final List<Command> held = new ArrayList<>();
  private String lockAnswer = "locked 1";
  private Integer lockExit;
  int openHolds;
  private final String node;
  private String failProgram;
  private NodeAccessException.Failure accessFailure;
  private String lostProgram;
  private NodeAccessException.Failure lostFailure;

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

  /** {@code program} runs (it is recorded), then its answer is lost with {@code failure}. */
  RecordingShell answerLost(String program, NodeAccessException.Failure failure) {
    this.lostProgram = program;
    this.lostFailure = failure;
    return this;
  }

  /** What the node lock script answers: a first line (null for none) and an exit code if ended. */
  RecordingShell lockAnswers(String firstLine, Integer exit) {
    this.lockAnswer = firstLine;
    this.lockExit = exit;
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
    if (command.argv().get(0).equals(lostProgram)) {
      throw new NodeAccessException(lostFailure, "simulated " + lostFailure);
    }
    boolean fail = command.argv().get(0).equals(failProgram);
    return new ExecResult(fail ? 1 : 0, "", fail ? "E: broken\n" : "", Duration.ZERO);
  }

  @Override
  public HeldCommand hold(Command command) throws NodeAccessException {
    if (accessFailure != null) {
      throw new NodeAccessException(accessFailure, "simulated " + accessFailure);
    }
    held.add(command);
    openHolds++;
    RecordingShell self = this;
    return new HeldCommand() {
      @Override
      public Optional<String> firstLine() {
        return Optional.ofNullable(lockAnswer);
      }

      @Override
      public OptionalInt exitCode() {
        return lockExit == null ? OptionalInt.empty() : OptionalInt.of(lockExit);
      }

      @Override
      public NodeShell shell() {
        return self;
      }

      @Override
      public void close() {
        openHolds--;
      }
    };
  }
}
