package io.hastorage.operator.api.cluster;

import static io.hastorage.operator.api.common.ValidationPatterns.K8S_NAME;
import static io.hastorage.operator.api.common.ValidationPatterns.LABEL;

import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Default;
import io.fabric8.generator.annotation.Max;
import io.fabric8.generator.annotation.Min;
import io.fabric8.generator.annotation.Pattern;
import io.fabric8.generator.annotation.Required;
import io.fabric8.generator.annotation.Size;
import java.util.ArrayList;
import java.util.List;

/**
 * The Corosync layer on the target pair. Each entry of {@code links} becomes one knet link (the
 * seed's two redundant rings); timing and quorum follow the seed and current RHEL defaults.
 */
public class CorosyncSpec {

  @Required
  @Pattern(LABEL)
  @JsonPropertyDescription("totem.cluster_name.")
  public String clusterName;

  @Required
  @Size(min = 1, max = 8)
  @JsonPropertyDescription(
      "Network names carrying Corosync, in link order (link 0 first). Two give the seed's"
          + " redundant rings.")
  public List<@Pattern(K8S_NAME) String> links = new ArrayList<>();

  @Min(500)
  @Max(300000)
  @Default("3000")
  @JsonPropertyDescription("totem.token in ms.")
  public Integer tokenMs;

  @Min(600)
  @Max(360000)
  @Default("3600")
  @JsonPropertyDescription("totem.consensus in ms (at least 1.2 x token).")
  public Integer consensusMs;

  @Default("true")
  @JsonPropertyDescription("Encrypt and authenticate cluster traffic (crypto_cipher aes256).")
  public Boolean crypto;

  @JsonPropertyDescription("Quorum settings for the two-node cluster.")
  public QuorumSpec quorum;
}
