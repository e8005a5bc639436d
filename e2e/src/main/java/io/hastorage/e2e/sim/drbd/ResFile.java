package io.hastorage.e2e.sim.drbd;

import io.hastorage.e2e.sim.UnsupportedFeatureException;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The little of a DRBD resource file the simulation needs: for one host, the device minor and the
 * backing disk of its single volume ({@code on HOST { [volume N {] device /dev/drbdM; disk DEV;
 * meta-disk internal; [}] address IP:PORT; }}). Everything else in the file is ignored.
 */
record ResFile(String resource, int minor, String disk) {

  private static final Pattern RESOURCE = Pattern.compile("(?m)^\\s*resource\\s+(\\S+)\\s*\\{");
  private static final Pattern DEVICE = Pattern.compile("\\bdevice\\s+/dev/drbd(\\d+)\\s*;");
  private static final Pattern DISK = Pattern.compile("\\bdisk\\s+(/\\S+)\\s*;");

  /** The path drbdadm reads for a resource (via /etc/drbd.conf's include). */
  static String path(String resource) {
    return "/etc/drbd.d/" + resource + ".res";
  }

  /** The resource's volume on {@code host}; empty when the file does not name that host. */
  static Optional<ResFile> parse(String text, String host) {
    Matcher resource = RESOURCE.matcher(text);
    if (!resource.find()) {
      return Optional.empty();
    }
    Optional<String> section = onSection(text, host);
    if (section.isEmpty()) {
      return Optional.empty();
    }
    Matcher device = DEVICE.matcher(section.get());
    Matcher disk = DISK.matcher(section.get());
    if (!device.find() || !disk.find()) {
      return Optional.empty();
    }
    int minor = Integer.parseInt(device.group(1));
    if (device.find()) {
      throw new UnsupportedFeatureException("drbd resource with more than one volume");
    }
    return Optional.of(new ResFile(resource.group(1), minor, disk.group(1)));
  }

  private static Optional<String> onSection(String text, String host) {
    Matcher on = Pattern.compile("\\bon\\s+" + Pattern.quote(host) + "\\s*\\{").matcher(text);
    if (!on.find()) {
      return Optional.empty();
    }
    int depth = 1;
    for (int i = on.end(); i < text.length(); i++) {
      char c = text.charAt(i);
      depth += c == '{' ? 1 : c == '}' ? -1 : 0;
      if (depth == 0) {
        return Optional.of(text.substring(on.end(), i));
      }
    }
    return Optional.empty();
  }
}
