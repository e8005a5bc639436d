package io.hastorage.operator.plan.corosync;

import io.hastorage.operator.api.common.ValidationPatterns;
import java.util.List;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * One member of the Corosync nodelist.
 *
 * <p>The name must be the node's {@code uname -n}: Corosync finds its own entry in the nodelist by
 * that name (or else by matching ring0_addr against local interfaces), and refuses to start with
 * "No valid name found for local host" when neither matches. Values are checked again here, even
 * though the CRD schema checks them, because they are pasted verbatim into corosync.conf and a
 * brace or newline would change its structure.
 *
 * @param name the host name, as {@code uname -n} prints it
 * @param nodeId the Corosync node id (1 and up; knet requires explicit ids)
 * @param linkAddresses the node's IPv4 address on each knet link, link 0 first
 */
public record CorosyncNode(String name, int nodeId, List<String> linkAddresses) {

  private static final Pattern HOSTNAME = Pattern.compile(ValidationPatterns.HOSTNAME);
  private static final Pattern IPV4 = Pattern.compile(ValidationPatterns.IPV4);

  public CorosyncNode {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(linkAddresses, "linkAddresses");
    if (!HOSTNAME.matcher(name).matches()) {
      throw new IllegalArgumentException("not a host name: " + name);
    }
    if (nodeId < 1) {
      throw new IllegalArgumentException("nodeid must be at least 1: " + nodeId);
    }
    linkAddresses = List.copyOf(linkAddresses);
    if (linkAddresses.isEmpty()) {
      throw new IllegalArgumentException("node " + name + " has no link address");
    }
    for (String address : linkAddresses) {
      if (!IPV4.matcher(address).matches()) {
        throw new IllegalArgumentException("node " + name + ": not an IPv4 address: " + address);
      }
    }
  }
}
