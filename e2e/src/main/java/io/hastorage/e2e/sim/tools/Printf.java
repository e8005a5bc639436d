package io.hastorage.e2e.sim.tools;

import io.hastorage.e2e.sim.ExecOutcome;
import io.hastorage.e2e.sim.UnsupportedFeatureException;
import java.util.List;

/**
 * POSIX {@code printf FORMAT [ARG...]}: conversions {@code %s %d %i %b %%}, backslash escapes in
 * the format, and the format reused while arguments remain (as long as it consumes any). Widths,
 * flags and other conversions are unsupported.
 */
public final class Printf {

  private final String format;
  private final List<String> args;
  private final StringBuilder out = new StringBuilder();
  private final StringBuilder err = new StringBuilder();
  private int next;

  private Printf(String format, List<String> args) {
    this.format = format;
    this.args = args;
  }

  /** Runs {@code argv} = {@code printf FORMAT ARG...}. */
  public static ExecOutcome run(List<String> argv) {
    if (argv.size() < 2) {
      return ExecOutcome.failure(2, "printf: usage: printf format [arguments]\n");
    }
    Printf printf = new Printf(argv.get(1), argv.subList(2, argv.size()));
    printf.format();
    return ExecOutcome.of(
        printf.err.length() == 0 ? 0 : 1, printf.out.toString(), printf.err.toString());
  }

  private void format() {
    int consumedBefore;
    do {
      consumedBefore = next;
      formatOnce();
    } while (next < args.size() && next > consumedBefore);
  }

  private void formatOnce() {
    int i = 0;
    while (i < format.length()) {
      char c = format.charAt(i);
      if (c == '\\') {
        i = Escapes.append(format, i, out);
      } else if (c == '%') {
        i = conversion(i);
      } else {
        out.append(c);
        i++;
      }
    }
  }

  private int conversion(int at) {
    char spec = at + 1 < format.length() ? format.charAt(at + 1) : 0;
    switch (spec) {
      case '%' -> out.append('%');
      case 's' -> out.append(nextArg());
      case 'b' -> Escapes.appendAll(nextArg(), out);
      case 'd', 'i' -> out.append(number(nextArg()));
      default ->
          throw new UnsupportedFeatureException(
              "printf conversion '%" + (spec == 0 ? "" : String.valueOf(spec)) + "'");
    }
    return at + 2;
  }

  private String nextArg() {
    return next < args.size() ? args.get(next++) : "";
  }

  private long number(String arg) {
    if (arg.isEmpty()) {
      return 0;
    }
    try {
      return Long.parseLong(arg.startsWith("+") ? arg.substring(1) : arg);
    } catch (NumberFormatException e) {
      err.append("printf: ").append(arg).append(": invalid number\n");
      return 0;
    }
  }
}
