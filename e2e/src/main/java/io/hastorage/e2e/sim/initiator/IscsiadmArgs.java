package io.hastorage.e2e.sim.initiator;

import io.hastorage.e2e.sim.UnsupportedFeatureException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * iscsiadm's command line, short and long options ({@code -m node}, {@code --mode=node}); options
 * the simulation does not model are refused as unsupported.
 */
record IscsiadmArgs(
    String mode,
    Optional<String> target,
    Optional<Portal> portal,
    Optional<String> type,
    List<String> ops,
    Optional<String> name,
    Optional<String> value,
    boolean login,
    boolean logout,
    Optional<String> print,
    boolean rescan,
    boolean version) {

  private static final Map<String, String> LONG_WITH_VALUE =
      Map.of(
          "--mode", "-m",
          "--targetname", "-T",
          "--portal", "-p",
          "--type", "-t",
          "--op", "-o",
          "--name", "-n",
          "--value", "-v",
          "--print", "-P",
          "--interface", "-I");

  private static final Map<String, String> FLAGS =
      Map.of(
          "--login", "-l",
          "--logout", "-u",
          "--rescan", "-R",
          "--version", "-V");

  static IscsiadmArgs parse(List<String> argv) {
    Builder b = new Builder();
    for (int i = 1; i < argv.size(); i++) {
      String arg = argv.get(i);
      String option = arg;
      Optional<String> inline = Optional.empty();
      if (arg.startsWith("--") && arg.contains("=")) {
        option = arg.substring(0, arg.indexOf('='));
        inline = Optional.of(arg.substring(arg.indexOf('=') + 1));
      }
      option = LONG_WITH_VALUE.getOrDefault(option, FLAGS.getOrDefault(option, option));
      if (option.matches("-P[0-9]")) {
        inline = Optional.of(option.substring(2));
        option = "-P";
      }
      if (List.of("-l", "-u", "-R", "-V").contains(option)) {
        b.flag(option);
        continue;
      }
      if (!LONG_WITH_VALUE.containsValue(option)) {
        throw new UnsupportedFeatureException("iscsiadm option '" + arg + "'");
      }
      if (inline.isEmpty() && i + 1 >= argv.size()) {
        throw new UnsupportedFeatureException("iscsiadm option " + arg + " without a value");
      }
      b.value(option, inline.isPresent() ? inline.get() : argv.get(++i));
    }
    return b.build();
  }

  /** Whether the invocation only reads: listings and record dumps. */
  boolean readOnly() {
    if (version) {
      return true;
    }
    return switch (mode) {
      case "node" -> (ops.isEmpty() || ops.equals(List.of("show"))) && !login && !logout;
      case "discoverydb" -> ops.isEmpty() && type.isEmpty();
      case "session" -> !rescan && !logout;
      default -> false;
    };
  }

  private static final class Builder {
    private String mode = "";
    private Optional<String> target = Optional.empty();
    private Optional<Portal> portal = Optional.empty();
    private Optional<String> type = Optional.empty();
    private final List<String> ops = new ArrayList<>();
    private Optional<String> name = Optional.empty();
    private Optional<String> value = Optional.empty();
    private Optional<String> print = Optional.empty();
    private boolean login;
    private boolean logout;
    private boolean rescan;
    private boolean version;

    void flag(String option) {
      switch (option) {
        case "-l" -> login = true;
        case "-u" -> logout = true;
        case "-R" -> rescan = true;
        default -> version = true;
      }
    }

    void value(String option, String v) {
      switch (option) {
        case "-m" -> mode = v;
        case "-T" -> target = Optional.of(v);
        case "-p" -> portal = Optional.of(Portal.parse(v));
        case "-t" -> type = Optional.of(v.equals("st") ? "sendtargets" : v);
        case "-o" -> ops.add(v);
        case "-n" -> name = Optional.of(v);
        case "-v" -> value = Optional.of(v);
        case "-P" -> print = Optional.of(v);
        default -> {
          if (!v.equals("default")) {
            throw new UnsupportedFeatureException("iscsiadm interface other than default: " + v);
          }
        }
      }
    }

    IscsiadmArgs build() {
      return new IscsiadmArgs(
          mode,
          target,
          portal,
          type,
          List.copyOf(ops),
          name,
          value,
          login,
          logout,
          print,
          rescan,
          version);
    }
  }
}
