package io.hastorage.operator.testing;

import io.hastorage.operator.observe.NodeFacts;
import io.hastorage.operator.observe.OsInfo;
import io.hastorage.operator.observe.ProbeOutput;
import io.hastorage.operator.observe.Tool;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;

/** Builds NodeFacts for planner and guard tests. */
public final class FactsBuilder {

  public static final OsInfo DEBIAN_12 =
      new OsInfo("debian", Set.of(), "12", "Debian GNU/Linux 12 (bookworm)");
  public static final OsInfo CENTOS_7 =
      new OsInfo("centos", Set.of("rhel", "fedora"), "7", "CentOS Linux 7 (Core)");
  public static final OsInfo ROCKY_9 =
      new OsInfo("rocky", Set.of("rhel", "centos", "fedora"), "9.4", "Rocky Linux 9.4");

  private final String node;
  private OsInfo os = DEBIAN_12;
  private final Map<String, String> packages = new HashMap<>();
  private final Set<String> modules = new HashSet<>();
  private final Map<String, String> files = new HashMap<>();
  private final Map<Tool, String> versions = new HashMap<>();
  private final Map<String, String> contents = new HashMap<>();
  private final ProbeTranscript raw = new ProbeTranscript("x");
  private final Map<String, io.hastorage.operator.observe.ServiceState> services = new HashMap<>();

  public FactsBuilder(String node) {
    this.node = node;
  }

  public FactsBuilder os(OsInfo value) {
    this.os = value;
    return this;
  }

  public FactsBuilder packages(String... names) {
    for (String name : names) {
      packages.put(name, "1.0");
    }
    return this;
  }

  public FactsBuilder packageVersion(String name, String version) {
    packages.put(name, version);
    return this;
  }

  public FactsBuilder modules(String... names) {
    modules.addAll(Set.of(names));
    return this;
  }

  public FactsBuilder file(String path, String sha256) {
    files.put(path, sha256);
    return this;
  }

  /** A systemd unit as systemctl show would report it (loaded). */
  public FactsBuilder service(String unit, String activeState, String unitFileState) {
    services.put(
        unit,
        new io.hastorage.operator.observe.ServiceState(unit, "loaded", activeState, unitFileState));
    return this;
  }

  /** A raw probe section, as a component-specific probe item would have printed it. */
  public FactsBuilder section(String name, int exitCode, String output) {
    raw.section(name, exitCode, output);
    return this;
  }

  public FactsBuilder content(String path, String text) {
    contents.put(path, text);
    return this;
  }

  public FactsBuilder version(Tool tool, String version) {
    versions.put(tool, version);
    return this;
  }

  public NodeFacts build() {
    return new NodeFacts(
        node,
        node,
        "6.1.0",
        os,
        versions,
        packages,
        modules,
        services,
        files,
        contents,
        ProbeOutput.parse(raw.stdout(), "x"));
  }
}
