package io.hastorage.e2e.sim;

import java.util.List;

/** Whether a registered program exists on a given node; when not, the shell answers 127. */
@FunctionalInterface
public interface Availability {

  boolean test(SimulatedNode node, String program);

  /** Part of every base system (coreutils, the shell, sudo, systemd, kmod). */
  static Availability always() {
    return (node, program) -> true;
  }

  /** A package-management program that exists only on its distribution family. */
  static Availability packageTool() {
    return (node, program) -> node.distro().hasPackageTool(program);
  }

  /** Installed by any of these packages (names differ between distributions). */
  static Availability anyPackage(String... packages) {
    List<String> names = List.of(packages);
    return (node, program) -> names.stream().anyMatch(node.packages()::isInstalled);
  }
}
