package io.hastorage.operator.reconciler;

import io.fabric8.kubernetes.api.model.Condition;
import io.fabric8.kubernetes.client.CustomResource;
import io.hastorage.operator.api.common.ResourceStatus;
import io.hastorage.operator.apply.StepOutcome;
import io.hastorage.operator.config.OperatorConfig;
import io.hastorage.operator.metrics.StorageMetrics;
import io.hastorage.operator.status.ConditionTypes;
import io.hastorage.operator.status.EngineRun;
import io.javaoperatorsdk.operator.api.reconciler.UpdateControl;
import java.time.Duration;
import java.util.Collection;
import java.util.List;

/**
 * What every resource's reconcile reports the same way: Events for condition transitions, the
 * resource's readiness and pending-step metrics, failed steps, and the status patch.
 */
public final class ResourceReporter {

  private final EventRecorder events;
  private final StorageMetrics metrics;
  private final StatusPatcher patcher;
  private final OperatorConfig config;
  private final DeletionReporter deletion;

  public ResourceReporter(EventRecorder events, StorageMetrics metrics, OperatorConfig config) {
    this.events = events;
    this.metrics = metrics;
    this.patcher = new StatusPatcher(config);
    this.config = config;
    this.deletion = new DeletionReporter(events);
  }

  /** What a cleanup that cannot finish yet reports. */
  DeletionReporter deletion() {
    return deletion;
  }

  <S extends ResourceStatus> void report(CustomResource<?, S> resource, EngineRun run, S status) {
    List<Condition> before =
        resource.getStatus() == null ? List.of() : resource.getStatus().conditions;
    events.conditionTransitions(resource, before, status.conditions);
    String namespace = resource.getMetadata().getNamespace();
    String name = resource.getMetadata().getName();
    stepsFinished(run.outcomes().values());
    metrics.pendingSteps(resource.getKind(), namespace, name, run.plan().size());
    metrics.resourceReady(resource.getKind(), namespace, name, StatusPatcher.isReady(status));
    status
        .condition(ConditionTypes.DEGRADED)
        .filter(c -> !"Unknown".equals(c.getStatus()))
        .ifPresent(
            c ->
                metrics.resourceDegraded(
                    resource.getKind(), namespace, name, "True".equals(c.getStatus())));
  }

  void stepsFinished(Collection<StepOutcome> outcomes) {
    for (StepOutcome outcome : outcomes) {
      metrics.stepsFinished(
          outcome.node(),
          outcome.stepsExecuted(),
          outcome.completed() ? null : outcome.kind().name(),
          outcome.reason());
    }
  }

  <S extends ResourceStatus, R extends CustomResource<?, S>> UpdateControl<R> patchIfChanged(
      R resource, S status) {
    return patcher.patchIfChanged(resource, status);
  }

  void event(CustomResource<?, ?> resource, String type, String reason, String message) {
    events.emit(resource, type, reason, message);
  }

  /** The resource is gone: its per-resource series go with it. */
  void deleted(CustomResource<?, ?> resource) {
    metrics.forgetResource(
        resource.getKind(),
        resource.getMetadata().getNamespace(),
        resource.getMetadata().getName());
  }

  Duration retryAfter(boolean failed) {
    return config.get(failed ? OperatorConfig.ERROR_REQUEUE : OperatorConfig.CONVERGING_REQUEUE);
  }
}
