package io.hastorage.operator.plan.corosync;

import io.hastorage.operator.observe.NodeFacts;
import io.hastorage.operator.observe.ServiceState;
import java.util.Objects;
import java.util.Optional;

/**
 * What the Corosync planner needs to know about one node: the hashes of the two files it owns
 * (empty when a file is missing) and whether corosync runs. The key itself is never read back.
 *
 * @param confSha256 sha256 of /etc/corosync/corosync.conf on the node
 * @param authkeySha256 sha256 of /etc/corosync/authkey on the node
 * @param corosyncRunning whether the corosync daemon is running, so a reload can reach it
 */
public record CorosyncFacts(
    Optional<String> confSha256, Optional<String> authkeySha256, boolean corosyncRunning) {

  /** The systemd unit the probe reports on. */
  public static final String SERVICE = "corosync";

  public CorosyncFacts {
    Objects.requireNonNull(confSha256, "confSha256");
    Objects.requireNonNull(authkeySha256, "authkeySha256");
  }

  /**
   * Reads the view from a probe's facts; the probe must have been asked for {@link
   * CorosyncPlanner#probeRequest()}.
   */
  public static CorosyncFacts from(NodeFacts facts) {
    return new CorosyncFacts(
        facts.fileHash(CorosyncPlanner.CONF_PATH),
        facts.fileHash(CorosyncPlanner.AUTHKEY_PATH),
        facts.service(SERVICE).map(ServiceState::active).orElse(false));
  }
}
