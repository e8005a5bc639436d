package io.hastorage.e2e.sim;

import static org.assertj.core.api.Assertions.assertThat;

import io.hastorage.operator.node.ShellQuoting;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class SimulatedShellTest {

  private final List<List<String>> captured = new ArrayList<>();
  private final SimulatedNode node = SeedNodes.ubuntuInitiator("drbd01");
  private final SimulatedShell shell =
      new SimulatedShell(
          node,
          SimulatedTools.standard()
              .register(
                  "capture",
                  SimulatedTool.readOnly(
                      (argv, ctx) -> {
                        captured.add(List.copyOf(argv));
                        return ExecOutcome.ok("");
                      })));

  @Test
  void tokenizesQuotesAndEscapesIntoWords() {
    shell.execute("capture plain 'single quoted' \"double $ quoted\" back\\ slash '' \"\"");
    shell.execute("capture 'it'\\''s' \"a\\\"b\" \"c\\d\" 'mixed'\"parts\"bare");

    assertThat(captured)
        .containsExactly(
            List.of("capture", "plain", "single quoted", "double $ quoted", "back slash", "", ""),
            List.of("capture", "it's", "a\"b", "c\\d", "mixedpartsbare"));
  }

  @Test
  void splitsOnUnquotedSemicolonsAndNewlinesOnly() {
    shell.execute("capture a; capture 'b;c'\ncapture \"d\ne\" # comment; capture x\n\n");

    assertThat(captured)
        .containsExactly(
            List.of("capture", "a"), List.of("capture", "b;c"), List.of("capture", "d\ne"));
  }

  @Test
  void expandsLastExitStatus() {
    ExecOutcome outcome =
        shell.execute(
            "false; printf '%s\\n' \"$?\"; true; printf '%s\\n' $?; printf 'x%sy\\n' \"$?\"");

    assertThat(outcome.stdoutText()).isEqualTo("1\n0\nx0y\n");
    assertThat(outcome.exitCode()).isZero();
  }

  @Test
  void exitStatusOfScriptIsTheLastCommands() {
    assertThat(shell.execute("true; false").exitCode()).isEqualTo(1);
    assertThat(shell.execute("false; exit 4; true").exitCode()).isEqualTo(4);
    assertThat(shell.execute("sh -c 'exit 7'; printf '%s' \"$?\"").stdoutText()).isEqualTo("7");
  }

  @Test
  void printfReusesTheFormatForExtraArguments() {
    assertThat(shell.execute("printf '<%s>' a b c").stdoutText()).isEqualTo("<a><b><c>");
    assertThat(shell.execute("printf '%s=%s\\n' k1 v1 k2").stdoutText()).isEqualTo("k1=v1\nk2=\n");
    assertThat(shell.execute("printf 'no conversions\\n' ignored").stdoutText())
        .isEqualTo("no conversions\n");
    assertThat(shell.execute("printf '100%% %d\\t%s\\\\' 42").stdoutText())
        .isEqualTo("100% 42\t\\");
  }

  @Test
  void printfDoesNotInterpretEscapesInPercentSArguments() {
    assertThat(shell.execute("printf '%s|%b' 'a\\nb' 'c\\nd'").stdoutText())
        .isEqualTo("a\\nb|c\nd");
  }

  @Test
  void execTwoToDevNullDiscardsStderrOfTheRest() {
    ExecOutcome loud = shell.execute("cat /nonexistent; printf ok");
    ExecOutcome quiet = shell.execute("exec 2>/dev/null\ncat /nonexistent; printf ok");

    assertThat(loud.stderrText()).contains("cat: /nonexistent: No such file or directory");
    assertThat(quiet.stderrText()).isEmpty();
    assertThat(quiet.stdoutText()).isEqualTo("ok");
  }

  @Test
  void unknownProgramIsLoud127() {
    ExecOutcome outcome = shell.execute("frobnicate --now");

    assertThat(outcome.exitCode()).isEqualTo(127);
    assertThat(outcome.stderrText())
        .isEqualTo(
            "simulated shell: unsupported: command 'frobnicate' (no simulated tool registered)\n");
    assertThat(node.execLog().unsupported()).hasSize(1);
  }

  @Test
  void unsupportedShellSyntaxIs127BeforeAnythingRuns() {
    for (String line :
        List.of(
            "capture a | capture b",
            "capture a && capture b",
            "capture $(id)",
            "capture `id`",
            "capture $HOME",
            "capture ${x}",
            "capture *",
            "capture > /tmp/x",
            "capture 2>/tmp/err",
            "X=1 capture",
            "if true; then capture; fi",
            "capture 'unterminated",
            "exec capture")) {
      ExecOutcome outcome = shell.execute(line);
      assertThat(outcome.exitCode()).as(line).isEqualTo(127);
      assertThat(outcome.stderrText()).as(line).startsWith("simulated shell: unsupported: ");
    }
    assertThat(captured).isEmpty();
  }

  @Test
  void hostileArgvArrivesIntactAsSingleWords() {
    List<String> hostile =
        List.of(
            "capture",
            "it's",
            "a;b",
            "$(rm -rf /)",
            "`reboot`",
            "line1\nline2",
            "\"double\"",
            "back\\slash",
            "$?",
            "*",
            "x > /etc/passwd",
            "'''",
            "",
            " lead and trail ",
            "tab\there",
            "--",
            "-rf",
            "ünïcødé");
    shell.execute(ShellQuoting.join(hostile));
    shell.execute(
        ShellQuoting.join(
            List.of("sudo", "-n", "--", "env", "A=B", "sh", "-c", ShellQuoting.join(hostile))));

    assertThat(captured).containsExactly(hostile, hostile);
  }

  @Test
  void sudoAndEnvRunTheirCommand() {
    ExecOutcome outcome = shell.execute("sudo -n -- env DEBIAN_FRONTEND=noninteractive uname -n");

    assertThat(outcome.stdoutText()).isEqualTo("drbd01\n");
    assertThat(node.execLog().entries().get(0).programs()).containsExactly("sudo", "env", "uname");
  }

  @Test
  void everyExecIsLoggedInOrder() {
    shell.execute("uname -r");
    shell.execute("cat /etc/os-release");

    assertThat(node.execLog().commandLines()).containsExactly("uname -r", "cat /etc/os-release");
    assertThat(node.execCount()).isEqualTo(2);
    assertThat(node.mutatingCommandCount()).isZero();
  }

  @Test
  void injectedFailuresApplyToTheNamedProgramOnly() {
    node.failNextCommands("uname", 2, 42, "boom");

    assertThat(shell.execute("uname -n").exitCode()).isEqualTo(42);
    assertThat(shell.execute("sudo -n -- uname -n").stderrText()).isEqualTo("boom\n");
    assertThat(shell.execute("uname -n").stdoutText()).isEqualTo("drbd01\n");

    node.failNextCommands("cat", 1, "cat: broken");
    assertThat(shell.execute("cat /etc/hostname").exitCode()).isEqualTo(1);
    assertThat(shell.execute("cat /etc/hostname").exitCode()).isEqualTo(1);
    node.clearFailures();
    assertThat(shell.execute("cat /etc/hostname").stdoutText()).isEqualTo("drbd01\n");
  }
}
