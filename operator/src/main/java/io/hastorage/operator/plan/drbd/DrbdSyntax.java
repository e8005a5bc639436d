package io.hastorage.operator.plan.drbd;

import io.hastorage.operator.observe.NodeFacts;
import io.hastorage.operator.observe.Tool;
import java.util.Optional;

/**
 * The drbd.conf dialect a node needs. It follows the loaded kernel module, not drbd-utils: drbdadm
 * 9 drives 8.4 kernels too (it switches to drbdsetup-84), so the module decides which keywords are
 * valid. Differences that matter to us: 8.4 takes {@code syncer { rate }} and {@code fencing} in
 * {@code disk}, and unfences after a resync; 9 takes {@code resync-rate} in {@code disk}, {@code
 * fencing} in {@code net}, needs a {@code node-id} per host and has an {@code unfence-peer}
 * handler.
 */
public enum DrbdSyntax {
  V84,
  V9;

  /**
   * The syntax for the node's loaded DRBD module ({@link Tool#DRBD_KERNEL}, from /proc/drbd or
   * drbdadm's DRBD_KERNEL_VERSION).
   *
   * <p>Empty when the module is not loaded: drbd-utils' own version does not tell, because utils 9
   * are the normal tools for an 8.4 kernel, and writing 9 syntax for an 8.4 module makes drbdadm
   * refuse the whole file. Empty too for versions other than 8.4 and 9 (8.3 and older are not
   * supported). A caller should load the module (prerequisites) and observe again rather than
   * guess.
   */
  public static Optional<DrbdSyntax> forNode(NodeFacts facts) {
    return facts.version(Tool.DRBD_KERNEL).flatMap(DrbdSyntax::forKernelVersion);
  }

  /** The syntax for a module version such as "8.4.11-1" or "9.2.12". */
  public static Optional<DrbdSyntax> forKernelVersion(String version) {
    if (version.startsWith("8.4.") || version.equals("8.4")) {
      return Optional.of(V84);
    }
    if (version.startsWith("9.") || version.equals("9")) {
      return Optional.of(V9);
    }
    return Optional.empty();
  }
}
