package io.hastorage.operator.api.cluster;

import static io.hastorage.operator.api.common.ValidationPatterns.FENCE_AGENT;
import static io.hastorage.operator.api.common.ValidationPatterns.HOSTNAME;
import static io.hastorage.operator.api.common.ValidationPatterns.K8S_NAME;
import static io.hastorage.operator.api.common.ValidationPatterns.PARAMETER_NAME;
import static io.hastorage.operator.api.common.ValidationPatterns.PARAMETER_VALUE;

import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Pattern;
import io.fabric8.generator.annotation.Required;
import io.fabric8.generator.annotation.Size;
import java.util.ArrayList;
import java.util.List;

/** A STONITH device that fences one node, e.g. fence_ipmilan against its BMC. */
public class StonithDevice {

  @Required
  @Pattern(K8S_NAME)
  @JsonPropertyDescription("Suffix of the Pacemaker resource id.")
  public String name;

  @Required
  @Pattern(FENCE_AGENT)
  @JsonPropertyDescription("Fence agent, e.g. fence_ipmilan.")
  public String agent;

  @Required
  @Pattern(HOSTNAME)
  @JsonPropertyDescription("The node this device fences; it never runs on that node.")
  public String fencesNode;

  @Size(min = 0, max = 32)
  @JsonPropertyDescription("Non-secret agent parameters, e.g. ip, username, lanplus.")
  public List<Parameter> parameters = new ArrayList<>();

  @Size(min = 0, max = 8)
  @JsonPropertyDescription("Agent parameters read from a Secret, e.g. password.")
  public List<SecretParameter> secretParameters = new ArrayList<>();

  /** A plain name=value parameter. */
  public static class Parameter {
    @Required
    @Pattern(PARAMETER_NAME)
    public String name;

    @Required
    @Pattern(PARAMETER_VALUE)
    public String value;

    public Parameter() {}

    public Parameter(String name, String value) {
      this.name = name;
      this.value = value;
    }
  }

  /** A parameter whose value lives in a Secret and never appears in argv, logs or status. */
  public static class SecretParameter {
    @Required
    @Pattern(PARAMETER_NAME)
    public String name;

    @Required public io.hastorage.operator.api.common.SecretKeyRef secretKeyRef;
  }
}
