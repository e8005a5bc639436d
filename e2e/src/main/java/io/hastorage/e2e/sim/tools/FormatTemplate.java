package io.hastorage.e2e.sim.tools;

import io.hastorage.e2e.sim.UnsupportedFeatureException;
import java.util.function.UnaryOperator;

/**
 * The query formats of dpkg-query ({@code ${Field}}) and rpm ({@code %{FIELD}}): fields replaced by
 * the resolver, backslash escapes interpreted, everything else literal.
 */
final class FormatTemplate {

  private FormatTemplate() {}

  /**
   * @param sigil {@code $} for dpkg-query, {@code %} for rpm
   * @param fields the value of a field, or null when the simulation does not know it
   */
  static String render(String format, char sigil, UnaryOperator<String> fields) {
    StringBuilder out = new StringBuilder();
    int i = 0;
    while (i < format.length()) {
      char c = format.charAt(i);
      if (c == '\\') {
        i = Escapes.append(format, i, out);
      } else if (c == sigil && i + 1 < format.length() && format.charAt(i + 1) == '{') {
        int close = format.indexOf('}', i);
        if (close < 0) {
          throw new UnsupportedFeatureException("unterminated field in format '" + format + "'");
        }
        String name = format.substring(i + 2, close);
        String value = fields.apply(name);
        if (value == null) {
          throw new UnsupportedFeatureException("format field '" + name + "'");
        }
        out.append(value);
        i = close + 1;
      } else {
        out.append(c);
        i++;
      }
    }
    return out.toString();
  }
}
