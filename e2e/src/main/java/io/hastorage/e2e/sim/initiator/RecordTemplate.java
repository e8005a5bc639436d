package io.hastorage.e2e.sim.initiator;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The settings of a new open-iscsi 2.1.8 node record, in iscsiadm's print order (from the resource
 * {@code node-record.txt}, a real record), and the checks {@code -o update} makes on a value.
 */
final class RecordTemplate {

  static final String STARTUP = "node.startup";
  static final String CONN_STARTUP = "node.conn[0].startup";
  static final String AUTHMETHOD = "node.session.auth.authmethod";
  static final String REPLACEMENT_TIMEOUT = "node.session.timeo.replacement_timeout";
  static final String USERNAME = "node.session.auth.username";
  static final String PASSWORD = "node.session.auth.password";

  private static final Map<String, List<String>> CHOICES =
      Map.of(
          STARTUP,
          List.of("automatic", "manual", "onboot"),
          CONN_STARTUP,
          List.of("automatic", "manual", "onboot"),
          AUTHMETHOD,
          List.of("None", "CHAP"),
          "node.session.scan",
          List.of("auto", "manual"));

  private static final Map<String, String> DEFAULTS = load();

  private RecordTemplate() {}

  /** Every key with its default, in print order. */
  static Map<String, String> defaults() {
    return new LinkedHashMap<>(DEFAULTS);
  }

  static boolean known(String key) {
    return DEFAULTS.containsKey(key);
  }

  /** Passwords print as {@code ********} once set. */
  static boolean secret(String key) {
    return key.endsWith(".password") || key.endsWith(".password_in");
  }

  /**
   * Why {@code -o update -n KEY -v VALUE} fails, in iscsiadm's words (before its closing "Could not
   * execute operation" line); empty when the value is accepted.
   */
  static Optional<String> refusal(String key, String value) {
    if (!known(key)) {
      return Optional.of("iscsiadm: Cannot modify " + key + ". Invalid param name.\n");
    }
    List<String> choices = CHOICES.get(key);
    String current = DEFAULTS.get(key);
    if (choices == null && (current.equals("Yes") || current.equals("No"))) {
      choices = List.of("Yes", "No");
    }
    if (choices != null && !choices.contains(value)) {
      return Optional.of(
          "iscsiadm: unknown value format '"
              + value
              + "' for parameter name '"
              + key
              + "'\niscsiadm: Unknown parameter "
              + key
              + ".\n");
    }
    return Optional.empty();
  }

  /** What iscsiadm stores for an accepted value: integers as atoi() reads them. */
  static String normalized(String key, String value) {
    if (!DEFAULTS.get(key).matches("-?[0-9]+")) {
      return value;
    }
    String digits = value.trim().replaceFirst("^(-?[0-9]*).*$", "$1");
    return digits.isEmpty() || digits.equals("-") ? "0" : digits;
  }

  private static Map<String, String> load() {
    try (InputStream in = RecordTemplate.class.getResourceAsStream("node-record.txt")) {
      if (in == null) {
        throw new IllegalStateException("node-record.txt missing from the classpath");
      }
      Map<String, String> defaults = new LinkedHashMap<>();
      for (String line : new String(in.readAllBytes(), StandardCharsets.UTF_8).split("\n")) {
        int eq = line.indexOf(" = ");
        if (!line.startsWith("#") && eq > 0) {
          defaults.put(line.substring(0, eq), line.substring(eq + 3));
        }
      }
      return Collections.unmodifiableMap(defaults);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
