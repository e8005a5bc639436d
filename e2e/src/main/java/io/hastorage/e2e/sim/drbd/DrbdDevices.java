package io.hastorage.e2e.sim.drbd;

import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Opening {@code /dev/drbdM} on a node: it exists while a resource with that minor is up there, and
 * only the Primary can open it (a Secondary answers EMEDIUMTYPE, "Wrong medium type").
 */
final class DrbdDevices {

  static final String WRONG_MEDIUM = "Wrong medium type";
  static final String NO_SUCH_FILE = "No such file or directory";

  private static final Pattern DRBD = Pattern.compile("/dev/drbd(\\d+)");

  /** The outcome of an open: the resource when it worked, the errno text when not. */
  record Opened(Optional<DrbdResource> resource, String error) {
    boolean ok() {
      return resource.isPresent();
    }
  }

  private DrbdDevices() {}

  static boolean isDrbd(String device) {
    return DRBD.matcher(device).matches();
  }

  /** Call with the replication lock held (inside {@link DrbdReplication#locked}). */
  static Opened open(Map<String, DrbdResource> resources, String node, String device) {
    Matcher m = DRBD.matcher(device);
    if (!m.matches()) {
      return new Opened(Optional.empty(), NO_SUCH_FILE);
    }
    int minor = Integer.parseInt(m.group(1));
    for (DrbdResource resource : resources.values()) {
      DrbdSide side = resource.sides.get(node);
      if (side != null && side.up && side.minor == minor) {
        return side.primary()
            ? new Opened(Optional.of(resource), "")
            : new Opened(Optional.empty(), WRONG_MEDIUM);
      }
    }
    return new Opened(Optional.empty(), NO_SUCH_FILE);
  }
}
