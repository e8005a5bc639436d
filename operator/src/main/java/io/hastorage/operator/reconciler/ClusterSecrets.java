package io.hastorage.operator.reconciler;

import io.hastorage.operator.api.cluster.StorageCluster;
import io.hastorage.operator.api.common.SecretKeyRef;
import io.hastorage.operator.plan.cluster.StorageClusterPlanner;
import io.hastorage.operator.plan.corosync.Authkey;
import io.hastorage.operator.plan.pacemaker.PacemakerElements;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Reads the secrets the cluster layer needs: the Corosync authkey (the operator's own Secret) and
 * the fence devices' secret parameters (the user's Secrets). What cannot be read is listed by
 * Secret and key, never by value.
 */
public final class ClusterSecrets {

  private final AuthkeyStore authkeys;
  private final SecretReader secrets;

  public ClusterSecrets(AuthkeyStore authkeys, SecretReader secrets) {
    this.authkeys = authkeys;
    this.secrets = secrets;
  }

  private Optional<byte[]> authkey(
      StorageCluster cluster, boolean nodesHaveKey, List<String> problems) {
    String secret = "Secret " + AuthkeyStore.secretName(cluster);
    AuthkeyStore.Lookup lookup = authkeys.authkeyFor(cluster, nodesHaveKey);
    switch (lookup.outcome()) {
      case FOREIGN ->
          problems.add(
              secret
                  + " exists but has no key "
                  + AuthkeyStore.KEY
                  + "; it is not the operator's, so it is left alone");
      case WITHHELD ->
          problems.add(
              secret
                  + " does not exist but the target nodes already have"
                  + " /etc/corosync/authkey; a new key would split the running cluster. Create the Secret"
                  + " from the nodes' key (key "
                  + AuthkeyStore.KEY
                  + ")");
      default -> {}
    }
    Optional<byte[]> key = lookup.key();
    if (key.isPresent()
        && (key.get().length < Authkey.MIN_SIZE || key.get().length > Authkey.MAX_SIZE)) {
      problems.add(
          secret
              + " key "
              + AuthkeyStore.KEY
              + " holds "
              + key.get().length
              + " bytes; Corosync needs "
              + Authkey.MIN_SIZE
              + " to "
              + Authkey.MAX_SIZE);
      return Optional.empty();
    }
    return key;
  }

  /** The secrets, and a description of each one that could not be read. */
  public record Result(StorageClusterPlanner.Secrets secrets, List<String> problems) {

    /** The same secrets with one more problem reported. */
    public Result withProblem(String problem) {
      List<String> all = new ArrayList<>(problems);
      all.add(problem);
      return new Result(secrets, List.copyOf(all));
    }
  }

  /**
   * @param nodesHaveKey a target already has /etc/corosync/authkey: then a missing Secret is
   *     reported, never replaced by a new key
   */
  public Result read(StorageCluster cluster, boolean nodesHaveKey) {
    List<String> problems = new ArrayList<>();
    Optional<byte[]> authkey = authkey(cluster, nodesHaveKey, problems);
    Map<String, String> values = new LinkedHashMap<>();
    String namespace = cluster.getMetadata().getNamespace();
    for (Map.Entry<String, SecretKeyRef> required :
        PacemakerElements.requiredSecrets(cluster.getSpec()).entrySet()) {
      SecretKeyRef ref = required.getValue();
      Optional<byte[]> value = secrets.read(namespace, ref.name).map(data -> data.get(ref.key));
      if (value.isEmpty() || value.get() == null) {
        problems.add(
            "Secret "
                + ref.name
                + " key "
                + ref.key
                + " (for "
                + required.getKey()
                + ") not found");
      } else {
        values.put(required.getKey(), new String(value.get(), StandardCharsets.UTF_8).strip());
      }
    }
    Optional<Map<String, String>> fence =
        values.size() == PacemakerElements.requiredSecrets(cluster.getSpec()).size()
            ? Optional.of(values)
            : Optional.empty();
    return new Result(new StorageClusterPlanner.Secrets(authkey, fence), problems);
  }
}
