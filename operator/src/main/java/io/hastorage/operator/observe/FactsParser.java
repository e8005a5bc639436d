package io.hastorage.operator.observe;

import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

/** Turns a parsed probe into {@link NodeFacts}. Pure: text in, facts out. */
public final class FactsParser {

  private FactsParser() {}

  /** Facts from a probe that read no file contents. */
  public static NodeFacts parse(String nodeName, ProbeOutput probe) {
    return parse(nodeName, probe, ProbeRequest.empty());
  }

  /**
   * Facts from the probe rendered for {@code request}, which says which content item is which file.
   */
  public static NodeFacts parse(String nodeName, ProbeOutput probe, ProbeRequest request) {
    String[] uname = probe.okOutput(NodeProbe.UNAME).orElse("").strip().split("\\s+", 2);
    return new NodeFacts(
        nodeName,
        uname.length > 0 ? uname[0] : "",
        uname.length > 1 ? uname[1] : "",
        probe.okOutput(NodeProbe.OS).map(FactsParser::osRelease).orElse(OsInfo.UNKNOWN),
        VersionParser.parse(probe),
        packages(probe),
        modules(probe.okOutput(NodeProbe.MODULES).orElse("")),
        services(probe.section(NodeProbe.SERVICES).map(ProbeSection::output).orElse("")),
        fileHashes(probe.section(NodeProbe.FILES).map(ProbeSection::output).orElse("")),
        fileContents(probe, request),
        probe);
  }

  static OsInfo osRelease(String text) {
    Map<String, String> fields = new HashMap<>();
    for (String line : text.split("\n")) {
      int eq = line.indexOf('=');
      if (eq > 0) {
        fields.put(line.substring(0, eq).strip(), unquote(line.substring(eq + 1).strip()));
      }
    }
    Set<String> like = new HashSet<>();
    for (String word : fields.getOrDefault("ID_LIKE", "").split("\\s+")) {
      if (!word.isEmpty()) {
        like.add(word);
      }
    }
    return new OsInfo(
        fields.getOrDefault("ID", "unknown"),
        like,
        fields.getOrDefault("VERSION_ID", ""),
        fields.getOrDefault("PRETTY_NAME", fields.getOrDefault("NAME", "unknown")));
  }

  /** dpkg-query lines are "name TAB version TAB status"; rpm lines are "name TAB version". */
  static Map<String, String> packages(ProbeOutput probe) {
    Map<String, String> installed = new LinkedHashMap<>();
    for (String section : new String[] {NodeProbe.DPKG, NodeProbe.RPM}) {
      String output =
          probe
              .section(section)
              .filter(s -> !s.commandMissing())
              .map(ProbeSection::output)
              .orElse("");
      for (String line : output.split("\n")) {
        String[] cols = line.split("\t");
        boolean dpkgInstalled =
            cols.length >= 3 && (cols[2].startsWith("ii") || cols[2].startsWith("hi"));
        if (cols.length == 2 && section.equals(NodeProbe.RPM)
            || cols.length >= 3 && dpkgInstalled) {
          installed.put(cols[0].strip(), cols[1].strip());
        }
      }
    }
    return installed;
  }

  static Set<String> modules(String procModules) {
    Set<String> loaded = new HashSet<>();
    for (String line : procModules.split("\n")) {
      int space = line.indexOf(' ');
      if (space > 0) {
        loaded.add(line.substring(0, space));
      }
    }
    return loaded;
  }

  /** systemctl show prints blocks of Key=Value lines separated by blank lines, one per unit. */
  static Map<String, ServiceState> services(String text) {
    Map<String, ServiceState> services = new HashMap<>();
    for (String block : text.split("\n\\s*\n")) {
      Map<String, String> fields = new HashMap<>();
      for (String line : block.split("\n")) {
        int eq = line.indexOf('=');
        if (eq > 0) {
          fields.put(line.substring(0, eq), line.substring(eq + 1).strip());
        }
      }
      String id = fields.get("Id");
      if (id != null) {
        ServiceState state =
            new ServiceState(
                id,
                fields.getOrDefault("LoadState", ""),
                fields.getOrDefault("ActiveState", ""),
                fields.getOrDefault("UnitFileState", ""),
                fields.getOrDefault("WantedBy", ""));
        services.put(id, state);
        if (id.endsWith(".service")) {
          services.put(id.substring(0, id.length() - ".service".length()), state);
        }
      }
    }
    return services;
  }

  /** sha256sum prints "hash path" for each file it could read; missing files print nothing. */
  static Map<String, String> fileHashes(String text) {
    Map<String, String> hashes = new HashMap<>();
    for (String line : text.split("\n")) {
      if (line.length() > 66 && line.charAt(64) == ' ') {
        String path = line.substring(66);
        hashes.put(path.startsWith("*") ? path.substring(1) : path, line.substring(0, 64));
      }
    }
    return hashes;
  }

  /** Contents of the requested files that exist (cat succeeded), by path. */
  static Map<String, String> fileContents(ProbeOutput probe, ProbeRequest request) {
    Map<String, String> contents = new HashMap<>();
    int index = 0;
    for (String path : request.contents()) {
      String item = NodeProbe.contentItem(index++);
      probe.okOutput(item).ifPresent(text -> contents.put(path, text));
    }
    return contents;
  }

  private static String unquote(String value) {
    if (value.length() >= 2
        && (value.startsWith("\"") && value.endsWith("\"")
            || value.startsWith("'") && value.endsWith("'"))) {
      return value.substring(1, value.length() - 1);
    }
    return value;
  }
}
