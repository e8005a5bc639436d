package io.hastorage.operator.plan.pacemaker;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The changes that take the owned part of a CIB to the desired elements. Elements whose id lacks
 * {@link CibElement#OWNED_PREFIX} are invisible here: hand-made resources and the constraints that
 * crm-fence-peer adds are never replaced or deleted, whatever they hold.
 *
 * <p>Order matters because the CIB validates every single update against its schema, and a
 * constraint that names a missing resource is rejected:
 *
 * <ol>
 *   <li>delete constraints no longer wanted (they may name resources about to go);
 *   <li>create, then replace, resources (new constraints may name them);
 *   <li>replace, then create, constraints;
 *   <li>delete resources no longer wanted, last, once no owned constraint names them.
 * </ol>
 *
 * Within each group, creates and replaces keep the desired order and deletes keep CIB order. An
 * element that moved between resources and constraints is deleted and created again.
 *
 * <p>Deleting an owned resource that a hand-made constraint still names fails schema validation in
 * cibadmin; that is wanted: the step fails visibly instead of breaking someone else's constraint.
 */
public final class CibDiff {

  private CibDiff() {}

  /**
   * Compares canonical XML of each desired element with the CIB's element of the same id.
   *
   * @throws IllegalArgumentException if a desired element is not owned or an id repeats
   */
  public static List<CibChange> diff(List<CibElement> desired, Cib current) {
    return diff(desired, current, id -> true);
  }

  /**
   * Like {@link #diff(List, Cib)}, for one component among several that own CIB elements: only
   * owned elements whose id {@code managed} accepts are deleted when not desired. Without this, one
   * component's reconcile would delete another's elements (the StorageCluster's fence devices, a
   * DrbdVolume's clone).
   */
  public static List<CibChange> diff(
      List<CibElement> desired, Cib current, java.util.function.Predicate<String> managed) {
    Map<String, CibElement> wanted = new LinkedHashMap<>();
    for (CibElement element : desired) {
      if (!element.owned()) {
        throw new IllegalArgumentException("desired element is not owned: " + element);
      }
      if (wanted.putIfAbsent(element.id(), element) != null) {
        throw new IllegalArgumentException("desired id repeats: " + element.id());
      }
    }
    Buckets buckets = new Buckets();
    for (CibElement element : wanted.values()) {
      CibElement now = current.elements().get(element.id());
      if (now == null) {
        buckets.creates(element.scope()).add(CibChange.create(element));
      } else if (!now.scope().equals(element.scope())) {
        buckets.deletes(now.scope()).add(CibChange.delete(now));
        buckets.creates(element.scope()).add(CibChange.create(element));
      } else if (!now.xml().equals(element.xml())) {
        buckets.replaces(element.scope()).add(CibChange.replace(now, element));
      }
    }
    for (CibElement now : current.owned()) {
      if (!wanted.containsKey(now.id()) && managed.test(now.id())) {
        buckets.deletes(now.scope()).add(CibChange.delete(now));
      }
    }
    return buckets.inOrder();
  }

  /** Changes sorted by kind and scope, then concatenated in the class's documented order. */
  private static final class Buckets {
    private final Map<String, List<CibChange>> lists = new LinkedHashMap<>();

    List<CibChange> creates(String scope) {
      return list("create", scope);
    }

    List<CibChange> replaces(String scope) {
      return list("replace", scope);
    }

    List<CibChange> deletes(String scope) {
      return list("delete", scope);
    }

    private List<CibChange> list(String kind, String scope) {
      return lists.computeIfAbsent(kind + "/" + scope, k -> new ArrayList<>());
    }

    List<CibChange> inOrder() {
      List<CibChange> all = new ArrayList<>();
      all.addAll(deletes(CibElement.CONSTRAINTS));
      all.addAll(creates(CibElement.RESOURCES));
      all.addAll(replaces(CibElement.RESOURCES));
      all.addAll(replaces(CibElement.CONSTRAINTS));
      all.addAll(creates(CibElement.CONSTRAINTS));
      all.addAll(deletes(CibElement.RESOURCES));
      return all;
    }
  }
}
