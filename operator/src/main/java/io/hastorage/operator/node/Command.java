package io.hastorage.operator.node;

import java.time.Duration;
import java.util.List;
import java.util.Objects;

/**
 * One command to run on a node: an argv list, never a shell string. Quoting for the remote shell
 * happens in exactly one place ({@link ShellQuoting}), inside the transport.
 *
 * @param argv the program and its arguments, each element passed verbatim
 * @param timeout how long the command may run before it is abandoned and reported as timed out
 * @param stdin bytes fed to the command's standard input; the only way secrets reach a node
 */
public record Command(List<String> argv, Duration timeout, SensitiveBytes stdin) {

  public static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(60);

  public Command {
    Objects.requireNonNull(argv, "argv");
    Objects.requireNonNull(timeout, "timeout");
    Objects.requireNonNull(stdin, "stdin");
    if (argv.isEmpty()) {
      throw new IllegalArgumentException("argv must not be empty");
    }
    argv = List.copyOf(argv);
    for (String arg : argv) {
      if (arg.indexOf('\0') >= 0) {
        throw new IllegalArgumentException("argv element contains a NUL byte");
      }
    }
    if (timeout.isNegative() || timeout.isZero()) {
      throw new IllegalArgumentException("timeout must be positive");
    }
  }

  public static Command of(String... argv) {
    return new Command(List.of(argv), DEFAULT_TIMEOUT, SensitiveBytes.EMPTY);
  }

  public static Command of(List<String> argv) {
    return new Command(argv, DEFAULT_TIMEOUT, SensitiveBytes.EMPTY);
  }

  public Command withTimeout(Duration newTimeout) {
    return new Command(argv, newTimeout, stdin);
  }

  public Command withStdin(SensitiveBytes input) {
    return new Command(argv, timeout, input);
  }

  /** The argv for logs and plans. Stdin is never shown, only whether there is any. */
  @Override
  public String toString() {
    return String.join(" ", argv) + (stdin.isEmpty() ? "" : " <stdin:" + stdin + ">");
  }
}
