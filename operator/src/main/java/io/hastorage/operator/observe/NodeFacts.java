package io.hastorage.operator.observe;

import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Everything one probe learned about a node, typed. Planners and guards decide from this alone; the
 * raw sections stay available for component parsers added later.
 */
public record NodeFacts(
    String nodeName,
    String hostname,
    String kernel,
    OsInfo os,
    Map<Tool, String> versions,
    Map<String, String> installedPackages,
    Set<String> loadedModules,
    Map<String, ServiceState> services,
    Map<String, String> fileHashes,
    Map<String, String> fileContents,
    ProbeOutput raw) {

  public NodeFacts {
    versions = Map.copyOf(versions);
    installedPackages = Map.copyOf(installedPackages);
    loadedModules = Set.copyOf(loadedModules);
    services = Map.copyOf(services);
    fileHashes = Map.copyOf(fileHashes);
    fileContents = Map.copyOf(fileContents);
  }

  /** The content of a file the probe was asked to read, or empty when it does not exist. */
  public Optional<String> fileContent(String path) {
    return Optional.ofNullable(fileContents.get(path));
  }

  public Optional<String> version(Tool tool) {
    return Optional.ofNullable(versions.get(tool));
  }

  public boolean hasPackage(String name) {
    return installedPackages.containsKey(name);
  }

  public boolean moduleLoaded(String module) {
    return loadedModules.contains(module.replace('-', '_'));
  }

  /** The sha256 of a file on the node, or empty when the file does not exist. */
  public Optional<String> fileHash(String path) {
    return Optional.ofNullable(fileHashes.get(path));
  }

  /**
   * How often an operator took this node's lock ({@link io.hastorage.operator.node.NodeLockScript})
   * as this probe saw it: 0 before the first time.
   */
  public long lockGeneration() {
    if (raw == null) {
      return 0;
    }
    return raw.okOutput(NodeProbe.LOCK_GENERATION)
        .map(String::strip)
        .filter(g -> g.matches("[0-9]{1,18}"))
        .map(Long::parseLong)
        .orElse(0L);
  }

  public Optional<ServiceState> service(String unit) {
    return Optional.ofNullable(services.get(unit));
  }
}
