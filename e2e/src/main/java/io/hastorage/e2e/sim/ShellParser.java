package io.hastorage.e2e.sim;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Splits a POSIX shell script into simple commands: lines and unquoted {@code ;} end a command;
 * single quotes, double quotes and backslashes are honoured; {@code $?} is the one expansion;
 * {@code 2>/dev/null} is the one redirection. Everything else a real shell would interpret (pipes,
 * {@code &&}, substitutions, globs, other variables, compound commands, assignments) is rejected
 * with {@link UnsupportedFeatureException}, so the simulation never guesses.
 */
final class ShellParser {

  private static final Set<String> RESERVED =
      Set.of(
          "if",
          "then",
          "else",
          "elif",
          "fi",
          "do",
          "done",
          "case",
          "esac",
          "while",
          "until",
          "for",
          "in",
          "{",
          "}",
          "!",
          "[[",
          "]]",
          "function",
          "select",
          "time");
  private static final Pattern ASSIGNMENT =
      Pattern.compile("^[A-Za-z_][A-Za-z0-9_]*=.*", Pattern.DOTALL);
  private static final String SPECIAL_PARAMETERS = "{(@*#!$-";

  /** One piece of a word: literal text (quoted or not) or the {@code $?} expansion. */
  record Part(String text, boolean quoted, boolean lastStatus) {}

  /** One shell word, expanded once the previous command's exit status is known. */
  record Word(List<Part> parts) {
    String expand(int lastStatus) {
      StringBuilder out = new StringBuilder();
      for (Part part : parts) {
        out.append(part.lastStatus() ? String.valueOf(lastStatus) : part.text());
      }
      return out.toString();
    }

    private boolean isBare(Set<String> words) {
      return parts.size() == 1 && !parts.get(0).quoted() && words.contains(parts.get(0).text());
    }

    private boolean isAssignment() {
      return !parts.isEmpty()
          && !parts.get(0).quoted()
          && !parts.get(0).lastStatus()
          && ASSIGNMENT.matcher(parts.get(0).text()).matches();
    }
  }

  /** A simple command: its words and whether its stderr goes to /dev/null. */
  record Statement(List<Word> words, boolean discardStderr) {}

  private final String script;
  private int pos;
  private final List<Statement> statements = new ArrayList<>();
  private List<Word> words = new ArrayList<>();
  private List<Part> parts = new ArrayList<>();
  private boolean wordOpen;
  private boolean discardStderr;

  private ShellParser(String script) {
    this.script = script;
  }

  static List<Statement> parse(String script) {
    ShellParser parser = new ShellParser(script);
    parser.run();
    return List.copyOf(parser.statements);
  }

  private void run() {
    while (pos < script.length()) {
      char c = script.charAt(pos);
      switch (c) {
        case ' ', '\t' -> endWordAndAdvance();
        case '\n', ';' -> {
          endWord();
          endStatement(c);
          pos++;
        }
        case '\'' -> singleQuoted();
        case '"' -> doubleQuoted();
        case '\\' -> backslash();
        case '$' -> dollar(false);
        case '>', '<' -> redirection(c);
        case '|', '&', '(', ')', '`' -> throw unsupported("shell operator '" + c + "'");
        case '*', '?', '[' -> throw unsupported("glob character '" + c + "'");
        default -> plain(c);
      }
    }
    endWord();
    endStatement('\n');
  }

  private void plain(char c) {
    if (!wordOpen && c == '#') {
      int newline = script.indexOf('\n', pos);
      pos = newline < 0 ? script.length() : newline;
      return;
    }
    if (!wordOpen && c == '~') {
      throw unsupported("tilde expansion");
    }
    append(String.valueOf(c), false);
    pos++;
  }

  private void singleQuoted() {
    int close = script.indexOf('\'', pos + 1);
    if (close < 0) {
      throw unsupported("unterminated single quote");
    }
    append(script.substring(pos + 1, close), true);
    pos = close + 1;
  }

  private void doubleQuoted() {
    pos++;
    wordOpen = true;
    while (true) {
      if (pos >= script.length()) {
        throw unsupported("unterminated double quote");
      }
      char c = script.charAt(pos);
      if (c == '"') {
        pos++;
        return;
      } else if (c == '\\') {
        escapeInDoubleQuotes();
      } else if (c == '$') {
        dollar(true);
      } else if (c == '`') {
        throw unsupported("command substitution '`'");
      } else {
        append(String.valueOf(c), true);
        pos++;
      }
    }
  }

  private void escapeInDoubleQuotes() {
    char next = pos + 1 < script.length() ? script.charAt(pos + 1) : 0;
    if (next == '\n') {
      pos += 2;
    } else if (next == '$' || next == '`' || next == '"' || next == '\\') {
      append(String.valueOf(next), true);
      pos += 2;
    } else {
      append("\\", true);
      pos++;
    }
  }

  private void backslash() {
    if (pos + 1 >= script.length()) {
      append("\\", false);
      pos++;
    } else if (script.charAt(pos + 1) == '\n') {
      pos += 2; // line continuation
    } else {
      append(String.valueOf(script.charAt(pos + 1)), true);
      pos += 2;
    }
  }

  private void dollar(boolean inDoubleQuotes) {
    char next = pos + 1 < script.length() ? script.charAt(pos + 1) : 0;
    if (next == '?') {
      parts.add(new Part("", true, true));
      wordOpen = true;
      pos += 2;
    } else if (next == '(') {
      throw unsupported("command substitution '$('");
    } else if (Character.isLetterOrDigit(next)
        || next == '_'
        || next != 0 && SPECIAL_PARAMETERS.indexOf(next) >= 0) {
      throw unsupported("parameter expansion '$" + next + "'");
    } else {
      append("$", inDoubleQuotes);
      pos++;
    }
  }

  private void redirection(char operator) {
    int fd = operator == '<' ? 0 : 1;
    if (wordOpen && isFdNumber()) {
      fd = Integer.parseInt(parts.get(0).text());
      parts = new ArrayList<>();
      wordOpen = false;
    } else {
      endWord();
    }
    pos++;
    if (operator == '<' || pos < script.length() && "<>&|".indexOf(script.charAt(pos)) >= 0) {
      throw unsupported("redirection other than 2>/dev/null");
    }
    while (pos < script.length() && (script.charAt(pos) == ' ' || script.charAt(pos) == '\t')) {
      pos++;
    }
    int start = pos;
    while (pos < script.length() && " \t\n;".indexOf(script.charAt(pos)) < 0) {
      pos++;
    }
    String target = script.substring(start, pos);
    if (fd != 2 || !target.equals("/dev/null")) {
      throw unsupported("redirection " + fd + ">" + target);
    }
    discardStderr = true;
  }

  private boolean isFdNumber() {
    return parts.size() == 1
        && !parts.get(0).quoted()
        && !parts.get(0).lastStatus()
        && parts.get(0).text().matches("[0-9]");
  }

  private void append(String text, boolean quoted) {
    wordOpen = true;
    int last = parts.size() - 1;
    if (last >= 0 && parts.get(last).quoted() == quoted && !parts.get(last).lastStatus()) {
      parts.set(last, new Part(parts.get(last).text() + text, quoted, false));
    } else {
      parts.add(new Part(text, quoted, false));
    }
  }

  private void endWordAndAdvance() {
    endWord();
    pos++;
  }

  private void endWord() {
    if (wordOpen) {
      words.add(new Word(List.copyOf(parts)));
    }
    parts = new ArrayList<>();
    wordOpen = false;
  }

  private void endStatement(char terminator) {
    if (words.isEmpty() && !discardStderr) {
      if (terminator == ';') {
        throw unsupported("syntax: empty command before ';'");
      }
      return;
    }
    if (!words.isEmpty() && words.get(0).isBare(RESERVED)) {
      throw unsupported("compound command '" + words.get(0).expand(0) + "'");
    }
    if (!words.isEmpty() && words.get(0).isAssignment()) {
      throw unsupported("variable assignment '" + words.get(0).expand(0) + "'");
    }
    statements.add(new Statement(List.copyOf(words), discardStderr));
    words = new ArrayList<>();
    discardStderr = false;
  }

  private static UnsupportedFeatureException unsupported(String what) {
    return new UnsupportedFeatureException(what);
  }
}
