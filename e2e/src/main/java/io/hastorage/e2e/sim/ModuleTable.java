package io.hastorage.e2e.sim;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * The kernel modules a node can load and those it has loaded (in load order). Names are normalized
 * to underscores. Guarded by the node's lock.
 */
public final class ModuleTable {

  /** What a load did. */
  public enum LoadResult {
    LOADED,
    ALREADY_LOADED,
    NOT_FOUND
  }

  private final Object lock;
  private final Map<String, KernelModule> available = new TreeMap<>();
  private final Map<String, KernelModule> loaded = new LinkedHashMap<>();

  ModuleTable(Object lock) {
    this.lock = lock;
  }

  public void addAvailable(KernelModule module) {
    synchronized (lock) {
      available.put(module.name(), module);
    }
  }

  public Optional<KernelModule> available(String name) {
    synchronized (lock) {
      return Optional.ofNullable(available.get(KernelModule.normalize(name)));
    }
  }

  public boolean isLoaded(String name) {
    synchronized (lock) {
      return loaded.containsKey(KernelModule.normalize(name));
    }
  }

  /** Loaded module names, in load order. */
  public List<String> loaded() {
    synchronized (lock) {
      return List.copyOf(loaded.keySet());
    }
  }

  /** The version a loaded module reports, or empty when it is not loaded or has none. */
  public Optional<String> loadedVersion(String name) {
    synchronized (lock) {
      return Optional.ofNullable(loaded.get(KernelModule.normalize(name)))
          .map(KernelModule::version)
          .filter(v -> !v.isEmpty());
    }
  }

  /**
   * Loads a module after the modules it requires, as modprobe does; nothing when any is missing.
   */
  public LoadResult load(String name) {
    synchronized (lock) {
      String module = KernelModule.normalize(name);
      if (loaded.containsKey(module)) {
        return LoadResult.ALREADY_LOADED;
      }
      List<KernelModule> order = new ArrayList<>();
      if (!resolve(module, order)) {
        return LoadResult.NOT_FOUND;
      }
      order.forEach(m -> loaded.putIfAbsent(m.name(), m));
      return LoadResult.LOADED;
    }
  }

  private boolean resolve(String module, List<KernelModule> order) {
    KernelModule found = available.get(module);
    if (found == null) {
      return false;
    }
    if (order.contains(found) || loaded.containsKey(module)) {
      return true;
    }
    for (String dependency : found.requires()) {
      if (!resolve(dependency, order)) {
        return false;
      }
    }
    order.add(found);
    return true;
  }

  /** Unloads a module; false when it is not loaded or another loaded module uses it. */
  public boolean unload(String name) {
    synchronized (lock) {
      String module = KernelModule.normalize(name);
      if (!loaded.containsKey(module) || !users(module).isEmpty()) {
        return false;
      }
      loaded.remove(module);
      return true;
    }
  }

  /** The /proc/modules text: newest first, "name size refs users state address". */
  public String procModules() {
    synchronized (lock) {
      List<KernelModule> newestFirst = new ArrayList<>(loaded.values());
      Collections.reverse(newestFirst);
      StringBuilder text = new StringBuilder();
      for (KernelModule module : newestFirst) {
        List<String> users = users(module.name());
        text.append(module.name())
            .append(' ')
            .append(module.size())
            .append(' ')
            .append(users.size())
            .append(' ')
            .append(users.isEmpty() ? "-" : String.join(",", users) + ",")
            .append(" Live 0x0000000000000000\n");
      }
      return text.toString();
    }
  }

  private List<String> users(String module) {
    return loaded.values().stream()
        .filter(m -> m.requires().contains(module))
        .map(KernelModule::name)
        .toList();
  }
}
