package io.hastorage.operator.node;

import java.util.Objects;
import java.util.regex.Pattern;

/**
 * A file the operator wants on a node: absolute path, content and octal mode. Secret content
 * (authkey, CHAP) uses mode 0600 or 0400 and {@link SensitiveBytes#secret}.
 */
public record FileWrite(String path, SensitiveBytes content, String mode) {

  private static final Pattern SAFE_PATH = Pattern.compile("^(/[A-Za-z0-9_][A-Za-z0-9._+-]*)+$");
  private static final Pattern MODE = Pattern.compile("^0[0-7]{3}$");

  public FileWrite {
    Objects.requireNonNull(path, "path");
    Objects.requireNonNull(content, "content");
    Objects.requireNonNull(mode, "mode");
    if (!SAFE_PATH.matcher(path).matches() || path.contains("/../") || path.endsWith("/..")) {
      throw new IllegalArgumentException("not a safe absolute path: " + path);
    }
    if (!MODE.matcher(mode).matches()) {
      throw new IllegalArgumentException("mode must be octal like 0644: " + mode);
    }
  }

  @Override
  public String toString() {
    return path + " (" + mode + ", " + content + ")";
  }
}
