package io.hastorage.operator.observe.initiator;

import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;

/**
 * open-iscsi's node database as iscsiadm prints it: {@code iscsiadm -m node} lists "ip:port,tpgt
 * iqn" per record, {@code iscsiadm -m node -T IQN -p PORTAL} dumps one record as "key = value"
 * lines between BEGIN/END RECORD comments. Passwords print as "********" once set.
 */
public final class IscsiNodeRecords {

  /** A record's identity: target and "ip:port". */
  public record Key(String iqn, String portal) {}

  private IscsiNodeRecords() {}

  /** The records listed by {@code iscsiadm -m node} (exit 21, "No records found": empty). */
  public static Set<Key> parseList(String text) {
    Set<Key> keys = new LinkedHashSet<>();
    for (String line : text.split("\n")) {
      String[] fields = line.strip().split("\\s+");
      if (fields.length != 2 || !fields[0].contains(",")) {
        continue;
      }
      String portal = fields[0].substring(0, fields[0].lastIndexOf(','));
      keys.add(new Key(fields[1], portal));
    }
    return keys;
  }

  /** One record's settings, in order; the first value wins for keys printed twice. */
  public static Map<String, String> parseRecord(String text) {
    Map<String, String> settings = new LinkedHashMap<>();
    for (String line : text.split("\n")) {
      int eq = line.indexOf(" = ");
      if (line.startsWith("#") || eq < 0) {
        continue;
      }
      settings.putIfAbsent(line.substring(0, eq).strip(), line.substring(eq + 3).strip());
    }
    return settings;
  }

  /** {@code iscsiadm -m discoverydb}: the portals discovery was run against. */
  public static Set<String> parseDiscoveryDb(String text) {
    Set<String> portals = new LinkedHashSet<>();
    for (String line : text.split("\n")) {
      String[] fields = line.strip().split("\\s+");
      if (fields.length >= 3 && "via".equals(fields[1])) {
        portals.add(fields[0]);
      }
    }
    return portals;
  }
}
