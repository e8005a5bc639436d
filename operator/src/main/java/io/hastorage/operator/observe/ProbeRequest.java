package io.hastorage.operator.observe;

import java.util.Set;
import java.util.TreeSet;

/**
 * What the planners need to know about a node beyond the basics: which packages, services and
 * managed files to look at. Sorted sets keep the rendered probe identical between reconciles.
 */
public record ProbeRequest(Set<String> packages, Set<String> services, Set<String> files) {

  public ProbeRequest {
    packages = new TreeSet<>(packages);
    services = new TreeSet<>(services);
    files = new TreeSet<>(files);
  }

  public static ProbeRequest empty() {
    return new ProbeRequest(Set.of(), Set.of(), Set.of());
  }

  public ProbeRequest merge(ProbeRequest other) {
    return new ProbeRequest(
        union(packages, other.packages),
        union(services, other.services),
        union(files, other.files));
  }

  private static Set<String> union(Set<String> a, Set<String> b) {
    Set<String> all = new TreeSet<>(a);
    all.addAll(b);
    return all;
  }
}
