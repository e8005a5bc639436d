package io.hastorage.operator.reconciler;

import io.fabric8.kubernetes.api.model.Condition;
import io.hastorage.operator.api.drbd.DrbdVolume;
import io.hastorage.operator.api.drbd.DrbdVolumeStatus;
import io.hastorage.operator.apply.StepOutcome;
import io.hastorage.operator.config.OperatorConfig;
import io.hastorage.operator.metrics.DrbdMetrics;
import io.hastorage.operator.metrics.StorageMetrics;
import io.hastorage.operator.status.DrbdVolumeSnapshot;
import io.javaoperatorsdk.operator.api.reconciler.UpdateControl;
import java.time.Duration;
import java.util.Collection;
import java.util.List;

/** Events, metrics and the status patch of a DrbdVolume reconcile. */
public final class DrbdVolumeReporter {

  private final EventRecorder events;
  private final StorageMetrics metrics;
  private final DrbdMetrics drbd;
  private final StatusPatcher patcher;
  private final OperatorConfig config;

  public DrbdVolumeReporter(
      EventRecorder events, StorageMetrics metrics, DrbdMetrics drbd, OperatorConfig config) {
    this.events = events;
    this.metrics = metrics;
    this.drbd = drbd;
    this.patcher = new StatusPatcher(config);
    this.config = config;
  }

  public void report(DrbdVolume volume, DrbdVolumeSnapshot snapshot, DrbdVolumeStatus status) {
    List<Condition> before = volume.getStatus() == null ? List.of() : volume.getStatus().conditions;
    events.conditionTransitions(volume, before, status.conditions);
    String namespace = volume.getMetadata().getNamespace();
    String name = volume.getMetadata().getName();
    stepsFinished(snapshot.run().outcomes().values());
    metrics.pendingSteps(volume.getKind(), namespace, name, snapshot.run().plan().size());
    metrics.resourceReady(volume.getKind(), namespace, name, StatusPatcher.isReady(status));
    if (snapshot.spec() != null && snapshot.spec().resourceName != null) {
      drbd.record(namespace, name, snapshot.spec().resourceName, status);
    }
  }

  void stepsFinished(Collection<StepOutcome> outcomes) {
    for (StepOutcome outcome : outcomes) {
      if (!outcome.completed()) {
        metrics.stepFinished(outcome.node(), outcome.kind().name(), outcome.reason());
      }
    }
  }

  /** The volume is gone: its metrics go with it. */
  void deleted(DrbdVolume volume) {
    String namespace = volume.getMetadata().getNamespace();
    String name = volume.getMetadata().getName();
    drbd.forget(namespace, name);
    metrics.forgetResource(volume.getKind(), namespace, name);
  }

  public UpdateControl<DrbdVolume> patchIfChanged(DrbdVolume volume, DrbdVolumeStatus status) {
    return patcher.patchIfChanged(volume, status);
  }

  void event(DrbdVolume volume, String type, String reason, String message) {
    events.emit(volume, type, reason, message);
  }

  Duration retryAfter(boolean failed) {
    return config.get(failed ? OperatorConfig.ERROR_REQUEUE : OperatorConfig.CONVERGING_REQUEUE);
  }
}
