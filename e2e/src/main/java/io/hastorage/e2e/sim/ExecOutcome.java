package io.hastorage.e2e.sim;

import java.nio.charset.StandardCharsets;

/** What one simulated command (or a whole simulated exec) produced. */
public final class ExecOutcome {

  /** Exit code a POSIX shell gives when a program does not exist. */
  public static final int NOT_FOUND = 127;

  private static final byte[] NONE = new byte[0];

  private final int exitCode;
  private final byte[] stdout;
  private final byte[] stderr;

  public ExecOutcome(int exitCode, byte[] stdout, byte[] stderr) {
    this.exitCode = exitCode;
    this.stdout = stdout.clone();
    this.stderr = stderr.clone();
  }

  public static ExecOutcome of(int exitCode, String stdout, String stderr) {
    return new ExecOutcome(exitCode, utf8(stdout), utf8(stderr));
  }

  public static ExecOutcome ok(String stdout) {
    return of(0, stdout, "");
  }

  public static ExecOutcome ok(byte[] stdout) {
    return new ExecOutcome(0, stdout, NONE);
  }

  public static ExecOutcome failure(int exitCode, String stderr) {
    return of(exitCode, "", stderr);
  }

  /** What {@code sh} says for a program that is not installed on this node. */
  public static ExecOutcome commandNotFound(String program) {
    return failure(NOT_FOUND, "sh: 1: " + program + ": not found\n");
  }

  /** A gap in the simulation: loud, and distinguishable from a missing program. */
  public static ExecOutcome unsupported(String what) {
    return failure(NOT_FOUND, unsupportedMessage(what));
  }

  public static String unsupportedMessage(String what) {
    return "simulated shell: unsupported: " + what + "\n";
  }

  public int exitCode() {
    return exitCode;
  }

  public boolean ok() {
    return exitCode == 0;
  }

  public byte[] stdout() {
    return stdout.clone();
  }

  public byte[] stderr() {
    return stderr.clone();
  }

  public String stdoutText() {
    return new String(stdout, StandardCharsets.UTF_8);
  }

  public String stderrText() {
    return new String(stderr, StandardCharsets.UTF_8);
  }

  private static byte[] utf8(String text) {
    return text.getBytes(StandardCharsets.UTF_8);
  }

  @Override
  public String toString() {
    return "ExecOutcome[exit="
        + exitCode
        + ", stdout="
        + stdoutText()
        + ", stderr="
        + stderrText()
        + "]";
  }
}
