package io.hastorage.e2e.reliability;

import io.hastorage.e2e.bench.InterceptedShells;
import io.hastorage.operator.node.Command;
import io.hastorage.operator.node.ExecResult;
import io.hastorage.operator.node.HeldCommand;
import io.hastorage.operator.node.NodeAccessException;
import io.hastorage.operator.node.NodeCredentials;
import io.hastorage.operator.node.NodeEndpoint;
import io.hastorage.operator.node.NodeShell;
import io.hastorage.operator.node.NodeShellFactory;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The operator process dying after its n-th command that is not a probe: that command completes on
 * the node, and from then on nothing the dead process would have sent reaches any node (every later
 * exec throws {@link Killed}, an Error, so no catch block of the operator swallows it).
 */
final class KillSwitch implements NodeShellFactory {

  /** What the dead process's threads see. */
  static final class Killed extends Error {
    private static final long serialVersionUID = 1L;

    Killed() {
      super("operator killed", null, false, false);
    }
  }

  private final NodeShellFactory delegate;
  private final int killAfter;
  private final AtomicInteger changes = new AtomicInteger();
  private volatile boolean killed;

  /** Kills after the {@code killAfter}-th command that is not a probe (0: never). */
  KillSwitch(NodeShellFactory delegate, int killAfter) {
    this.delegate = delegate;
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
  public NodeShell shellFor(NodeEndpoint endpoint, NodeCredentials credentials) {
    return InterceptedShells.wrap(delegate.shellFor(endpoint, credentials), interceptor);
  }

  private final InterceptedShells.Interceptor interceptor =
      new InterceptedShells.Interceptor() {
        @Override
        public ExecResult exec(NodeShell shell, Command command) throws NodeAccessException {
          synchronized (KillSwitch.this) {
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
          synchronized (KillSwitch.this) {
            if (killed) {
              throw new Killed();
            }
            return shell.hold(command);
          }
        }
      };

  @Override
  public void close() {
    // the factory underneath belongs to the driver
  }
}
