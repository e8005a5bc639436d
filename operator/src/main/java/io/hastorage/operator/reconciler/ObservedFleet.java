package io.hastorage.operator.reconciler;

import io.hastorage.operator.api.cluster.ClusterNode;
import io.hastorage.operator.apply.Convergence;
import io.hastorage.operator.apply.StepOutcome;
import io.hastorage.operator.node.NodeShell;
import io.hastorage.operator.observe.NodeFacts;
import io.hastorage.operator.observe.Observation;
import io.hastorage.operator.observe.ProbeRequest;
import io.hastorage.operator.plan.Plan;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * The nodes one reconcile works on: opened through {@link NodeAccess}, each probed once (in
 * parallel), with an observation for every node, a refusal standing in for those without access.
 */
final class ObservedFleet {

  private final Map<String, NodeShell> shells;
  private final Map<String, Observation> observations;
  private final Convergence convergence;

  private ObservedFleet(
      Map<String, NodeShell> shells,
      Map<String, Observation> observations,
      Convergence convergence) {
    this.shells = shells;
    this.observations = observations;
    this.convergence = convergence;
  }

  static ObservedFleet observe(
      NodeAccess access,
      Convergence convergence,
      String namespace,
      List<ClusterNode> nodes,
      Function<ClusterNode, ProbeRequest> probe)
      throws InterruptedException {
    List<NodeAccess.Handle> handles = access.open(namespace, nodes);
    Map<String, NodeShell> shells = new LinkedHashMap<>();
    handles.stream()
        .filter(h -> h.shell() != null)
        .forEach(h -> shells.put(h.node().name, h.shell()));
    Map<String, ClusterNode> byName =
        nodes.stream().collect(Collectors.toMap(n -> n.name, Function.identity()));
    Map<String, Observation> observed =
        convergence.observe(shells, node -> probe.apply(byName.get(node)));
    Map<String, Observation> all = new LinkedHashMap<>();
    for (NodeAccess.Handle handle : handles) {
      all.put(
          handle.node().name,
          handle.refusal() != null ? handle.refusal() : observed.get(handle.node().name));
    }
    return new ObservedFleet(shells, all, convergence);
  }

  Map<String, Observation> observations() {
    return observations;
  }

  /** The facts of the nodes that answered. */
  Map<String, NodeFacts> facts() {
    Map<String, NodeFacts> facts = new LinkedHashMap<>();
    observations.forEach((node, o) -> o.factsIfReached().ifPresent(f -> facts.put(node, f)));
    return facts;
  }

  Map<String, StepOutcome> apply(Plan plan) throws InterruptedException {
    return convergence.apply(shells, facts(), plan);
  }
}
