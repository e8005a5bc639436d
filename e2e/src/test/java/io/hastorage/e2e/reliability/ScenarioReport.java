package io.hastorage.e2e.reliability;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.reflect.Method;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HexFormat;
import java.util.List;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;

/**
 * Gives each {@link Scenario} its {@link ScenarioLog} and, after it ran, stores its row under
 * {@code target/reliability/rows} and rewrites {@code target/reliability/reliability.md} from every
 * row stored so far, with every declared scenario not run yet as a failed "did not run" row ({@link
 * DeclaredScenarios}). A scenario that made no check fails here.
 */
public final class ScenarioReport implements ParameterResolver, AfterEachCallback {

  static final Path DIR = Path.of("target", "reliability");
  private static final ExtensionContext.Namespace NS =
      ExtensionContext.Namespace.create(ScenarioReport.class);
  private static final ObjectMapper JSON = new ObjectMapper();

  @Override
  public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
    return parameter.getParameter().getType() == ScenarioLog.class;
  }

  @Override
  public Object resolveParameter(ParameterContext parameter, ExtensionContext context) {
    return context
        .getStore(NS)
        .getOrComputeIfAbsent("log", k -> new ScenarioLog(), ScenarioLog.class);
  }

  @Override
  public void afterEach(ExtensionContext context) throws IOException {
    Method method = context.getRequiredTestMethod();
    Scenario scenario = method.getAnnotation(Scenario.class);
    ScenarioLog log = context.getStore(NS).get("log", ScenarioLog.class);
    List<ScenarioLog.Check> checks = log == null ? List.of() : log.checks();
    boolean failed = context.getExecutionException().isPresent();
    ScenarioRow row =
        new ScenarioRow(
            scenario.id(),
            scenario.title(),
            log == null ? "" : log.detail(),
            scenario.where(),
            scenario.expected(),
            checks,
            failed || checks.isEmpty() || checks.stream().anyMatch(c -> !c.passed())
                ? "FAILED"
                : "passed",
            context.getRequiredTestClass().getSimpleName() + "." + method.getName());
    store(row, context.getUniqueId());
    if (checks.isEmpty() && !failed) {
      throw new AssertionError(
          "scenario " + scenario.id() + " (" + scenario.title() + ") checked nothing");
    }
  }

  private static void store(ScenarioRow row, String uniqueId) throws IOException {
    Path rows = DIR.resolve("rows");
    Files.createDirectories(rows);
    String name = row.id() + "-" + HexFormat.of().formatHex(digest(uniqueId)) + ".json";
    JSON.writerWithDefaultPrettyPrinter().writeValue(rows.resolve(name).toFile(), row);
    Files.writeString(
        DIR.resolve("reliability.md"),
        ReliabilityTable.render(ReliabilityTable.read(rows), DeclaredScenarios.all()),
        StandardCharsets.UTF_8);
  }

  private static byte[] digest(String text) {
    try {
      byte[] full =
          java.security.MessageDigest.getInstance("SHA-256")
              .digest(text.getBytes(StandardCharsets.UTF_8));
      return java.util.Arrays.copyOf(full, 6);
    } catch (java.security.NoSuchAlgorithmException e) {
      throw new UncheckedIOException(new IOException(e));
    }
  }
}
