package io.hastorage.operator.config;

import java.util.Objects;
import java.util.function.Function;

/**
 * One setting of the operator: its environment variable, type, default and description (in the
 * manner of Flink's config options). All options live in {@link OperatorConfig}.
 */
public record ConfigOption<T>(
    String key, String defaultValue, String description, Function<String, T> parser) {

  public ConfigOption {
    Objects.requireNonNull(key, "key");
    Objects.requireNonNull(defaultValue, "defaultValue");
    Objects.requireNonNull(description, "description");
    Objects.requireNonNull(parser, "parser");
  }

  T parse(String raw) {
    try {
      return parser.apply(raw.strip());
    } catch (RuntimeException e) {
      throw new IllegalArgumentException(
          "invalid value for " + key + ": '" + raw + "' (" + description + ")", e);
    }
  }
}
