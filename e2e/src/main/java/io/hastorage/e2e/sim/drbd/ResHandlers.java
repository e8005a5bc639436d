package io.hastorage.e2e.sim.drbd;

import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Whether a resource file lets the kernel call drbd-utils' crm handlers: a {@code fencing} policy
 * other than dont-care with a {@code fence-peer} handler, and an {@code after-resync-target}
 * handler. Other handlers are not modelled (the simulation runs nothing for them).
 */
record ResHandlers(boolean fencesPeer, boolean unfencesAfterResync) {

  static final String CRM_FENCE_PEER = "crm-fence-peer.sh";
  static final String CRM_UNFENCE_PEER = "crm-unfence-peer.sh";

  private static final Pattern FENCING =
      Pattern.compile("\\bfencing\\s+(resource-only|resource-and-stonith)\\s*;");

  static ResHandlers parse(String text) {
    return new ResHandlers(
        FENCING.matcher(text).find() && handler(text, "fence-peer").equals(CRM_FENCE_PEER),
        handler(text, "after-resync-target").equals(CRM_UNFENCE_PEER));
  }

  static ResHandlers of(Optional<String> text) {
    return text.map(ResHandlers::parse).orElse(new ResHandlers(false, false));
  }

  /** The program's file name a handler runs ({@code "/usr/lib/drbd/x.sh"} gives x.sh), or "". */
  private static String handler(String text, String name) {
    Matcher m = Pattern.compile("\\b" + name + "\\s+\"([^\"]*)\"\\s*;").matcher(text);
    if (!m.find()) {
      return "";
    }
    String program = m.group(1).strip().split("\\s+")[0];
    return program.substring(program.lastIndexOf('/') + 1);
  }
}
