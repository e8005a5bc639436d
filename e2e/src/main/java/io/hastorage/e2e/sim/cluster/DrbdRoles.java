package io.hastorage.e2e.sim.cluster;

import java.util.Optional;

/**
 * What Pacemaker's placement of the ocf:linbit:drbd clones needs from DRBD: each node's role for a
 * resource, and the agent's promote. {@link io.hastorage.e2e.sim.drbd.DrbdReplication} is the
 * fleet's; a cluster without one ({@link #NONE}) has DRBD down everywhere.
 */
public interface DrbdRoles {

  /** DRBD down on every node: the clones run nowhere. */
  DrbdRoles NONE =
      new DrbdRoles() {
        @Override
        public Optional<String> role(String node, String resource) {
          return Optional.empty();
        }

        @Override
        public boolean promote(String node, String resource) {
          return false;
        }

        @Override
        public void start(String node, String resource) {
          // no DRBD: nothing to start
        }
      };

  /** The node's role ({@code Primary}, {@code Secondary}) while its side of the resource is up. */
  Optional<String> role(String node, String resource);

  /**
   * The linbit agent's promote on {@code node}: its side becomes Primary if it is up with an
   * UpToDate disk and no other side is Primary. True when it is Primary afterwards.
   */
  boolean promote(String node, String resource);

  /**
   * The linbit agent's start on {@code node} ({@code drbdadm up}): its side of the resource comes
   * up as Secondary and connects to the peer, where it has metadata there; nothing otherwise.
   */
  void start(String node, String resource);
}
