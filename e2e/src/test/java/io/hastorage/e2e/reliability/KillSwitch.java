package io.hastorage.e2e.reliability;

import io.hastorage.e2e.bench.InterceptedShells;
import io.hastorage.operator.node.Command;
import io.hastorage.operator.node.ExecResult;
import io.hastorage.operator.node.HeldCommand;
import io.hastorage.operator.node.NodeAccessException;
import io.hastorage.operator.node.NodeShell;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The operator process dying after its n-th command that is not a probe: that command completes on
 * the node, and from then on nothing the dead process would have sent reaches any node (every later
 * exec throws {@link Killed}, an Error, so no catch block of the operator swallows it).
 */
final class KillSwitch implements InterceptedShells.Interceptor {

  /** What the dead process's threads see. */
  static final class Killed extends Error {
    private static final long serialVersionUID = 1L;

    Killed() {
      super("operator killed", null, false, false);
    }
  }

  private final int killAfter;
  private final AtomicInteger changes = new AtomicInteger();
  private volatile boolean killed;

  /** Kills after the {@code killAfter}-th command that is not a probe (0: never). */
  KillSwitch(int killAfter) {
    this.killAfter = killAfter;
  }

  boolean killed() {
    return killed;
  }

  /** Commands other than probes that ran (on all nodes). */
  int changes() {
    return changes.get();
  }

  static boolean isProbe(Command command) {
    return command.argv().size() == 3
        && command.argv().get(0).equals("sh")
        && command.argv().get(2).startsWith("exec 2>/dev/null");
  }

  @Override
  public ExecResult exec(NodeShell shell, Command command) throws NodeAccessException {
    synchronized (this) {
      if (killed) {
        throw new Killed();
      }
      ExecResult result = shell.exec(command);
      if (!isProbe(command) && changes.incrementAndGet() == killAfter) {
        killed = true;
      }
      return result;
    }
  }

  @Override
  public HeldCommand hold(NodeShell shell, Command command) throws NodeAccessException {
    synchronized (this) {
      if (killed) {
        throw new Killed();
      }
      return shell.hold(command);
    }
  }
}
