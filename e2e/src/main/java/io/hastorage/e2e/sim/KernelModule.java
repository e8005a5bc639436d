package io.hastorage.e2e.sim;

import java.util.List;
import java.util.Objects;

/**
 * A kernel module modprobe can load on a node.
 *
 * @param version what the module reports about itself (e.g. {@code 8.4.11} for drbd), or empty
 * @param requires modules modprobe loads first
 */
public record KernelModule(String name, String version, int size, List<String> requires) {

  public KernelModule {
    name = normalize(Objects.requireNonNull(name, "name"));
    Objects.requireNonNull(version, "version");
    requires = requires.stream().map(KernelModule::normalize).toList();
  }

  public static KernelModule of(String name, String... requires) {
    return new KernelModule(name, "", 16384, List.of(requires));
  }

  public static KernelModule versioned(String name, String version, String... requires) {
    return new KernelModule(name, version, 409600, List.of(requires));
  }

  /**
   * modprobe treats {@code -} and {@code _} in module names alike; /proc/modules shows {@code _}.
   */
  public static String normalize(String name) {
    return name.replace('-', '_');
  }
}
