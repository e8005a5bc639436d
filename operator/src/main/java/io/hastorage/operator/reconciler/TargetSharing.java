package io.hastorage.operator.reconciler;

import io.fabric8.kubernetes.client.KubernetesClient;
import io.hastorage.operator.api.ocfs2.Ocfs2Mount;
import java.util.Set;
import java.util.TreeSet;

/**
 * The initiators on which another Ocfs2Mount uses the same target: deleting one mount must not log
 * those nodes out of the target (the sessions carry the other mount's LUN too). A mount with no
 * nodes listed uses every initiator, named here as "*".
 */
public interface TargetSharing {

  String ALL_NODES = "*";

  Set<String> nodesSharing(String namespace, String target, String exceptMount);

  static TargetSharing of(KubernetesClient client) {
    return (namespace, target, except) -> {
      Set<String> nodes = new TreeSet<>();
      for (Ocfs2Mount other :
          client.resources(Ocfs2Mount.class).inNamespace(namespace).list().getItems()) {
        if (other.getSpec() == null
            || other.getSpec().targetRef == null
            || !target.equals(other.getSpec().targetRef.name)
            || except.equals(other.getMetadata().getName())) {
          continue;
        }
        if (other.getSpec().nodes.isEmpty()) {
          nodes.add(ALL_NODES);
        } else {
          nodes.addAll(other.getSpec().nodes);
        }
      }
      return nodes;
    };
  }
}
