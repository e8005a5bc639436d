package io.hastorage.operator.api.ocfs2;

import io.fabric8.crd.generator.annotation.AdditionalPrinterColumn;
import io.fabric8.kubernetes.api.model.Namespaced;
import io.fabric8.kubernetes.client.CustomResource;
import io.fabric8.kubernetes.model.annotation.Group;
import io.fabric8.kubernetes.model.annotation.ShortNames;
import io.fabric8.kubernetes.model.annotation.Version;
import io.hastorage.operator.api.common.ApiGroup;

/** An OCFS2 file system on an iSCSI LUN, mounted through multipath on every initiator. */
@Group(ApiGroup.GROUP)
@Version(ApiGroup.VERSION)
@ShortNames({"ocfs2", "o2m"})
@AdditionalPrinterColumn(
    name = "Ready",
    jsonPath = ".status.conditions[?(@.type==\"Ready\")].status",
    type = AdditionalPrinterColumn.Type.STRING)
@AdditionalPrinterColumn(
    name = "MountPoint",
    jsonPath = ".spec.mountPoint",
    type = AdditionalPrinterColumn.Type.STRING)
@AdditionalPrinterColumn(
    name = "Mounted",
    jsonPath = ".status.mounted",
    type = AdditionalPrinterColumn.Type.STRING)
@AdditionalPrinterColumn(
    name = "Age",
    jsonPath = ".metadata.creationTimestamp",
    type = AdditionalPrinterColumn.Type.DATE)
public class Ocfs2Mount extends CustomResource<Ocfs2MountSpec, Ocfs2MountStatus>
    implements Namespaced {

  private static final long serialVersionUID = 1L;

  // No initStatus(): a status of {} where the API server has none makes the status JSON patch
  // address /status/conditions under a /status that does not exist, and the patch is rejected.
}
