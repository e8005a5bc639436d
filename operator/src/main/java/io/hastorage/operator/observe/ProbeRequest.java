package io.hastorage.operator.observe;

import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * What the planners need to know about a node beyond the basics: which packages, services and
 * managed files (by hash) to look at, and which small files to read whole (to decide whether a file
 * the operator would write belongs to someone else). Sorted sets keep the rendered probe identical
 * between reconciles.
 */
public record ProbeRequest(
    Set<String> packages,
    Set<String> services,
    Set<String> files,
    Set<String> contents,
    Map<String, ProbeItem> items) {

  public ProbeRequest {
    packages = new TreeSet<>(packages);
    services = new TreeSet<>(services);
    files = new TreeSet<>(files);
    contents = new TreeSet<>(contents);
    items = new TreeMap<>(items);
  }

  /** Packages, services and file hashes; no file contents, no component items. */
  public ProbeRequest(Set<String> packages, Set<String> services, Set<String> files) {
    this(packages, services, files, Set.of(), Map.of());
  }

  public static ProbeRequest empty() {
    return new ProbeRequest(Set.of(), Set.of(), Set.of(), Set.of(), Map.of());
  }

  /** A request for component-specific read-only commands; their output is in NodeFacts.raw(). */
  public static ProbeRequest ofItems(ProbeItem... extra) {
    Map<String, ProbeItem> byName = new TreeMap<>();
    for (ProbeItem item : extra) {
      byName.put(item.name(), item);
    }
    return new ProbeRequest(Set.of(), Set.of(), Set.of(), Set.of(), byName);
  }

  /** A request for reading whole files (small ones: configs the operator may take over). */
  public static ProbeRequest ofContents(String... paths) {
    return new ProbeRequest(Set.of(), Set.of(), Set.of(), Set.of(paths), Map.of());
  }

  public ProbeRequest merge(ProbeRequest other) {
    Map<String, ProbeItem> allItems = new TreeMap<>(items);
    allItems.putAll(other.items);
    return new ProbeRequest(
        union(packages, other.packages),
        union(services, other.services),
        union(files, other.files),
        union(contents, other.contents),
        allItems);
  }

  private static Set<String> union(Set<String> a, Set<String> b) {
    Set<String> all = new TreeSet<>(a);
    all.addAll(b);
    return all;
  }
}
