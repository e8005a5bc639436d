package io.hastorage.operator.testing;

import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * Runs real tools in tests. Whether a missing tool skips or fails the test is {@link
 * RealPrerequisites}' rule, not this class's: {@link #available} only looks.
 */
public final class RealTools {

  /** Exit code and merged stdout+stderr of a finished tool. */
  public record Result(int exitCode, String output) {}

  private static final long TIMEOUT_SECONDS = 60;

  private RealTools() {}

  /** Whether {@code tool} is executable on the PATH, in /usr/sbin or in /sbin. */
  public static boolean available(String tool) {
    for (String dir : System.getenv().getOrDefault("PATH", "/usr/bin:/bin").split(":")) {
      if (Files.isExecutable(Path.of(dir, tool))) {
        return true;
      }
    }
    for (String dir : List.of("/usr/sbin", "/sbin")) {
      if (Files.isExecutable(Path.of(dir, tool))) {
        return true;
      }
    }
    return false;
  }

  public static Result run(Path workDir, List<String> argv, String... env)
      throws IOException, InterruptedException {
    ProcessBuilder builder =
        new ProcessBuilder(argv).directory(workDir.toFile()).redirectErrorStream(true);
    Map<String, String> environment = builder.environment();
    environment.put("PATH", environment.getOrDefault("PATH", "/usr/bin:/bin") + ":/usr/sbin:/sbin");
    for (int i = 0; i + 1 < env.length; i += 2) {
      environment.put(env[i], env[i + 1]);
    }
    Process process = builder.start();
    process.getOutputStream().close();
    java.util.concurrent.CompletableFuture<String> output =
        java.util.concurrent.CompletableFuture.supplyAsync(() -> readAll(process));
    if (!process.waitFor(TIMEOUT_SECONDS, java.util.concurrent.TimeUnit.SECONDS)) {
      process.destroyForcibly();
      fail(String.join(" ", argv) + " did not finish within " + TIMEOUT_SECONDS + " s");
    }
    return new Result(process.exitValue(), output.join());
  }

  private static String readAll(Process process) {
    try {
      return new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }
}
