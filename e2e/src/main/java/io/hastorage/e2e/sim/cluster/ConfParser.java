package io.hastorage.e2e.sim.cluster;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** corosync's config syntax: nested {@code name {...}} sections of {@code key: value} lines. */
final class ConfParser {

  /** One section: its values (last one wins, as in corosync) and subsections in file order. */
  static final class Section {
    private final String name;
    private final Map<String, String> values = new LinkedHashMap<>();
    private final List<Section> children = new ArrayList<>();

    Section(String name) {
      this.name = name;
    }

    String name() {
      return name;
    }

    Map<String, String> values() {
      return Map.copyOf(values);
    }

    Optional<String> value(String key) {
      return Optional.ofNullable(values.get(key));
    }

    List<Section> children(String childName) {
      return children.stream().filter(c -> c.name.equals(childName)).toList();
    }

    /** The first subsection of that name, or an empty one. */
    Section child(String childName) {
      return children(childName).stream().findFirst().orElseGet(() -> new Section(childName));
    }
  }

  private ConfParser() {}

  static Section parse(String text) throws CorosyncConf.InvalidConf {
    Deque<Section> open = new ArrayDeque<>();
    open.push(new Section(""));
    for (String raw : text.split("\n", -1)) {
      String line = raw.strip();
      if (line.isEmpty() || line.startsWith("#")) {
        continue;
      }
      if (line.endsWith("{")) {
        Section section = new Section(line.substring(0, line.length() - 1).strip());
        open.peek().children.add(section);
        open.push(section);
      } else if (line.equals("}")) {
        if (open.size() == 1) {
          throw new CorosyncConf.InvalidConf("parse error in config: Unexpected closing brace");
        }
        open.pop();
      } else if (line.indexOf(':') > 0) {
        int colon = line.indexOf(':');
        open.peek().values.put(line.substring(0, colon).strip(), line.substring(colon + 1).strip());
      } else {
        throw new CorosyncConf.InvalidConf(
            "parse error in config: Line is not opening or closing section or key value");
      }
    }
    if (open.size() != 1) {
      throw new CorosyncConf.InvalidConf("parse error in config: Missing closing brace");
    }
    return open.pop();
  }
}
