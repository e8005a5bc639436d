package io.hastorage.operator.plan.prereq;

import java.util.List;

/** A package need that any of several names satisfies (distros and repos name them differently). */
public record PackageRequirement(List<String> anyOf) {

  public PackageRequirement {
    anyOf = List.copyOf(anyOf);
    if (anyOf.isEmpty()) {
      throw new IllegalArgumentException("a requirement needs at least one package name");
    }
  }

  public static PackageRequirement of(String... names) {
    return new PackageRequirement(List.of(names));
  }

  /** The name installed when nothing satisfies it yet. */
  public String preferred() {
    return anyOf.get(0);
  }

  /** How it is shown in status: the preferred name, with alternatives when there are any. */
  public String display() {
    return String.join("|", anyOf);
  }
}
