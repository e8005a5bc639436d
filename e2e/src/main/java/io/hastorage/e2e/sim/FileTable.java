package io.hastorage.e2e.sim;

import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * A node's regular files by absolute path. Directories are implicit. Virtual files under /proc and
 * /sys are not here: {@link SimulatedNode#readFile} adds them. Guarded by the node's lock.
 */
public final class FileTable {

  private final Object lock;
  private final TreeMap<String, SimulatedFile> files = new TreeMap<>();

  FileTable(Object lock) {
    this.lock = lock;
  }

  public Optional<SimulatedFile> get(String path) {
    synchronized (lock) {
      return Optional.ofNullable(files.get(path));
    }
  }

  public void put(String path, SimulatedFile file) {
    if (!path.startsWith("/")) {
      throw new IllegalArgumentException("not an absolute path: " + path);
    }
    synchronized (lock) {
      files.put(path, file);
    }
  }

  public boolean delete(String path) {
    synchronized (lock) {
      return files.remove(path) != null;
    }
  }

  /**
   * Renames a file in one step, replacing any file at {@code to} (as rename(2) does).
   *
   * @return false, changing nothing, when there is no file at {@code from}
   */
  public boolean move(String from, String to) {
    if (!to.startsWith("/")) {
      throw new IllegalArgumentException("not an absolute path: " + to);
    }
    synchronized (lock) {
      SimulatedFile file = files.remove(from);
      if (file == null) {
        return false;
      }
      files.put(to, file);
      return true;
    }
  }

  /** Whether {@code path} is a directory: some file lies below it (directories are implicit). */
  public boolean isDirectory(String path) {
    String prefix = path.endsWith("/") ? path : path + "/";
    synchronized (lock) {
      String next = files.ceilingKey(prefix);
      return next != null && next.startsWith(prefix);
    }
  }

  public Map<String, SimulatedFile> all() {
    synchronized (lock) {
      return Map.copyOf(files);
    }
  }
}
