package io.hastorage.operator.observe.initiator;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Parses {@code multipath -ll}: a header per map ("alias (wwid) dm-N vendor,product" or "wwid dm-N
 * vendor,product"), its size line, path groups ("-+- policy=..."), and per path
 * "host:channel:id:lun devnode major:minor dm_status path_status online_status".
 */
public final class MultipathParser {

  private static final Pattern HEADER =
      Pattern.compile("^(?:\\S+: )?(\\S+)(?: \\((\\S+)\\))? (dm-\\d+) ([^,]*),(.*)$");
  private static final Pattern PATH =
      Pattern.compile(
          "^[|`\\s-]*\\d+:\\d+:\\d+:\\d+\\s+(\\S+)\\s+\\d+:\\d+\\s+(\\S+)\\s+(\\S+)(?:\\s+\\S+)?\\s*$");

  private MultipathParser() {}

  public static List<MultipathMap> parse(String text) {
    List<MultipathMap> maps = new ArrayList<>();
    String wwid = null;
    String alias = null;
    String vendor = null;
    List<MultipathMap.Path> paths = new ArrayList<>();
    for (String line : text.split("\n")) {
      Matcher header = HEADER.matcher(line);
      if (!line.startsWith(" ")
          && !line.startsWith("|")
          && !line.startsWith("`")
          && header.matches()) {
        if (wwid != null) {
          maps.add(new MultipathMap(wwid, alias, vendor, paths));
        }
        alias = header.group(1);
        wwid = header.group(2) != null ? header.group(2) : header.group(1);
        vendor = header.group(4).strip();
        paths = new ArrayList<>();
        continue;
      }
      Matcher path = PATH.matcher(line);
      if (wwid != null && path.matches()) {
        paths.add(new MultipathMap.Path(path.group(1), path.group(2), path.group(3)));
      }
    }
    if (wwid != null) {
      maps.add(new MultipathMap(wwid, alias, vendor, paths));
    }
    return List.copyOf(maps);
  }
}
