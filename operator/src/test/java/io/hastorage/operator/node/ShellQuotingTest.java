package io.hastorage.operator.node;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Proves quoting with a real POSIX shell: each hostile value must come back from {@code printf
 * '%s\0'} byte-identical and as its own argument, and none of the injections may run.
 */
class ShellQuotingTest {

  @TempDir Path workDir;

  static Stream<String> hostileValues() {
    return Stream.of(
        ";",
        "a; touch pwned-semicolon",
        "$(touch pwned-subst)",
        "`touch pwned-backtick`",
        "&& touch pwned-and",
        "| touch pwned-pipe",
        ">pwned-redirect",
        "it's",
        "'",
        "''",
        "'\\''",
        "say \"hi\"",
        "\"",
        "line1\nline2\n; touch pwned-newline",
        "-n",
        "--help",
        "-",
        "with space",
        "  leading and trailing  ",
        "tab\there",
        "",
        "ünïcødé ✓ 日本語 🚀",
        "*",
        "?",
        "~",
        "~root",
        "$HOME",
        "${PATH}",
        "a\\b\\",
        "!",
        "#not a comment",
        "x=1",
        "\r\n",
        "{a,b}");
  }

  static Stream<String> shells() {
    return Stream.of("/bin/sh", "/bin/bash").filter(shell -> Files.isExecutable(Path.of(shell)));
  }

  @ParameterizedTest
  @MethodSource("hostileValues")
  void singleHostileValueRoundTripsThroughRealShell(String value) throws Exception {
    List<String> argv = List.of("before", value, "after");

    assertThat(echoThroughShell("/bin/sh", argv)).containsExactlyElementsOf(argv);
    assertNoSideEffects();
  }

  @ParameterizedTest
  @MethodSource("shells")
  void allHostileValuesTogetherStaySeparateArguments(String shell) throws Exception {
    List<String> argv = new ArrayList<>(hostileValues().toList());

    assertThat(echoThroughShell(shell, argv)).containsExactlyElementsOf(argv);
    assertNoSideEffects();
  }

  @Test
  void asciiHostileValuesRoundTripThroughShDashC() throws Exception {
    // The literal sh -c form; non-ASCII values are covered by the script-file runs above, which
    // cannot be altered by the JVM's platform encoding of process arguments.
    List<String> argv = hostileValues().filter(v -> v.chars().allMatch(c -> c < 128)).toList();

    LocalSh.Result result =
        new LocalSh(workDir)
            .runProcess(
                List.of("/bin/sh", "-c", "printf '%s\\0' " + ShellQuoting.join(argv)), new byte[0]);

    assertThat(result.exitCode()).as(result.stderr()).isZero();
    assertThat(result.nulSeparated()).containsExactlyElementsOf(argv);
    assertNoSideEffects();
  }

  @ParameterizedTest
  @MethodSource("shells")
  void firstWordIsAlwaysTakenAsAProgramName(String shell) throws Exception {
    // Bare, "x=1 printf ran" would set a variable and run printf; quoted, it names a program.
    LocalSh.Result assignment =
        new LocalSh(workDir, shell)
            .run(ShellQuoting.join(List.of("x=1", "printf", "ran")), new byte[0]);
    // Bare, "if" would be a syntax error (exit 2) rather than a missing program.
    LocalSh.Result reserved =
        new LocalSh(workDir, shell).run(ShellQuoting.join(List.of("if")), new byte[0]);

    assertThat(assignment.exitCode()).isEqualTo(127);
    assertThat(assignment.stdoutText()).isEmpty();
    assertThat(reserved.exitCode()).isEqualTo(127);
  }

  @Test
  void safeValuesAreLeftBareAndEverythingElseIsQuoted() {
    assertThat(ShellQuoting.quote("drbdadm")).isEqualTo("drbdadm");
    assertThat(ShellQuoting.quote("/etc/drbd.d/r0.res")).isEqualTo("/etc/drbd.d/r0.res");
    assertThat(ShellQuoting.quote("")).isEqualTo("''");
    assertThat(ShellQuoting.quote("a b")).isEqualTo("'a b'");
    assertThat(ShellQuoting.quote("it's")).isEqualTo("'it'\\''s'");
    assertThat(ShellQuoting.join(List.of("echo", "a b", ""))).isEqualTo("echo 'a b' ''");
  }

  @Test
  void nulByteIsRejected() {
    assertThatThrownBy(() -> ShellQuoting.quote("a\0b"))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> ShellQuoting.join(List.of("echo", "\0")))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> Command.of("echo", "x\0y"))
        .isInstanceOf(IllegalArgumentException.class);
  }

  /** Runs {@code printf '%s\0' <quoted argv>} with /bin/sh and splits what comes back. */
  private List<String> echoThroughShell(String shell, List<String> argv) throws Exception {
    LocalSh.Result result =
        new LocalSh(workDir, shell).run("printf '%s\\0' " + ShellQuoting.join(argv), new byte[0]);
    assertThat(result.exitCode()).as(result.stderr()).isZero();
    return result.nulSeparated();
  }

  private void assertNoSideEffects() throws Exception {
    try (Stream<Path> files = Files.list(workDir)) {
      assertThat(files).as("files created by an injection").isEmpty();
    }
  }
}
