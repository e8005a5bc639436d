package io.hastorage.operator.observe;

import io.hastorage.operator.node.NodeAccessException;
import java.util.Optional;

/** The outcome of observing one node: facts, or why the node could not be observed. */
public record Observation(
    String nodeName, NodeFacts facts, NodeAccessException.Failure failure, String message) {

  public static Observation reached(NodeFacts facts) {
    return new Observation(facts.nodeName(), facts, null, "");
  }

  public static Observation unreached(
      String node, NodeAccessException.Failure failure, String message) {
    return new Observation(node, null, failure, message);
  }

  public boolean isReached() {
    return facts != null;
  }

  public Optional<NodeFacts> factsIfReached() {
    return Optional.ofNullable(facts);
  }
}
