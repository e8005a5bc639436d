package io.hastorage.operator.node;

import java.time.Duration;
import java.util.List;

/**
 * The fixed scripts behind {@link NodeShell#writeFile} and {@link NodeShell#readFile}. The scripts
 * are constants; paths and modes reach them as positional arguments ($1, $2) and content on stdin,
 * so nothing user-controlled is ever interpreted by the shell.
 */
public final class FileCommands {

  /** Exit code of {@link #read} when the file does not exist. */
  public static final int MISSING_EXIT_CODE = 3;

  /**
   * Writes stdin to a temp file beside the target, sets its mode, syncs it and renames it over the
   * target. A crash at any point leaves either the old file or the new one, never a partial file.
   */
  public static final String ATOMIC_WRITE_SCRIPT =
      "set -e; d=$(dirname -- \"$1\"); mkdir -p -- \"$d\"; "
          + "t=$(mktemp -- \"$d/.hastorage.XXXXXX\"); trap 'rm -f -- \"$t\"' EXIT; "
          + "cat > \"$t\"; chmod -- \"$2\" \"$t\"; sync -- \"$t\" 2>/dev/null || true; "
          + "mv -f -- \"$t\" \"$1\"; trap - EXIT";

  /** Prints the file, or exits with {@link #MISSING_EXIT_CODE} when there is none. */
  public static final String READ_SCRIPT = "[ -e \"$1\" ] || exit 3; cat -- \"$1\"";

  private static final Duration FILE_TIMEOUT = Duration.ofSeconds(30);

  private FileCommands() {}

  public static Command atomicWrite(FileWrite file) {
    return new Command(
        List.of("sh", "-c", ATOMIC_WRITE_SCRIPT, "sh", file.path(), file.mode()),
        FILE_TIMEOUT,
        file.content());
  }

  public static Command read(String path) {
    return new Command(
        List.of("sh", "-c", READ_SCRIPT, "sh", path), FILE_TIMEOUT, SensitiveBytes.EMPTY);
  }
}
