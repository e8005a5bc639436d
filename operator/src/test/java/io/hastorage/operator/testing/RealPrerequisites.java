package io.hastorage.operator.testing;

import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.opentest4j.AssertionFailedError;
import org.opentest4j.TestAbortedException;

/**
 * The one rule for every test that needs something real from the machine it runs on (a tool, root,
 * a network namespace, the node lab, the kernel lab): a missing prerequisite skips the test with
 * its reason, except where the environment demands the real thing, {@code CI=true} or {@code
 * HASTORAGE_REQUIRE_REAL_TOOLS=1} ({@code .ci/run} sets the latter). There it fails the test,
 * naming the variable and what is missing, so CI can never pass by skipping.
 *
 * <p>Every lab and real-tool test goes through {@link #require}. Only {@link #here()} reads the
 * process environment; the rule itself works on the map it is given.
 */
public final class RealPrerequisites {

  /** Set to {@code true} by CI systems. */
  public static final String CI = "CI";

  /** Set to {@code 1} by {@code .ci/run}: the real tools and labs must be there. */
  public static final String REQUIRE_REAL_TOOLS = "HASTORAGE_REQUIRE_REAL_TOOLS";

  private final Map<String, String> env;

  public RealPrerequisites(Map<String, String> env) {
    this.env = Map.copyOf(env);
  }

  /** The rule under this process's environment. */
  public static RealPrerequisites here() {
    return new RealPrerequisites(System.getenv());
  }

  /**
   * Skips the calling test when {@code missing} is present, or fails it where prerequisites are
   * demanded.
   *
   * @param what the test or lab that needs it, e.g. "the node lab"
   * @param missing what is missing here, or empty when everything is
   */
  public static void require(String what, Optional<String> missing) {
    here().check(what, missing);
  }

  /** {@link #require} for tools looked up as {@link RealTools#available} does. */
  public static void requireTools(String what, String... tools) {
    require(what, missingTools(tools));
  }

  /** "a, b not installed" for the tools not found, or empty when all are there. */
  public static Optional<String> missingTools(String... tools) {
    List<String> missing = Arrays.stream(tools).filter(t -> !RealTools.available(t)).toList();
    return missing.isEmpty()
        ? Optional.empty()
        : Optional.of(String.join(", ", missing) + " not installed");
  }

  /** "not root (why)" when this JVM does not run as root, or empty when it does. */
  public static Optional<String> root(String why) {
    String user = System.getProperty("user.name");
    return "root".equals(user)
        ? Optional.empty()
        : Optional.of("not root (" + why + "; running as " + user + ")");
  }

  /**
   * The setting that forbids skipping, as {@code NAME=value}, or empty when skipping is allowed.
   */
  public Optional<String> demandedBy() {
    if ("true".equalsIgnoreCase(env.getOrDefault(CI, ""))) {
      return Optional.of(CI + "=" + env.get(CI));
    }
    String require = env.getOrDefault(REQUIRE_REAL_TOOLS, "");
    if (require.equals("1") || require.equalsIgnoreCase("true")) {
      return Optional.of(REQUIRE_REAL_TOOLS + "=" + require);
    }
    return Optional.empty();
  }

  /** The rule: nothing when nothing is missing, else a failure where demanded, else a skip. */
  public void check(String what, Optional<String> missing) {
    if (missing.isEmpty()) {
      return;
    }
    Optional<String> demanded = demandedBy();
    if (demanded.isPresent()) {
      throw new AssertionFailedError(
          what
              + " must run under "
              + demanded.get()
              + " (a missing prerequisite fails there, never skips) but cannot: "
              + missing.get());
    }
    throw new TestAbortedException(
        what
            + " skipped: "
            + missing.get()
            + " (under "
            + CI
            + "=true or "
            + REQUIRE_REAL_TOOLS
            + "=1 this fails instead)");
  }
}
