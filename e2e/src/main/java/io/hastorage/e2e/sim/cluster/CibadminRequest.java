package io.hastorage.e2e.sim.cluster;

import io.hastorage.e2e.sim.UnsupportedFeatureException;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * One cibadmin command line, normalised: the command, the section ({@code --scope}) or XPath
 * ({@code --xpath}) it applies to, and where its XML comes from. Long and short option forms are
 * equivalent ({@code -Q}, {@code -o X}, {@code --scope=X}). Options the simulation does not model
 * are rejected here, so they fail loudly instead of being ignored.
 */
record CibadminRequest(
    String command,
    Optional<String> scope,
    Optional<String> xpath,
    Optional<String> xmlText,
    boolean xmlPipe) {

  private static final Map<String, String> COMMANDS =
      Map.ofEntries(
          Map.entry("--query", "query"),
          Map.entry("-Q", "query"),
          Map.entry("--create", "create"),
          Map.entry("-C", "create"),
          Map.entry("--replace", "replace"),
          Map.entry("-R", "replace"),
          Map.entry("--delete", "delete"),
          Map.entry("-D", "delete"),
          Map.entry("--modify", "modify"),
          Map.entry("-M", "modify"),
          Map.entry("--delete-all", "delete-all"),
          Map.entry("-d", "delete-all"),
          Map.entry("--erase", "erase"),
          Map.entry("-E", "erase"),
          Map.entry("--bump", "bump"),
          Map.entry("-B", "bump"),
          Map.entry("--upgrade", "upgrade"),
          Map.entry("-u", "upgrade"));

  /** The table key: the command and which of scope, xpath and input it has. */
  String signature() {
    return command
        + scope.map(s -> " --scope").orElse("")
        + xpath.map(x -> " --xpath").orElse("")
        + (xmlPipe || xmlText.isPresent() ? " --xml" : "");
  }

  static CibadminRequest parse(List<String> argv) {
    Builder b = new Builder();
    for (int i = 1; i < argv.size(); i++) {
      String arg = argv.get(i);
      String name =
          arg.contains("=") && arg.startsWith("--") ? arg.substring(0, arg.indexOf('=')) : arg;
      String inline = name.equals(arg) ? null : arg.substring(arg.indexOf('=') + 1);
      if (COMMANDS.containsKey(arg)) {
        b.command = once(b.command, COMMANDS.get(arg), "command");
      } else if (name.equals("--scope") || name.equals("-o")) {
        b.scope = once(b.scope, value(argv, inline == null ? ++i : i, inline), "--scope");
      } else if (name.equals("--xpath") || name.equals("-A")) {
        b.xpath = once(b.xpath, value(argv, inline == null ? ++i : i, inline), "--xpath");
      } else if (name.equals("--xml-text") || name.equals("-X")) {
        b.xmlText = once(b.xmlText, value(argv, inline == null ? ++i : i, inline), "--xml-text");
      } else if (arg.equals("--xml-pipe") || arg.equals("-p")) {
        b.xmlPipe = true;
      } else {
        throw new UnsupportedFeatureException("cibadmin option '" + arg + "'");
      }
    }
    if (b.command == null) {
      throw new UnsupportedFeatureException("cibadmin without a command option");
    }
    if (b.xmlPipe && b.xmlText != null) {
      throw new UnsupportedFeatureException("cibadmin with both --xml-pipe and --xml-text");
    }
    return new CibadminRequest(
        b.command,
        Optional.ofNullable(b.scope),
        Optional.ofNullable(b.xpath),
        Optional.ofNullable(b.xmlText),
        b.xmlPipe);
  }

  private static String value(List<String> argv, int index, String inline) {
    if (inline != null) {
      return inline;
    }
    if (index >= argv.size()) {
      throw new UnsupportedFeatureException("cibadmin option without its value: " + argv);
    }
    return argv.get(index);
  }

  private static String once(String current, String next, String what) {
    if (current != null) {
      throw new UnsupportedFeatureException("cibadmin with " + what + " given twice");
    }
    return next;
  }

  private static final class Builder {
    String command;
    String scope;
    String xpath;
    String xmlText;
    boolean xmlPipe;
  }
}
