package io.hastorage.operator.node;

import java.time.Duration;

/** What a finished command returned. Output is kept as text; commands we run print text. */
public record ExecResult(int exitCode, String stdout, String stderr, Duration elapsed) {

  public boolean ok() {
    return exitCode == 0;
  }

  /** The last line of stderr (or stdout), short enough for a condition message. */
  public String summary() {
    String source = stderr.isBlank() ? stdout : stderr;
    String trimmed = source.strip();
    int lastNewline = trimmed.lastIndexOf('\n');
    String line = lastNewline < 0 ? trimmed : trimmed.substring(lastNewline + 1);
    return line.length() > 200 ? line.substring(0, 200) + "..." : line;
  }
}
