package io.hastorage.operator.reconciler;

import io.fabric8.kubernetes.client.KubernetesClient;
import io.hastorage.operator.api.ocfs2.Ocfs2Mount;
import io.hastorage.operator.api.ocfs2.Ocfs2MountStatus;
import java.util.List;
import java.util.Objects;

/**
 * The initiator IQNs allowed by default on a target: those the Ocfs2Mounts using it report for
 * their nodes (each read from the node's /etc/iscsi/initiatorname.iscsi), in name order.
 */
public interface InitiatorDirectory {

  List<String> initiatorsOf(String namespace, String targetName);

  static InitiatorDirectory of(KubernetesClient client) {
    return (namespace, target) ->
        client.resources(Ocfs2Mount.class).inNamespace(namespace).list().getItems().stream()
            .filter(m -> m.getSpec() != null && m.getSpec().targetRef != null)
            .filter(m -> target.equals(m.getSpec().targetRef.name))
            .filter(m -> m.getStatus() != null)
            .flatMap(m -> m.getStatus().nodes.stream())
            .map((Ocfs2MountStatus.InitiatorState n) -> n.initiatorName)
            .filter(Objects::nonNull)
            .distinct()
            .sorted()
            .toList();
  }
}
