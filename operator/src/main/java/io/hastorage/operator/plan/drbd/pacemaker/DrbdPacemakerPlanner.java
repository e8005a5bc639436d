package io.hastorage.operator.plan.drbd.pacemaker;

import io.hastorage.operator.api.drbd.DrbdVolume;
import io.hastorage.operator.plan.Step;
import io.hastorage.operator.plan.pacemaker.Cib;
import io.hastorage.operator.plan.pacemaker.CibChange;
import io.hastorage.operator.plan.pacemaker.CibDiff;
import io.hastorage.operator.plan.pacemaker.CibElement;
import io.hastorage.operator.plan.pacemaker.PacemakerPlanner;
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
  public static List<Step> plan(
      String node, DrbdVolume volume, PromotableSyntax syntax, int monitorSeconds, Cib cib) {
    List<CibElement> desired = DrbdPacemakerElements.desired(volume, syntax, monitorSeconds);
    return steps(node, CibDiff.diff(desired, cib, ids(desired)::contains));
  }

  /**
   * Steps that take the volume out of Pacemaker in two phases, so the VG is never still active on
   * the DRBD device when DRBD is demoted and stopped: first the constraints and the LVM-activate
   * resource (Pacemaker then stops it as an orphan); the clone only once the CIB holds neither and
   * {@code crm_mon} no longer lists the LVM resource as active. Empty while that stop is running.
   *
   * @param active the resources crm_mon shows active ({@link
   *     io.hastorage.operator.plan.pacemaker.ActiveResources}); empty when crm_mon could not be
   *     read
   */
  public static List<Step> remove(
      String node, DrbdVolume volume, Cib cib, java.util.Optional<Set<String>> active) {
    List<CibElement> elements = DrbdPacemakerElements.desired(volume);
    String clone = elements.get(0).id();
    String lvm = elements.get(1).id();
    Set<String> allButClone = ids(elements.subList(1, elements.size()));
    List<CibChange> first = CibDiff.diff(List.of(), cib, allButClone::contains);
    if (!first.isEmpty()) {
      return steps(node, first);
    }
    boolean lvmStopped = active.map(a -> !a.contains(lvm)).orElse(false);
    return lvmStopped ? steps(node, CibDiff.diff(List.of(), cib, clone::equals)) : List.of();
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
    return PacemakerPlanner.steps(node, changes, java.util.Map.of());
  }
}
