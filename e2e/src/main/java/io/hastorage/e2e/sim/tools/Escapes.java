package io.hastorage.e2e.sim.tools;

/** Backslash escapes as printf (and dpkg-query/rpm formats) interpret them. */
final class Escapes {

  private Escapes() {}

  /** Appends the escape starting at {@code text[at]} (a backslash); returns the next index. */
  static int append(String text, int at, StringBuilder out) {
    if (at + 1 >= text.length()) {
      out.append('\\');
      return at + 1;
    }
    char c = text.charAt(at + 1);
    if (c >= '0' && c <= '7') {
      return octal(text, at + 1, out);
    }
    String simple =
        switch (c) {
          case 'n' -> "\n";
          case 't' -> "\t";
          case 'r' -> "\r";
          case 'a' -> "\u0007";
          case 'b' -> "\b";
          case 'f' -> "\f";
          case 'v' -> "\u000b";
          case '\\' -> "\\";
          case '"' -> "\"";
          case '\'' -> "'";
          default -> "\\" + c;
        };
    out.append(simple);
    return at + 2;
  }

  static void appendAll(String text, StringBuilder out) {
    int i = 0;
    while (i < text.length()) {
      if (text.charAt(i) == '\\') {
        i = append(text, i, out);
      } else {
        out.append(text.charAt(i++));
      }
    }
  }

  private static int octal(String text, int start, StringBuilder out) {
    int end = start;
    int value = 0;
    while (end < text.length() && end < start + 3 && isOctal(text.charAt(end))) {
      value = value * 8 + (text.charAt(end) - '0');
      end++;
    }
    out.append((char) (value & 0xff));
    return end;
  }

  private static boolean isOctal(char c) {
    return c >= '0' && c <= '7';
  }
}
