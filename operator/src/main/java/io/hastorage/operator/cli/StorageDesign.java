package io.hastorage.operator.cli;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.hastorage.operator.api.Manifests;
import io.hastorage.operator.api.cluster.PacemakerSpec;
import io.hastorage.operator.api.cluster.StorageCluster;
import io.hastorage.operator.api.drbd.DrbdVolume;
import io.hastorage.operator.api.scst.ScstTarget;
import io.hastorage.operator.observe.OsInfo;
import io.hastorage.operator.plan.drbd.DrbdResourceConfig;
import io.hastorage.operator.plan.drbd.DrbdResourceRenderer;
import io.hastorage.operator.plan.drbd.DrbdSyntax;
import io.hastorage.operator.plan.drbd.pacemaker.DrbdPacemakerElements;
import io.hastorage.operator.plan.drbd.pacemaker.PromotableSyntax;
import io.hastorage.operator.plan.pacemaker.CibElement;
import io.hastorage.operator.plan.scst.LunIdentity;
import io.hastorage.operator.plan.scst.ScstTargetElements;
import io.hastorage.operator.plan.scst.TargetRenderContext;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * What the plan command shows for a DrbdVolume and an ScstTarget: the resource file and the CIB
 * elements the operator renders, in the dialects the assumed target OS ships. Their node steps
 * depend on each other's observed progress (metadata, sync, promotion), so offline the command
 * shows the design rather than guessing a sequence.
 */
final class StorageDesign {

  /** Stands in for the shared secret, which the plan command never reads. */
  static final String SECRET_PLACEHOLDER = "SHARED-SECRET-FROM-THE-SECRET";

  private StorageDesign() {}

  /** The Pacemaker and DRBD the distribution ships: CentOS 7 has 1.1 and DRBD 8.4. */
  static PromotableSyntax pacemaker(OsInfo os) {
    return os.id().equals("centos") && os.versionId().startsWith("7")
        ? PromotableSyntax.MASTER_SLAVE_1_1
        : PromotableSyntax.PROMOTABLE_CLONE_2_1;
  }

  static DrbdSyntax drbd(OsInfo os) {
    return os.id().equals("rocky") ? DrbdSyntax.V9 : DrbdSyntax.V84;
  }

  static void volume(
      DrbdVolume volume, List<HasMetadata> resources, OsInfo targetOs, PlanPrinter printer) {
    Optional<StorageCluster> cluster = cluster(resources, volume.getSpec().clusterRef.name);
    String name = volume.getMetadata().getName();
    if (cluster.isEmpty()) {
      printer.note(
          "DrbdVolume " + name + ": no StorageCluster " + volume.getSpec().clusterRef.name);
      return;
    }
    DrbdSyntax syntax = drbd(targetOs);
    printer.note(
        "DrbdVolume "
            + name
            + ": DRBD resource "
            + volume.getSpec().resourceName
            + " on both targets, then LVM on the primary, then handed to Pacemaker");
    printer.note("");
    printer.note(
        "== "
            + DrbdResourceRenderer.path(volume.getSpec().resourceName)
            + " (DRBD "
            + syntax
            + " syntax, mode "
            + DrbdResourceRenderer.FILE_MODE
            + "; the shared secret comes from Secret "
            + volume.getSpec().sharedSecretRef.name
            + ") ==");
    DrbdResourceConfig config =
        DrbdResourceConfig.from(volume.getSpec(), cluster.get().getSpec(), SECRET_PLACEHOLDER);
    printer.block(DrbdResourceRenderer.render(config, syntax));
    elements(
        "Pacemaker " + pacemaker(targetOs),
        DrbdPacemakerElements.desired(
            volume,
            pacemaker(targetOs),
            cluster.get().getSpec().pacemakerOrEmpty().monitorIntervalOrDefault()),
        printer);
  }

  static void target(
      ScstTarget target, List<HasMetadata> resources, OsInfo targetOs, PlanPrinter printer) {
    Map<String, DrbdVolume> volumes =
        Manifests.ofKind(resources, DrbdVolume.class).stream()
            .collect(Collectors.toMap(v -> v.getMetadata().getName(), Function.identity()));
    int monitorSeconds =
        Manifests.ofKind(resources, StorageCluster.class).stream()
            .filter(c -> c.getMetadata().getName().equals(target.getSpec().clusterRef.name))
            .findFirst()
            .map(c -> c.getSpec().pacemakerOrEmpty().monitorIntervalOrDefault())
            .orElse(PacemakerSpec.DEFAULT_MONITOR_INTERVAL_SECONDS);
    TargetRenderContext context =
        TargetRenderContext.of(volumes)
            .withSyntax(pacemaker(targetOs))
            .withMonitorSeconds(monitorSeconds);
    printer.note(
        "ScstTarget "
            + target.getMetadata().getName()
            + ": "
            + target.getSpec().iqn
            + " as the seed runs it (scst-ocf agents); pushed once its DrbdVolumes are Ready");
    for (var lun : target.getSpec().luns) {
      LunIdentity id = LunIdentity.of(target.getSpec().iqn, lun.number);
      printer.note(
          "   LUN "
              + lun.number
              + " "
              + lun.deviceName
              + ": scsi_sn "
              + id.serial()
              + ", t10_dev_id "
              + id.t10DevId()
              + " on both nodes, for the LUN's lifetime");
    }
    elements(
        "Pacemaker " + pacemaker(targetOs), ScstTargetElements.desired(target, context), printer);
  }

  private static void elements(String title, List<CibElement> elements, PlanPrinter printer) {
    printer.note("");
    printer.note("== CIB elements (" + title + "; cibadmin --create/--replace, owned ids only) ==");
    for (CibElement element : elements) {
      printer.note(element.scope() + ": " + element.id());
      printer.block(element.xml().replace("><", ">\n<"));
    }
  }

  private static Optional<StorageCluster> cluster(List<HasMetadata> resources, String name) {
    return Manifests.ofKind(resources, StorageCluster.class).stream()
        .filter(c -> name.equals(c.getMetadata().getName()))
        .findFirst();
  }
}
