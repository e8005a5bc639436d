package io.hastorage.operator.api.drbd;

import io.fabric8.crd.generator.annotation.AdditionalPrinterColumn;
import io.fabric8.kubernetes.api.model.Namespaced;
import io.fabric8.kubernetes.client.CustomResource;
import io.fabric8.kubernetes.model.annotation.Group;
import io.fabric8.kubernetes.model.annotation.ShortNames;
import io.fabric8.kubernetes.model.annotation.Version;
import io.hastorage.operator.api.common.ApiGroup;

/** A DRBD-replicated volume on the target pair, with LVM on top, promotable in Pacemaker. */
@Group(ApiGroup.GROUP)
@Version(ApiGroup.VERSION)
@ShortNames({"drbd", "dv"})
@AdditionalPrinterColumn(
    name = "Ready",
    jsonPath = ".status.conditions[?(@.type==\"Ready\")].status",
    type = AdditionalPrinterColumn.Type.STRING)
@AdditionalPrinterColumn(
    name = "Resource",
    jsonPath = ".spec.resourceName",
    type = AdditionalPrinterColumn.Type.STRING)
@AdditionalPrinterColumn(
    name = "Primary",
    jsonPath = ".status.primary",
    type = AdditionalPrinterColumn.Type.STRING)
@AdditionalPrinterColumn(
    name = "SplitBrain",
    jsonPath = ".status.splitBrain",
    type = AdditionalPrinterColumn.Type.BOOLEAN)
@AdditionalPrinterColumn(
    name = "Age",
    jsonPath = ".metadata.creationTimestamp",
    type = AdditionalPrinterColumn.Type.DATE)
public class DrbdVolume extends CustomResource<DrbdVolumeSpec, DrbdVolumeStatus>
    implements Namespaced {

  private static final long serialVersionUID = 1L;

  // No initStatus(): a status of {} where the API server has none makes the status JSON patch
  // address /status/conditions under a /status that does not exist, and the patch is rejected.
}
