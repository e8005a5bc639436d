package io.hastorage.operator.api.scst;

import io.fabric8.crd.generator.annotation.AdditionalPrinterColumn;
import io.fabric8.kubernetes.api.model.Namespaced;
import io.fabric8.kubernetes.client.CustomResource;
import io.fabric8.kubernetes.model.annotation.Group;
import io.fabric8.kubernetes.model.annotation.ShortNames;
import io.fabric8.kubernetes.model.annotation.Version;
import io.hastorage.operator.api.common.ApiGroup;

/** The highly available iSCSI target: IQN, portals (VIPs) and LUNs under Pacemaker. */
@Group(ApiGroup.GROUP)
@Version(ApiGroup.VERSION)
@ShortNames({"scst", "target"})
@AdditionalPrinterColumn(
    name = "Ready",
    jsonPath = ".status.conditions[?(@.type==\"Ready\")].status",
    type = AdditionalPrinterColumn.Type.STRING)
@AdditionalPrinterColumn(
    name = "IQN",
    jsonPath = ".spec.iqn",
    type = AdditionalPrinterColumn.Type.STRING)
@AdditionalPrinterColumn(
    name = "Active",
    jsonPath = ".status.activeNode",
    type = AdditionalPrinterColumn.Type.STRING)
@AdditionalPrinterColumn(
    name = "Age",
    jsonPath = ".metadata.creationTimestamp",
    type = AdditionalPrinterColumn.Type.DATE)
public class ScstTarget extends CustomResource<ScstTargetSpec, ScstTargetStatus>
    implements Namespaced {

  private static final long serialVersionUID = 1L;

  // No initStatus(): a status of {} where the API server has none makes the status JSON patch
  // address /status/conditions under a /status that does not exist, and the patch is rejected.
}
