package io.hastorage.operator.plan.pacemaker;

import io.hastorage.operator.api.cluster.StorageClusterSpec;
import io.hastorage.operator.plan.Action;
import io.hastorage.operator.plan.Step;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Plans the Pacemaker configuration of a StorageCluster: cluster properties and the owned CIB
 * elements (fence devices and their constraints), as steps for the one node the caller chose to
 * push CIB changes through. Pure: (spec, secret values, CIB as queried) to steps. A converged CIB
 * gives an empty list, so nothing is pushed when nothing differs.
 *
 * <p>Step order:
 *
 * <ol>
 *   <li>turning fencing off (an unfenced lab losing its last device) comes first, so the cluster
 *       never runs with stonith-enabled=true and no device, even for a moment;
 *   <li>element changes, in {@link CibDiff}'s order;
 *   <li>all other properties last, so stonith-enabled=true is set once the devices exist.
 * </ol>
 *
 * <p>Each change is one step: a failure stops the node's plan there, and the next reconcile queries
 * the CIB again and plans only what is still missing.
 */
public final class PacemakerPlanner {

  private PacemakerPlanner() {}

  /**
   * @param node the node whose cibadmin applies the changes (any online cluster member)
   * @param secretValues secret parameter values keyed {@link PacemakerElements#secretKey}
   * @param current the CIB as {@code cibadmin --query} printed it on that node
   * @throws IllegalArgumentException if the spec fails validation or a secret value is missing
   */
  public static List<Step> plan(
      String node, StorageClusterSpec spec, Map<String, String> secretValues, Cib current) {
    Objects.requireNonNull(node, "node");
    List<PropertyChange> properties =
        PropertyDiff.diff(PacemakerElements.desiredProperties(spec), current);
    List<CibChange> changes =
        CibDiff.diff(
            PacemakerElements.desired(spec, secretValues),
            current,
            PacemakerElements::managedByCluster);
    List<Step> steps = new ArrayList<>();
    properties.stream().filter(PacemakerPlanner::disablesFencing).forEach(p -> add(node, p, steps));
    for (CibChange change : changes) {
      boolean secret = holdsSecret(change.element(), secretValues);
      steps.add(
          Step.of(
              node,
              change.toString(),
              new Action.RunCommand(PacemakerCommands.apply(change, secret))));
    }
    properties.stream().filter(p -> !disablesFencing(p)).forEach(p -> add(node, p, steps));
    return steps;
  }

  private static void add(String node, PropertyChange change, List<Step> steps) {
    steps.add(
        Step.of(
            node,
            "set cluster property " + change,
            new Action.RunCommand(PacemakerCommands.setProperty(change.name(), change.value()))));
  }

  private static boolean disablesFencing(PropertyChange change) {
    return change.name().equals(PacemakerElements.STONITH_ENABLED)
        && change.value().equals("false");
  }

  /**
   * One step per CIB change, on the node that pushes them; a change whose XML holds a secret value
   * sends it on stdin, marked secret.
   */
  public static List<Step> steps(
      String node, List<CibChange> changes, Map<String, String> secretValues) {
    return changes.stream()
        .map(
            change ->
                Step.of(
                    node,
                    change.toString(),
                    new Action.RunCommand(
                        PacemakerCommands.apply(
                            change, holdsSecret(change.element(), secretValues)))))
        .toList();
  }

  /**
   * Whether any secret value occurs in the element's XML, raw or escaped. Over-marking is harmless
   * (stdin shows as "redacted" instead of its size); under-marking would only reveal the size.
   */
  public static boolean holdsSecret(CibElement element, Map<String, String> secretValues) {
    return secretValues.values().stream()
        .filter(v -> v != null && !v.isEmpty())
        .anyMatch(
            v ->
                element.xml().contains(v)
                    || element.xml().contains(CanonicalXml.escapeAttribute(v)));
  }
}
