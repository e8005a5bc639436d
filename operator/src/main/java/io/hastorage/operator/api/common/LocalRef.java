package io.hastorage.operator.api.common;

import static io.hastorage.operator.api.common.ValidationPatterns.K8S_NAME;

import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Pattern;
import io.fabric8.generator.annotation.Required;

/** A reference by name to another resource of this operator in the same namespace. */
public class LocalRef {

  @Required
  @Pattern(K8S_NAME)
  @JsonPropertyDescription("Name of the referenced resource, in the same namespace.")
  public String name;

  public LocalRef() {}

  public LocalRef(String name) {
    this.name = name;
  }
}
