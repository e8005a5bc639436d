package io.hastorage.operator.api.scst;

import static io.hastorage.operator.api.common.ValidationPatterns.IQN;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Default;
import io.fabric8.generator.annotation.Max;
import io.fabric8.generator.annotation.Min;
import io.fabric8.generator.annotation.Pattern;
import io.fabric8.generator.annotation.Required;
import io.fabric8.generator.annotation.Size;
import io.fabric8.generator.annotation.ValidationRule;
import io.hastorage.operator.api.cluster.StonithDevice;
import io.hastorage.operator.api.common.LocalRef;
import io.hastorage.operator.api.common.SecretKeyRef;
import java.util.ArrayList;
import java.util.List;

/**
 * The iSCSI target clients see: one IQN on several portals (VIPs), its LUNs, access control. It
 * runs in Pacemaker as a group colocated with and ordered after the DRBD promotion.
 */
public class ScstTargetSpec {

  /** Which target implementation the resource agents drive. */
  public enum Backend {
    @JsonProperty("scst")
    scst,
    @JsonProperty("lio-t")
    lioT,
    @JsonProperty("tgt")
    tgt
  }

  @Required
  @JsonPropertyDescription("The StorageCluster whose target pair runs this target.")
  public LocalRef clusterRef;

  @Required
  @Pattern(IQN)
  @JsonPropertyDescription("Target IQN (the seed: iqn.2016-02.local.virtual:virtual.vg1).")
  public String iqn;

  @Default("scst")
  @JsonPropertyDescription("scst (default, as the seed), lio-t or tgt.")
  public Backend backend;

  @Min(1)
  @Max(65535)
  @JsonPropertyDescription(
      "tgt only, and required there: the target id in tgtd (iSCSITarget's tid), unique among the"
          + " tgt targets of the cluster.")
  public Integer tid;

  @Required
  @Size(min = 1, max = 8)
  @JsonPropertyDescription("Portals: one VIP each (the seed: one public, one storage).")
  public List<Portal> portals = new ArrayList<>();

  @Required
  @Size(min = 1, max = 256)
  @ValidationRule(
      value = "self.all(a, self.exists_one(b, b.number == a.number))",
      message = "LUN numbers must be unique")
  public List<Lun> luns = new ArrayList<>();

  @Size(min = 0, max = 256)
  @JsonPropertyDescription(
      "Initiator IQNs allowed to log in. Empty: the initiators of the Ocfs2Mounts using this"
          + " target.")
  public List<@Pattern(IQN) String> allowedInitiators = new ArrayList<>();

  @JsonPropertyDescription(
      "Secret with CHAP credentials (keys username, password); absent: no CHAP.")
  public SecretKeyRef chapSecretRef;

  @Size(min = 0, max = 32)
  @ValidationRule(
      value = "self.all(p, p.value != '' && !p.value.contains(' '))",
      message = "iSCSI parameter values must be non-empty and without blanks")
  @ValidationRule(
      value = "self.all(a, self.exists_one(b, b.name == a.name))",
      message = "iSCSI parameter names must be unique")
  @JsonPropertyDescription(
      "Target iSCSI parameters, e.g. DefaultTime2Retain=60, DefaultTime2Wait=5 (the seed).")
  public List<StonithDevice.Parameter> iscsiParameters = new ArrayList<>();

  @Default("true")
  @JsonPropertyDescription(
      "Wrap the portals in portblock block/unblock so initiators retry instead of seeing resets"
          + " during failover.")
  public Boolean portblock;

  @JsonPropertyDescription("Optional MailTo resource notifying on failover.")
  public MailTo mailTo;
}
