package io.hastorage.e2e.sim.cluster;

import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * A primitive Pacemaker runs on a node (an active instance there, in any role), as that node's
 * crm_mon places it: what a client of the node's services (an iSCSI initiator on the network)
 * reaches.
 *
 * @param id the primitive's CIB id
 * @param agent {@code class:provider:type} ({@code ocf:heartbeat:IPaddr2})
 * @param group the id of the group it belongs to, if any
 * @param parameters its instance attributes by name
 */
public record RunningPrimitive(
    String id, String agent, Optional<String> group, Map<String, String> parameters) {

  public RunningPrimitive {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(agent, "agent");
    Objects.requireNonNull(group, "group");
    parameters = Map.copyOf(parameters);
  }

  /** A parameter's value, empty when the primitive does not set it. */
  public Optional<String> parameter(String name) {
    return Optional.ofNullable(parameters.get(name));
  }
}
