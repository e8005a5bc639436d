package io.hastorage.operator.reconciler;

import io.fabric8.kubernetes.api.model.Condition;
import io.fabric8.kubernetes.client.CustomResource;
import io.fabric8.kubernetes.client.utils.Serialization;
import io.hastorage.operator.api.common.ResourceStatus;
import io.hastorage.operator.config.OperatorConfig;
import io.hastorage.operator.status.ConditionTypes;
import io.hastorage.operator.status.Reasons;
import io.javaoperatorsdk.operator.api.reconciler.UpdateControl;
import java.time.Duration;
import java.util.Objects;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Ends a reconcile of any kind: the status is patched only when it changed, and the next reconcile
 * is scheduled by how far the resource is from done (node state cannot be watched).
 */
public final class StatusPatcher {

  private static final Logger LOG = LoggerFactory.getLogger(StatusPatcher.class);

  /** Converged reasons after which only the periodic resync is due. */
  private static final Set<String> STEADY =
      Set.of(Reasons.CONVERGED, Reasons.PAUSED, Reasons.DRY_RUN);

  /**
   * Not Ready because something is under way by itself (a resync, the StorageCluster being built):
   * look again soon, without blocking.
   */
  private static final Set<String> PROGRESSING =
      Set.of(
          Reasons.SYNCING,
          Reasons.INITIAL_SYNC_PENDING,
          Reasons.WAITING_FOR_CLUSTER,
          Reasons.WAITING_FOR_VOLUME,
          Reasons.WAITING_FOR_TARGET,
          Reasons.WAITING_FOR_DEVICE);

  private final OperatorConfig config;

  public StatusPatcher(OperatorConfig config) {
    this.config = config;
  }

  public <S extends ResourceStatus, R extends CustomResource<?, S>> UpdateControl<R> patchIfChanged(
      R resource, S status) {
    Duration next = nextReconcile(status);
    if (sameStatus(resource.getStatus(), status)) {
      LOG.debug("status unchanged; next reconcile in {}", next);
      return UpdateControl.<R>noUpdate().rescheduleAfter(next);
    }
    resource.setStatus(status);
    return UpdateControl.patchStatus(resource).rescheduleAfter(next);
  }

  Duration nextReconcile(ResourceStatus status) {
    String converged =
        status
            .condition(ConditionTypes.CONVERGED)
            .map(Condition::getReason)
            .orElse(Reasons.INVALID_SPEC);
    String ready = status.condition(ConditionTypes.READY).map(Condition::getReason).orElse("");
    // whatever else is wrong while the cluster is still being built (e.g. DrbdModuleMissing until
    // its prerequisites load the module) resolves at the cluster's pace, not the error pace
    String cluster =
        status.condition(ConditionTypes.CLUSTER_AVAILABLE).map(Condition::getReason).orElse("");
    if (PROGRESSING.contains(ready)
        || PROGRESSING.contains(converged)
        || Reasons.WAITING_FOR_CLUSTER.equals(cluster)) {
      return config.get(OperatorConfig.CONVERGING_REQUEUE);
    }
    // Ready says serving, not done: a resource that serves while its steps are being verified or
    // retried keeps the converging or error pace
    if (STEADY.contains(converged)) {
      Duration resync = config.get(OperatorConfig.RESYNC_PERIOD);
      Duration error = config.get(OperatorConfig.ERROR_REQUEUE);
      // serving without redundancy (a resync, a peer down): look again sooner than a healthy
      // resource, so progress and recovery show, but not at the converging pace for hours
      return isDegraded(status) && error.compareTo(resync) < 0 ? error : resync;
    }
    return Reasons.CONVERGING.equals(converged)
        ? config.get(OperatorConfig.CONVERGING_REQUEUE)
        : config.get(OperatorConfig.ERROR_REQUEUE);
  }

  /**
   * Converged=True for the resource's current generation: every node matches this spec. A dependent
   * that must not act on a spec in flux (a LUN on a growing LV) waits for this, not for Ready,
   * which only says the resource serves.
   */
  static boolean isConvergedAtGeneration(CustomResource<?, ? extends ResourceStatus> resource) {
    ResourceStatus status = resource.getStatus();
    return status != null
        && status.observedGeneration != null
        && status.observedGeneration.equals(resource.getMetadata().getGeneration())
        && status
            .condition(ConditionTypes.CONVERGED)
            .map(c -> "True".equals(c.getStatus()))
            .orElse(false);
  }

  private static boolean isDegraded(ResourceStatus status) {
    return status
        .condition(ConditionTypes.DEGRADED)
        .map(c -> "True".equals(c.getStatus()))
        .orElse(false);
  }

  static boolean isReady(ResourceStatus status) {
    return status
        .condition(ConditionTypes.READY)
        .map(c -> "True".equals(c.getStatus()))
        .orElse(false);
  }

  private static boolean sameStatus(ResourceStatus before, ResourceStatus after) {
    if (before == null) {
      return false;
    }
    return Objects.equals(
        Serialization.jsonMapper().valueToTree(before),
        Serialization.jsonMapper().valueToTree(after));
  }
}
