package io.hastorage.operator.observe;

/** The captured stdout and exit code of one probe item. */
public record ProbeSection(String name, int exitCode, String output) {

  /** Exit code the shell gives when the program does not exist on the node. */
  public static final int NOT_FOUND = 127;

  public boolean ok() {
    return exitCode == 0;
  }

  public boolean commandMissing() {
    return exitCode == NOT_FOUND;
  }
}
