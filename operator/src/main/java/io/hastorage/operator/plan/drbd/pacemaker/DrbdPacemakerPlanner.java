package io.hastorage.operator.plan.drbd.pacemaker;

import io.hastorage.operator.api.drbd.DrbdVolume;
import io.hastorage.operator.plan.Action;
import io.hastorage.operator.plan.Step;
import io.hastorage.operator.plan.pacemaker.Cib;
import io.hastorage.operator.plan.pacemaker.CibChange;
import io.hastorage.operator.plan.pacemaker.CibDiff;
import io.hastorage.operator.plan.pacemaker.CibElement;
import io.hastorage.operator.plan.pacemaker.PacemakerCommands;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * The CIB changes for one DrbdVolume, as steps on the node that pushes them. The diff is scoped to
 * the volume's own ids: other owned elements (the StorageCluster's fence devices, another volume's
 * clone) are never deleted by this volume's reconcile.
 */
public final class DrbdPacemakerPlanner {

  private DrbdPacemakerPlanner() {}

  /** Steps that make the CIB hold exactly the volume's elements, in the cluster's dialect. */
  public static List<Step> plan(String node, DrbdVolume volume, PromotableSyntax syntax, Cib cib) {
    List<CibElement> desired = DrbdPacemakerElements.desired(volume, syntax);
    return steps(node, CibDiff.diff(desired, cib, ids(desired)::contains));
  }

  /** Steps that remove every element of the volume (constraints first, the clone last). */
  public static List<Step> remove(String node, DrbdVolume volume, Cib cib) {
    List<CibChange> deletes =
        new ArrayList<>(
            CibDiff.diff(List.of(), cib, ids(DrbdPacemakerElements.desired(volume))::contains));
    // CibDiff deletes resources in CIB order, where the clone precedes the LVM resource: move it
    // last, so the VG on the DRBD device is deactivated before DRBD is demoted and stopped.
    String clone = DrbdPacemakerElements.cloneId(volume.getSpec().resourceName);
    deletes.sort(Comparator.comparing(change -> change.element().id().equals(clone)));
    return steps(node, deletes);
  }

  /** Whether any of the volume's elements is still in the CIB. */
  public static boolean present(DrbdVolume volume, Cib cib) {
    return ids(DrbdPacemakerElements.desired(volume)).stream()
        .anyMatch(id -> cib.element(id).isPresent());
  }

  private static Set<String> ids(List<CibElement> elements) {
    return elements.stream().map(CibElement::id).collect(Collectors.toSet());
  }

  private static List<Step> steps(String node, List<CibChange> changes) {
    return changes.stream()
        .map(
            change ->
                Step.of(
                    node,
                    change.toString(),
                    new Action.RunCommand(PacemakerCommands.apply(change, false))))
        .toList();
  }
}
