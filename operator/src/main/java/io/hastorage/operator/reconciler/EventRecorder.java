package io.hastorage.operator.reconciler;

import io.fabric8.kubernetes.api.model.Condition;
import io.fabric8.kubernetes.api.model.Event;
import io.fabric8.kubernetes.api.model.EventBuilder;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.ObjectReferenceBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.hastorage.operator.status.ConditionTypes;
import java.time.Clock;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Emits Kubernetes Events when a condition changes status or reason, never on a steady state, so a
 * converged resource causes no API writes. The event reason is the condition's reason: a fixed,
 * CamelCase set defined in {@link io.hastorage.operator.status.Reasons} and the transport.
 */
public final class EventRecorder {

  private static final Logger LOG = LoggerFactory.getLogger(EventRecorder.class);
  static final String COMPONENT = "ha-iscsi-operator";

  private final KubernetesClient client;
  private final Clock clock;

  public EventRecorder(KubernetesClient client, Clock clock) {
    this.client = client;
    this.clock = clock;
  }

  KubernetesClient client() {
    return client;
  }

  Clock clock() {
    return clock;
  }

  public void conditionTransitions(
      HasMetadata resource, List<Condition> before, List<Condition> after) {
    for (Condition now : after) {
      Condition then =
          before.stream().filter(c -> now.getType().equals(c.getType())).findFirst().orElse(null);
      boolean good = "True".equals(now.getStatus()) != ConditionTypes.trueIsAbnormal(now.getType());
      boolean changed =
          then == null
              ? !good || "Ready".equals(now.getType())
              : !Objects.equals(then.getStatus(), now.getStatus())
                  || !Objects.equals(then.getReason(), now.getReason());
      if (changed) {
        emit(
            resource,
            good ? "Normal" : "Warning",
            now.getReason(),
            now.getType() + ": " + now.getMessage());
      }
    }
  }

  public void emit(HasMetadata resource, String type, String reason, String message) {
    String now = clock.instant().toString();
    String name =
        resource.getMetadata().getName()
            + "."
            + Long.toHexString(clock.millis())
            + "."
            + reason.toLowerCase(Locale.ROOT);
    Event event =
        new EventBuilder()
            .withNewMetadata()
            .withName(name)
            .withNamespace(resource.getMetadata().getNamespace())
            .endMetadata()
            .withInvolvedObject(
                new ObjectReferenceBuilder()
                    .withApiVersion(resource.getApiVersion())
                    .withKind(resource.getKind())
                    .withName(resource.getMetadata().getName())
                    .withNamespace(resource.getMetadata().getNamespace())
                    .withUid(resource.getMetadata().getUid())
                    .build())
            .withType(type)
            .withReason(reason)
            .withMessage(message)
            .withFirstTimestamp(now)
            .withLastTimestamp(now)
            .withCount(1)
            .withNewSource()
            .withComponent(COMPONENT)
            .endSource()
            .build();
    try {
      client
          .v1()
          .events()
          .inNamespace(resource.getMetadata().getNamespace())
          .resource(event)
          .create();
    } catch (KubernetesClientException e) {
      // An event is a notification; losing one must not fail the reconcile that caused it.
      LOG.warn("could not record event {} {}: {}", type, reason, e.getMessage());
    }
  }
}
