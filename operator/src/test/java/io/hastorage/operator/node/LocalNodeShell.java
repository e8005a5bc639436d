package io.hastorage.operator.node;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * A NodeShell over the local shell, quoted exactly as over SSH; a held command is a real process
 * whose stdin stays open until closed, as a held SSH channel's does.
 */
final class LocalNodeShell implements NodeShell {

  private final LocalSh sh;
  private final Path workDir;
  private final String shell;

  LocalNodeShell(Path workDir, String shell) {
    this.sh = new LocalSh(workDir, shell);
    this.workDir = workDir;
    this.shell = shell;
  }

  LocalNodeShell(LocalSh sh) {
    this.sh = sh;
    this.workDir = Path.of(".");
    this.shell = "/bin/sh";
  }

  @Override
  public String nodeName() {
    return "local";
  }

  @Override
  public ExecResult exec(Command command) throws NodeAccessException {
    try {
      LocalSh.Result result = sh.run(ShellQuoting.join(command.argv()), command.stdin().bytes());
      return new ExecResult(result.exitCode(), result.stdoutText(), result.stderr(), Duration.ZERO);
    } catch (IOException | InterruptedException e) {
      throw new NodeAccessException(NodeAccessException.Failure.ConnectionLost, e.toString());
    }
  }

  @Override
  public LocalHeld hold(Command command) throws NodeAccessException {
    try {
      Path script = Files.createTempFile("held", ".sh");
      Files.write(script, ShellQuoting.join(command.argv()).getBytes(StandardCharsets.UTF_8));
      Process process =
          new ProcessBuilder(shell, script.toString())
              .directory(workDir.toFile())
              .redirectError(ProcessBuilder.Redirect.DISCARD)
              .start();
      CompletableFuture<String> line =
          CompletableFuture.supplyAsync(() -> readLine(process.getInputStream()));
      String first = line.get(command.timeout().toMillis(), TimeUnit.MILLISECONDS);
      Integer exit = null;
      if (first == null) {
        process.waitFor(command.timeout().toMillis(), TimeUnit.MILLISECONDS);
        exit = process.exitValue();
      }
      Files.deleteIfExists(script);
      return new LocalHeld(process, first, exit);
    } catch (Exception e) {
      throw new NodeAccessException(NodeAccessException.Failure.CommandTimeout, e.toString());
    }
  }

  private static String readLine(InputStream in) {
    ByteArrayOutputStream line = new ByteArrayOutputStream();
    try {
      for (int b = in.read(); b != -1; b = in.read()) {
        if (b == '\n') {
          return line.toString(StandardCharsets.UTF_8);
        }
        line.write(b);
      }
      return null;
    } catch (IOException e) {
      return null;
    }
  }

  /** A held local process. */
  final class LocalHeld implements HeldCommand {
    private final Process process;
    private final String firstLine;
    private final Integer exit;

    LocalHeld(Process process, String firstLine, Integer exit) {
      this.process = process;
      this.firstLine = firstLine;
      this.exit = exit;
    }

    @Override
    public Optional<String> firstLine() {
      return Optional.ofNullable(firstLine);
    }

    @Override
    public OptionalInt exitCode() {
      return exit == null ? OptionalInt.empty() : OptionalInt.of(exit);
    }

    @Override
    public NodeShell shell() {
      return LocalNodeShell.this;
    }

    /** The holder dies without closing: what sshd does to the command when the operator dies. */
    void kill() throws InterruptedException {
      process.destroyForcibly();
      try {
        process.getOutputStream().close(); // sshd closing the channel's pipe
      } catch (IOException e) {
        // already closed
      }
      process.waitFor(10, TimeUnit.SECONDS);
    }

    /** Whether the process ended on its own within {@code seconds}. */
    boolean endsWithin(int seconds) throws InterruptedException {
      return process.waitFor(seconds, TimeUnit.SECONDS);
    }

    boolean alive() {
      return process.isAlive();
    }

    @Override
    public void close() {
      try (OutputStream in = process.getOutputStream()) {
        in.flush();
      } catch (IOException e) {
        // already gone
      }
      try {
        process.waitFor(10, TimeUnit.SECONDS);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
  }
}
