package io.hastorage.operator.api.common;

import static io.hastorage.operator.api.common.ValidationPatterns.K8S_NAME;
import static io.hastorage.operator.api.common.ValidationPatterns.SECRET_KEY;

import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Pattern;
import io.fabric8.generator.annotation.Required;

/** A key of a Secret in the resource's own namespace. */
public class SecretKeyRef {

  @Required
  @Pattern(K8S_NAME)
  @JsonPropertyDescription("Name of the Secret, in the same namespace.")
  public String name;

  @Pattern(SECRET_KEY)
  @JsonPropertyDescription("Key inside the Secret. Each field documents its default key.")
  public String key;

  public SecretKeyRef() {}

  public SecretKeyRef(String name, String key) {
    this.name = name;
    this.key = key;
  }

  /** The key to read, falling back to the field's documented default. */
  public String keyOr(String defaultKey) {
    return key == null || key.isEmpty() ? defaultKey : key;
  }
}
