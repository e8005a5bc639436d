package io.hastorage.operator.api.cluster;

import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Default;

/** votequorum settings; two_node implies wait_for_all unless turned off explicitly. */
public class QuorumSpec {

  @Default("true")
  @JsonPropertyDescription("quorum.two_node.")
  public Boolean twoNode;

  @Default("true")
  @JsonPropertyDescription("quorum.wait_for_all.")
  public Boolean waitForAll;
}
