package io.hastorage.operator.reconciler;

import io.fabric8.kubernetes.api.model.Condition;
import io.fabric8.kubernetes.client.CustomResource;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.dsl.base.PatchContext;
import io.fabric8.kubernetes.client.dsl.base.PatchType;
import io.fabric8.kubernetes.client.utils.Serialization;
import io.hastorage.operator.api.common.Annotations;
import io.hastorage.operator.api.common.ResourceStatus;
import io.hastorage.operator.status.ConditionTypes;
import io.hastorage.operator.status.DeletionConditions;
import io.hastorage.operator.status.DeletionConditions.Progress;
import io.hastorage.operator.status.Reasons;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Tells the user why a deletion has not finished: the status of the resource being deleted carries
 * {@code DeletionBlocked} (with the way out, {@link Annotations#FORCE_DELETE}), and a Warning Event
 * marks each new kind of blocker. Written only when something changed, so a deletion waiting for a
 * node that stays down costs no API writes.
 */
final class DeletionReporter {

  private static final Logger LOG = LoggerFactory.getLogger(DeletionReporter.class);

  private final KubernetesClient client;
  private final EventRecorder events;
  private final Clock clock;

  DeletionReporter(EventRecorder events) {
    this.client = events.client();
    this.events = events;
    this.clock = events.clock();
  }

  /** How to let the finalizer go anyway, for this resource. */
  static String forcePath(CustomResource<?, ?> resource) {
    return "to remove the finalizer and leave every node exactly as it is: kubectl annotate "
        + resource.getKind().toLowerCase(java.util.Locale.ROOT)
        + " "
        + resource.getMetadata().getName()
        + " -n "
        + resource.getMetadata().getNamespace()
        + " "
        + Annotations.FORCE_DELETE
        + "=true";
  }

  /** The deletion cannot go on by itself: {@code blockers} say why, each one line. */
  <S extends ResourceStatus, R extends CustomResource<?, S>> void blocked(
      R resource, Supplier<S> emptyStatus, String reason, List<String> blockers) {
    blocked(resource, emptyStatus, new DeletionBlockers(reason, blockers, blockers));
  }

  /** The deletion cannot go on by itself; the Event carries the blockers' details. */
  <S extends ResourceStatus, R extends CustomResource<?, S>> void blocked(
      R resource, Supplier<S> emptyStatus, DeletionBlockers blockers) {
    String message = String.join("; ", blockers.lines()) + ". " + forcePath(resource);
    String details = String.join("; ", blockers.details()) + ". " + forcePath(resource);
    update(resource, emptyStatus, Progress.blocked(blockers.reason(), message), details);
  }

  /** The deletion goes on; a blocker shown before is cleared. */
  <S extends ResourceStatus, R extends CustomResource<?, S>> void inProgress(
      R resource, Supplier<S> emptyStatus, String waitingFor) {
    update(resource, emptyStatus, Progress.inProgress(waitingFor), waitingFor);
  }

  /** The force path was taken: nothing on the nodes is touched. */
  void forced(CustomResource<?, ?> resource) {
    events.emit(
        resource,
        "Warning",
        Reasons.FORCE_DELETED,
        Annotations.FORCE_DELETE
            + " is set: the finalizer is removed without any command on the nodes; DRBD, LVM,"
            + " Pacemaker resources, iSCSI sessions and mounts stay exactly as they are, data"
            + " included");
  }

  private <S extends ResourceStatus, R extends CustomResource<?, S>> void update(
      R resource, Supplier<S> emptyStatus, Progress progress, String eventMessage) {
    S before = resource.getStatus();
    List<Condition> previous = before == null ? List.of() : before.conditions;
    long generation = Optional.ofNullable(resource.getMetadata().getGeneration()).orElse(0L);
    List<Condition> conditions =
        DeletionConditions.of(previous, progress, generation, clock.instant());
    if (conditions.equals(previous)) {
      return;
    }
    if (progress.blocked() && !sameBlocker(previous, progress)) {
      events.emit(resource, "Warning", progress.reason(), "deletion: " + eventMessage);
    }
    S status = before == null ? emptyStatus.get() : Serialization.clone(before);
    status.conditions = conditions;
    // one JSON Patch op replacing the whole status, without resourceVersion: JOSDK may hand the
    // cleanup a resource a little older than the API's, and this write must not depend on it
    // (a merge patch is no better: a list in it is merged by some servers, not replaced)
    String replaceStatus =
        Serialization.asJson(List.of(Map.of("op", "add", "path", "/status", "value", status)));
    try {
      client
          .resource(resource)
          .subresource("status")
          .patch(PatchContext.of(PatchType.JSON), replaceStatus);
      resource.setStatus(status);
    } catch (KubernetesClientException e) {
      // the next cleanup tries again; the Event above already told the user
      LOG.warn("could not record the deletion's progress: {}", e.getMessage());
    }
  }

  private static boolean sameBlocker(List<Condition> previous, Progress progress) {
    return previous.stream()
        .filter(c -> ConditionTypes.DELETION_BLOCKED.equals(c.getType()))
        .anyMatch(c -> "True".equals(c.getStatus()) && progress.reason().equals(c.getReason()));
  }
}
