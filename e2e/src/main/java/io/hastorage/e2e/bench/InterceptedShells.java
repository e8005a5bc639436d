package io.hastorage.e2e.bench;

import io.hastorage.operator.node.Command;
import io.hastorage.operator.node.ExecResult;
import io.hastorage.operator.node.HeldCommand;
import io.hastorage.operator.node.NodeAccessException;
import io.hastorage.operator.node.NodeCredentials;
import io.hastorage.operator.node.NodeEndpoint;
import io.hastorage.operator.node.NodeShell;
import io.hastorage.operator.node.NodeShellFactory;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * The operator's transport with a test's hook around every command: recording, counting, failing.
 * Commands run under a held command (the node lock) go through the hook too.
 */
public final class InterceptedShells {

  /** What a test does around each command; {@code shell} is the real one underneath. */
  public interface Interceptor {
    ExecResult exec(NodeShell shell, Command command) throws NodeAccessException;

    default HeldCommand hold(NodeShell shell, Command command) throws NodeAccessException {
      return shell.hold(command);
    }
  }

  private InterceptedShells() {}

  /** Every shell {@code factory} makes, wrapped; closing it leaves {@code factory} open. */
  public static NodeShellFactory wrapFactory(NodeShellFactory factory, Interceptor interceptor) {
    return new NodeShellFactory() {
      @Override
      public NodeShell shellFor(NodeEndpoint endpoint, NodeCredentials credentials) {
        return wrap(factory.shellFor(endpoint, credentials), interceptor);
      }

      @Override
      public void close() {
        // the factory underneath belongs to whoever made it
      }
    };
  }

  /** {@code shell} with {@code interceptor} around each of its commands. */
  public static NodeShell wrap(NodeShell shell, Interceptor interceptor) {
    return new NodeShell() {
      @Override
      public String nodeName() {
        return shell.nodeName();
      }

      @Override
      public ExecResult exec(Command command) throws NodeAccessException {
        return interceptor.exec(shell, command);
      }

      @Override
      public HeldCommand hold(Command command) throws NodeAccessException {
        HeldCommand held = interceptor.hold(shell, command);
        NodeShell pinned = wrap(held.shell(), interceptor);
        return new HeldCommand() {
          @Override
          public Optional<String> firstLine() {
            return held.firstLine();
          }

          @Override
          public OptionalInt exitCode() {
            return held.exitCode();
          }

          @Override
          public NodeShell shell() {
            return pinned;
          }

          @Override
          public void close() {
            held.close();
          }
        };
      }
    };
  }
}
