package io.hastorage.e2e.sim.tools;

import io.hastorage.e2e.sim.UnsupportedFeatureException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/** A package manager's command line: known options, one subcommand, operands. */
record PackageArgs(Set<String> options, String subcommand, List<String> operands) {

  static PackageArgs parse(List<String> argv, Set<String> knownOptions) {
    Set<String> options = new HashSet<>();
    String subcommand = null;
    List<String> operands = new ArrayList<>();
    for (String arg : argv.subList(1, argv.size())) {
      if (arg.startsWith("-")) {
        if (!knownOptions.contains(arg)) {
          throw new UnsupportedFeatureException(argv.get(0) + " option '" + arg + "'");
        }
        options.add(arg);
      } else if (subcommand == null) {
        subcommand = arg;
      } else {
        operands.add(arg);
      }
    }
    if (subcommand == null) {
      throw new UnsupportedFeatureException(argv.get(0) + " without a subcommand");
    }
    return new PackageArgs(Set.copyOf(options), subcommand, List.copyOf(operands));
  }

  boolean hasAny(String... names) {
    for (String name : names) {
      if (options.contains(name)) {
        return true;
      }
    }
    return false;
  }
}
