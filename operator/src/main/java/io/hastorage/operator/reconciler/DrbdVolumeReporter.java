package io.hastorage.operator.reconciler;

import io.hastorage.operator.api.drbd.DrbdVolume;
import io.hastorage.operator.api.drbd.DrbdVolumeStatus;
import io.hastorage.operator.apply.StepOutcome;
import io.hastorage.operator.metrics.DrbdMetrics;
import io.hastorage.operator.status.DrbdVolumeSnapshot;
import io.javaoperatorsdk.operator.api.reconciler.UpdateControl;
import java.time.Duration;
import java.util.Collection;

/** Events, metrics (the common ones and DRBD's) and the status patch of a DrbdVolume reconcile. */
public final class DrbdVolumeReporter {

  private final ResourceReporter common;
  private final DrbdMetrics drbd;

  public DrbdVolumeReporter(ResourceReporter common, DrbdMetrics drbd) {
    this.common = common;
    this.drbd = drbd;
  }

  public void report(DrbdVolume volume, DrbdVolumeSnapshot snapshot, DrbdVolumeStatus status) {
    common.report(volume, snapshot.run(), status);
    if (snapshot.spec() != null && snapshot.spec().resourceName != null) {
      drbd.record(
          volume.getMetadata().getNamespace(),
          volume.getMetadata().getName(),
          snapshot.spec().resourceName,
          status);
    }
  }

  void stepsFinished(Collection<StepOutcome> outcomes) {
    common.stepsFinished(outcomes);
  }

  /** The volume is gone: its metrics go with it. */
  void deleted(DrbdVolume volume) {
    drbd.forget(volume.getMetadata().getNamespace(), volume.getMetadata().getName());
    common.deleted(volume);
  }

  public UpdateControl<DrbdVolume> patchIfChanged(DrbdVolume volume, DrbdVolumeStatus status) {
    return common.patchIfChanged(volume, status);
  }

  void event(DrbdVolume volume, String type, String reason, String message) {
    common.event(volume, type, reason, message);
  }

  DeletionReporter deletion() {
    return common.deletion();
  }

  Duration retryAfter(boolean failed) {
    return common.retryAfter(failed);
  }
}
