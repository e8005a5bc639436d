package io.hastorage.operator.node;

import java.util.Optional;

/**
 * The narrow door to one node: run a command, write a file atomically, read a file. Everything the
 * operator does on a machine goes through here, so a test can swap in an instance-scoped fake.
 *
 * <p>File writes and reads are built on {@link #exec} with fixed scripts from {@link FileCommands}:
 * the content travels on stdin, never in argv.
 */
public interface NodeShell {

  /** The node's name, as used in status and logs. */
  String nodeName();

  /**
   * Runs {@code command} and waits for it, at most its timeout. A non-zero exit code is a normal
   * result, not an exception.
   *
   * @throws NodeAccessException when the node cannot be reached or the command did not finish
   */
  ExecResult exec(Command command) throws NodeAccessException;

  /**
   * Starts {@code command} and returns once it printed its first line or ended, waiting at most its
   * timeout; the command keeps running until the returned handle is closed.
   *
   * @throws NodeAccessException when the node cannot be reached or nothing came in time
   */
  HeldCommand hold(Command command) throws NodeAccessException;

  /** Writes {@code file} atomically (temp file in the same directory, then rename). */
  default void writeFile(FileWrite file) throws NodeAccessException {
    ExecResult result = exec(FileCommands.atomicWrite(file));
    if (!result.ok()) {
      throw new NodeAccessException(
          NodeAccessException.Failure.SshProtocolError,
          "writing "
              + file.path()
              + " failed (exit "
              + result.exitCode()
              + "): "
              + result.summary());
    }
  }

  /** Reads a file, or returns empty when it does not exist. */
  default Optional<String> readFile(String path) throws NodeAccessException {
    ExecResult result = exec(FileCommands.read(path));
    if (result.exitCode() == FileCommands.MISSING_EXIT_CODE) {
      return Optional.empty();
    }
    if (!result.ok()) {
      throw new NodeAccessException(
          NodeAccessException.Failure.SshProtocolError,
          "reading " + path + " failed (exit " + result.exitCode() + "): " + result.summary());
    }
    return Optional.of(result.stdout());
  }
}
