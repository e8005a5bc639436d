package io.hastorage.operator.api.scst;

import static io.hastorage.operator.api.common.ValidationPatterns.IPV4;
import static io.hastorage.operator.api.common.ValidationPatterns.K8S_NAME;
import static io.hastorage.operator.api.common.ValidationPatterns.NIC;

import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Default;
import io.fabric8.generator.annotation.Max;
import io.fabric8.generator.annotation.Min;
import io.fabric8.generator.annotation.Pattern;
import io.fabric8.generator.annotation.Required;

/** A portal: a virtual IP that follows the DRBD primary, on one network. */
public class Portal {

  @Required
  @Pattern(K8S_NAME)
  @JsonPropertyDescription("Network (from the StorageCluster) the VIP lives on.")
  public String network;

  @Required
  @Pattern(IPV4)
  @JsonPropertyDescription("The virtual IP (the seed: 192.168.0.180 and 10.20.1.180).")
  public String ip;

  @Required
  @Min(1)
  @Max(32)
  @JsonPropertyDescription("Prefix length for IPaddr2 cidr_netmask.")
  public Integer cidr;

  @Required
  @Pattern(NIC)
  @JsonPropertyDescription("Interface the VIP is added to on the target nodes.")
  public String nic;

  @Min(1)
  @Max(65535)
  @Default("3260")
  public Integer port;

  public Portal() {}

  public Portal(String network, String ip, int cidr, String nic) {
    this.network = network;
    this.ip = ip;
    this.cidr = cidr;
    this.nic = nic;
  }
}
