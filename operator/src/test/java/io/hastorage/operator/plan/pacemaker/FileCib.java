package io.hastorage.operator.plan.pacemaker;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import io.hastorage.operator.node.Command;
import io.hastorage.operator.node.ExecResult;
import io.hastorage.operator.plan.Action;
import io.hastorage.operator.plan.Step;
import io.hastorage.operator.testing.RealPrerequisites;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * A CIB in a file, driven by the real Pacemaker command-line tools through {@code CIB_file}: the
 * same cibadmin, crm_attribute and crm_mon a node runs, with no cluster. Instance-scoped; each test
 * gets its own file in its own temp directory.
 */
final class FileCib {

  static final List<String> TOOLS =
      List.of("cibadmin", "crm_attribute", "crm_verify", "crm_simulate", "crm_mon");

  private final Path file;
  private final Path scratch;

  private FileCib(Path dir) {
    this.file = dir.resolve("cib.xml");
    this.scratch = dir;
  }

  /** The Pacemaker tools, through {@link RealPrerequisites}: skip, or fail under CI. */
  static void requireTools() {
    RealPrerequisites.requireTools("a file CIB (Pacemaker tools)", TOOLS.toArray(String[]::new));
  }

  /** {@code cibadmin --empty > cib.xml}. */
  static FileCib empty(Path dir) {
    FileCib cib = new FileCib(dir);
    ExecResult result = cib.run(Command.of("cibadmin", "--empty"));
    assertThat(result.exitCode()).as(result.stderr()).isZero();
    try {
      Files.writeString(cib.file, result.stdout());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return cib;
  }

  Path file() {
    return file;
  }

  /** {@code cibadmin --query}, as the probe runs it. */
  String query() {
    return ok(run(PacemakerCommands.queryCib())).stdout();
  }

  Cib parse() {
    return Cib.parse(query());
  }

  /** Runs every step's command, in order, stopping at the first failure as the executor does. */
  void apply(List<Step> steps) {
    for (Step step : steps) {
      if (!(step.action() instanceof Action.RunCommand run)) {
        throw new AssertionError("not a command: " + step);
      }
      ExecResult result = run(run.command());
      assertThat(result.exitCode()).as(step + ": " + result.summary()).isZero();
    }
  }

  /** Runs an argv with CIB_file pointing at this CIB, feeding the command's stdin. */
  ExecResult run(Command command) {
    return run(command, Map.of("CIB_file", file.toString()));
  }

  /** Runs an argv with the given extra environment, feeding the command's stdin. */
  ExecResult run(Command command, Map<String, String> env) {
    try {
      Path out = Files.createTempFile(scratch, "out", ".txt");
      Path err = Files.createTempFile(scratch, "err", ".txt");
      ProcessBuilder builder =
          new ProcessBuilder(command.argv())
              .redirectOutput(out.toFile())
              .redirectError(err.toFile());
      // where RealTools.available looks, so a tool found there also runs
      String path = builder.environment().getOrDefault("PATH", "/usr/bin:/bin");
      builder.environment().put("PATH", path + ":/usr/sbin:/sbin");
      builder.environment().putAll(env);
      long start = System.nanoTime();
      Process process = builder.start();
      try (OutputStream stdin = process.getOutputStream()) {
        stdin.write(command.stdin().bytes());
      }
      if (!process.waitFor(command.timeout().toMillis(), TimeUnit.MILLISECONDS)) {
        process.destroyForcibly();
        fail("timed out: " + command);
      }
      return new ExecResult(
          process.exitValue(),
          Files.readString(out),
          Files.readString(err),
          Duration.ofNanos(System.nanoTime() - start));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new AssertionError("interrupted", e);
    }
  }

  /** {@code crm_verify -x cib.xml}: schema plus Pacemaker's own configuration checks. */
  ExecResult verify() {
    return run(Command.of("crm_verify", "-V", "-x", file.toString()), Map.of());
  }

  private static ExecResult ok(ExecResult result) {
    assertThat(result.exitCode()).as(result.summary()).isZero();
    return result;
  }
}
