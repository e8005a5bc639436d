package io.hastorage.operator.api.validation;

/** One reason a spec is invalid: the JSON path of the field and what is wrong with it. */
public record Violation(String path, String message) {

  @Override
  public String toString() {
    return path + ": " + message;
  }

  /**
   * A value as it may appear in a message: quoted, control characters escaped and cut short, so a
   * hostile value cannot forge log lines or flood a condition.
   */
  static String show(Object value) {
    String text = String.valueOf(value);
    StringBuilder out = new StringBuilder("\"");
    for (int i = 0; i < text.length() && i < 64; i++) {
      char c = text.charAt(i);
      out.append(c < 0x20 || c == 0x7f ? String.format("\\x%02x", (int) c) : String.valueOf(c));
    }
    return out.append(text.length() > 64 ? "...\"" : "\"").toString();
  }
}
