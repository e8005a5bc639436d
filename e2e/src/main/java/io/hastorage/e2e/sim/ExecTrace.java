package io.hastorage.e2e.sim;

import java.util.ArrayList;
import java.util.List;

/** What one exec did, collected while it runs (one exec runs on one thread). */
final class ExecTrace {

  private final List<String> programs = new ArrayList<>();
  private final List<String> unsupported = new ArrayList<>();
  private boolean mutating;

  void invoked(String program, boolean mutates) {
    programs.add(program);
    mutating |= mutates;
  }

  void unsupported(String what) {
    unsupported.add(what);
  }

  List<String> programs() {
    return List.copyOf(programs);
  }

  List<String> unsupported() {
    return List.copyOf(unsupported);
  }

  boolean mutating() {
    return mutating;
  }
}
