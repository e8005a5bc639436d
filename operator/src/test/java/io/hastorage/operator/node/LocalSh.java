package io.hastorage.operator.node;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * Runs a command line with a local shell (/bin/sh unless told otherwise), the way a remote sshd
 * hands it to the login shell. The line is written to a script file as UTF-8 bytes rather than
 * passed as a process argument, so the JVM's platform encoding can never alter it on the way.
 */
final class LocalSh {

  record Result(int exitCode, byte[] stdout, String stderr) {
    String stdoutText() {
      return new String(stdout, StandardCharsets.UTF_8);
    }

    /** Stdout split at NUL bytes, as printed by {@code printf '%s\0' ...}. */
    List<String> nulSeparated() {
      List<String> values = new ArrayList<>();
      int from = 0;
      for (int i = 0; i < stdout.length; i++) {
        if (stdout[i] == 0) {
          values.add(new String(stdout, from, i - from, StandardCharsets.UTF_8));
          from = i + 1;
        }
      }
      if (from != stdout.length) {
        throw new AssertionError("output does not end with NUL: " + stdoutText());
      }
      return values;
    }
  }

  private final Path workDir;
  private final String shell;

  LocalSh(Path workDir) {
    this(workDir, "/bin/sh");
  }

  /** With another POSIX shell: remote login shells are often bash, not dash. */
  LocalSh(Path workDir, String shell) {
    this.workDir = workDir;
    this.shell = shell;
  }

  Result run(String commandLine, byte[] stdin) throws IOException, InterruptedException {
    Path script = Files.createTempFile("line", ".sh");
    try {
      Files.write(script, commandLine.getBytes(StandardCharsets.UTF_8));
      return runProcess(List.of(shell, script.toString()), stdin);
    } finally {
      Files.deleteIfExists(script);
    }
  }

  Result runProcess(List<String> argv, byte[] stdin) throws IOException, InterruptedException {
    Process process = new ProcessBuilder(argv).directory(workDir.toFile()).start();
    CompletableFuture<byte[]> out = drain(process.getInputStream());
    CompletableFuture<byte[]> err = drain(process.getErrorStream());
    try (OutputStream in = process.getOutputStream()) {
      in.write(stdin);
    } catch (IOException e) {
      // the script may exit (a failed mkdir, say) before it reads its stdin: its exit code and
      // stderr tell what happened, a closed pipe here does not
    }
    if (!process.waitFor(30, TimeUnit.SECONDS)) {
      process.destroyForcibly();
      throw new AssertionError("local sh did not finish: " + argv);
    }
    return new Result(
        process.exitValue(), out.join(), new String(err.join(), StandardCharsets.UTF_8));
  }

  private static CompletableFuture<byte[]> drain(InputStream stream) {
    return CompletableFuture.supplyAsync(
        () -> {
          try (stream) {
            return stream.readAllBytes();
          } catch (IOException e) {
            throw new UncheckedIOException(e);
          }
        });
  }
}
