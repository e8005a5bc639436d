package io.hastorage.e2e.sim.drbd;

/**
 * What a resource's {@code fence-peer} and {@code after-resync-target} handlers do outside the
 * kernel. The targets' cluster gives drbd-utils' crm-fence-peer.sh and crm-unfence-peer.sh, which
 * place and remove a location constraint in the CIB ({@link
 * io.hastorage.e2e.sim.cluster.CrmFencePeer}). {@link DrbdReplication} calls them without holding
 * its lock, as the kernel runs handlers as user-mode helpers.
 */
public interface PeerFencing {

  /** No cluster to ask: the handler fails (crm-fence-peer.sh cannot read a CIB), nothing fenced. */
  PeerFencing NONE =
      new PeerFencing() {
        @Override
        public boolean fencePeer(String node, String resource) {
          return false;
        }

        @Override
        public void afterResyncTarget(String node, String resource) {
          // nothing to unfence
        }
      };

  /**
   * The Primary on {@code node} lost its peer: fence it.
   *
   * @return whether the peer is fenced (the handler's exit code 4, "peer was fenced")
   */
  boolean fencePeer(String node, String resource);

  /** {@code node} finished a resync as the SyncTarget: its data is current again. */
  void afterResyncTarget(String node, String resource);
}
