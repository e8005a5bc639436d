package io.hastorage.operator.plan;

import io.hastorage.operator.node.Command;
import io.hastorage.operator.node.FileWrite;

/** What a step does on its node: run one argv command, or write one file atomically. */
public sealed interface Action {

  /** Lines for the plan printer and the dry-run status. Never contains secret content. */
  String describe();

  /** Runs an argv command; a non-zero exit fails the step. */
  record RunCommand(Command command) implements Action {
    @Override
    public String describe() {
      return "run: " + command;
    }
  }

  /** Writes a file (temp + rename). */
  record WriteFile(FileWrite file) implements Action {
    @Override
    public String describe() {
      return "write: " + file;
    }
  }
}
