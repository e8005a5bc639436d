package io.hastorage.operator.api.common;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.kubernetes.api.model.Condition;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** The part of status every resource of this operator shares. */
@JsonInclude(JsonInclude.Include.NON_EMPTY)
public class ResourceStatus {

  @JsonPropertyDescription("The metadata.generation this status describes.")
  public Long observedGeneration;

  @JsonPropertyDescription("Kubernetes-style conditions; Ready summarises the worst of the others.")
  public List<Condition> conditions = new ArrayList<>();

  @JsonPropertyDescription(
      "With the hastorage.io/dry-run annotation: the steps the operator would run, per node.")
  public List<String> plannedSteps = new ArrayList<>();

  public Optional<Condition> condition(String type) {
    return conditions.stream().filter(c -> type.equals(c.getType())).findFirst();
  }
}
