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
  private final Map<String, SimulatedFile> files = new TreeMap<>();

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

  public Map<String, SimulatedFile> all() {
    synchronized (lock) {
      return Map.copyOf(files);
    }
  }
}
