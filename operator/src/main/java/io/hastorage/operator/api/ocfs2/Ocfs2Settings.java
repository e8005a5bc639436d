package io.hastorage.operator.api.ocfs2;

import static io.hastorage.operator.api.common.ValidationPatterns.K8S_NAME;
import static io.hastorage.operator.api.common.ValidationPatterns.LABEL;

import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Default;
import io.fabric8.generator.annotation.Max;
import io.fabric8.generator.annotation.Min;
import io.fabric8.generator.annotation.Pattern;
import io.fabric8.generator.annotation.Required;

/** mkfs.ocfs2 parameters and the o2cb cluster (cluster.conf, heartbeat timing). */
public class Ocfs2Settings {

  @Required
  @Pattern(LABEL)
  @JsonPropertyDescription("File system label; a device with this OCFS2 label is adopted.")
  public String label;

  @Required
  @Pattern(LABEL)
  @JsonPropertyDescription("o2cb cluster name in /etc/ocfs2/cluster.conf.")
  public String clusterName;

  @Required
  @Pattern(K8S_NAME)
  @JsonPropertyDescription("Network (from the StorageCluster) o2cb talks on.")
  public String network;

  @Min(1)
  @Max(255)
  @JsonPropertyDescription(
      "Node slots; at least the number of initiators (default: that number + 1).")
  public Integer slots;

  @Min(512)
  @Max(4096)
  @Default("4096")
  public Integer blockSize;

  @Min(4096)
  @Max(1048576)
  @Default("4096")
  public Integer clusterSize;

  @Min(1024)
  @Max(65535)
  @Default("7777")
  public Integer port;

  @Min(3)
  @Max(600)
  @Default("61")
  @JsonPropertyDescription(
      "O2CB_HEARTBEAT_THRESHOLD; (threshold - 1) x 2 s must exceed the failover budget.")
  public Integer heartbeatThreshold;

  @Min(1000)
  @Max(600000)
  @Default("30000")
  public Integer idleTimeoutMs;

  @Min(500)
  @Max(60000)
  @Default("2000")
  public Integer keepaliveDelayMs;

  @Min(500)
  @Max(60000)
  @Default("2000")
  public Integer reconnectDelayMs;
}
