package io.hastorage.operator.api.cluster;

import static io.hastorage.operator.api.common.ValidationPatterns.IPV4;
import static io.hastorage.operator.api.common.ValidationPatterns.K8S_NAME;
import static io.hastorage.operator.api.common.ValidationPatterns.NIC;

import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Pattern;
import io.fabric8.generator.annotation.Required;

/** A node's address on one of the cluster's networks. */
public class NodeAddress {

  @Required
  @Pattern(K8S_NAME)
  @JsonPropertyDescription("Name of a network in spec.networks.")
  public String network;

  @Required
  @Pattern(IPV4)
  @JsonPropertyDescription("The node's IPv4 address on that network.")
  public String address;

  @Pattern(NIC)
  @JsonPropertyDescription("Interface carrying the address, e.g. eth2 (used for VIPs).")
  public String nic;

  public NodeAddress() {}

  public NodeAddress(String network, String address, String nic) {
    this.network = network;
    this.address = address;
    this.nic = nic;
  }
}
