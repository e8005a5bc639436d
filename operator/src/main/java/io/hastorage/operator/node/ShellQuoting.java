package io.hastorage.operator.node;

import java.util.List;
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
 */
public final class ShellQuoting {

  private static final Pattern SAFE = Pattern.compile("^[A-Za-z0-9_@%+=:,./-]+$");

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
    for (String arg : argv) {
      if (line.length() > 0) {
        line.append(' ');
      }
      line.append(quote(arg));
    }
    return line.toString();
  }
}
