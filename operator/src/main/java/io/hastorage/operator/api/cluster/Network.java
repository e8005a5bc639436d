package io.hastorage.operator.api.cluster;

import static io.hastorage.operator.api.common.ValidationPatterns.IPV4_CIDR;
import static io.hastorage.operator.api.common.ValidationPatterns.K8S_NAME;

import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Pattern;
import io.fabric8.generator.annotation.Required;

/** A network the nodes share: replication, storage (iSCSI) or public. */
public class Network {

  /** What a network carries; a network may be named anything, its purpose says what it is for. */
  public enum Purpose {
    Replication,
    Storage,
    Public
  }

  @Required
  @Pattern(K8S_NAME)
  @JsonPropertyDescription("Name nodes and other resources use to refer to this network.")
  public String name;

  @Required
  @Pattern(IPV4_CIDR)
  @JsonPropertyDescription("The network in CIDR notation, e.g. 10.20.1.0/24.")
  public String cidr;

  @Required
  @JsonPropertyDescription("Replication (DRBD), Storage (iSCSI) or Public.")
  public Purpose purpose;

  public Network() {}

  public Network(String name, String cidr, Purpose purpose) {
    this.name = name;
    this.cidr = cidr;
    this.purpose = purpose;
  }
}
