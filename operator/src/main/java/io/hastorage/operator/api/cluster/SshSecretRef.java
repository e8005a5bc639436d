package io.hastorage.operator.api.cluster;

import static io.hastorage.operator.api.common.ValidationPatterns.K8S_NAME;
import static io.hastorage.operator.api.common.ValidationPatterns.SECRET_KEY;

import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Pattern;
import io.fabric8.generator.annotation.Required;

/** The Secret holding a node's SSH credentials. */
public class SshSecretRef {

  public static final String DEFAULT_PRIVATE_KEY = "ssh-privatekey";
  public static final String DEFAULT_KNOWN_HOSTS = "known_hosts";

  @Required
  @Pattern(K8S_NAME)
  @JsonPropertyDescription("Secret name, in the StorageCluster's namespace.")
  public String name;

  @Pattern(SECRET_KEY)
  @JsonPropertyDescription("Key holding the private key (default ssh-privatekey).")
  public String privateKeyKey;

  @Pattern(SECRET_KEY)
  @JsonPropertyDescription(
      "Key holding the pinned host key, one known_hosts line (default known_hosts).")
  public String knownHostsKey;

  public SshSecretRef() {}

  public SshSecretRef(String name) {
    this.name = name;
  }

  public String privateKeyKeyOrDefault() {
    return privateKeyKey == null ? DEFAULT_PRIVATE_KEY : privateKeyKey;
  }

  public String knownHostsKeyOrDefault() {
    return knownHostsKey == null ? DEFAULT_KNOWN_HOSTS : knownHostsKey;
  }
}
