package io.hastorage.operator.observe;

import java.util.List;
import java.util.Objects;
import java.util.regex.Pattern;

/** One read-only command inside the batched probe, and the name its output is filed under. */
public record ProbeItem(String name, List<String> argv) {

  private static final Pattern NAME = Pattern.compile("^[a-z0-9][a-z0-9-]{0,62}$");

  public ProbeItem {
    Objects.requireNonNull(argv, "argv");
    if (!NAME.matcher(name).matches()) {
      throw new IllegalArgumentException("probe item name must be lower-case kebab: " + name);
    }
    if (argv.isEmpty()) {
      throw new IllegalArgumentException("probe item " + name + " has no command");
    }
    argv = List.copyOf(argv);
  }

  public static ProbeItem of(String name, String... argv) {
    return new ProbeItem(name, List.of(argv));
  }
}
