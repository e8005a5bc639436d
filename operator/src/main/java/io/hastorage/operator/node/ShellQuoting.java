package io.hastorage.operator.node;

import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The one place where an argv becomes a command line for a remote POSIX shell. SSH carries a single
 * string, so each element is single-quoted unless it consists only of characters the shell never
 * interprets. Inside single quotes nothing is special except the quote itself, which is written as
 * {@code '\''}. Newlines, {@code ;}, {@code $( )}, backticks and globs stay literal.
 *
 * <p>A leading {@code -} is preserved verbatim: quoting cannot stop a program from reading an
 * argument as an option, which is why values are validated and commands put {@code --} before
 * operands where the tool supports it.
 *
 * <p>The first word is also quoted when, left bare, the shell would not take it as a program name:
 * {@code NAME=value} would be an assignment and {@code if}, {@code time} etc. reserved words.
 */
public final class ShellQuoting {

  private static final Pattern SAFE = Pattern.compile("^[A-Za-z0-9_@%+=:,./-]+$");

  /** Words a shell treats specially in command position (POSIX, plus bash's extras). */
  private static final Set<String> RESERVED =
      Set.of(
          "case",
          "do",
          "done",
          "elif",
          "else",
          "esac",
          "fi",
          "for",
          "if",
          "in",
          "then",
          "until",
          "while",
          "function",
          "select",
          "time",
          "coproc");

  private ShellQuoting() {}

  public static String quote(String arg) {
    if (arg.indexOf('\0') >= 0) {
      throw new IllegalArgumentException("argument contains a NUL byte");
    }
    if (!arg.isEmpty() && SAFE.matcher(arg).matches()) {
      return arg;
    }
    return "'" + arg.replace("'", "'\\''") + "'";
  }

  public static String join(List<String> argv) {
    StringBuilder line = new StringBuilder();
    for (int i = 0; i < argv.size(); i++) {
      if (i > 0) {
        line.append(' ').append(quote(argv.get(i)));
      } else {
        line.append(quoteCommandWord(argv.get(i)));
      }
    }
    return line.toString();
  }

  private static String quoteCommandWord(String arg) {
    String quoted = quote(arg);
    if (quoted.equals(arg) && (arg.indexOf('=') >= 0 || RESERVED.contains(arg))) {
      return "'" + arg + "'";
    }
    return quoted;
  }
}
