package io.hastorage.operator.observe;

import io.hastorage.operator.node.NodeAccessException;
import java.util.Optional;

/** The outcome of observing one node: facts, or why the node could not be observed. */
public record Observation(String nodeName, NodeFacts facts, String reason, String message) {

  public static Observation reached(NodeFacts facts) {
    return new Observation(facts.nodeName(), facts, "", "");
  }

  public static Observation unreached(
      String node, NodeAccessException.Failure failure, String message) {
    return new Observation(node, null, failure.name(), message);
  }

  /** The node's credentials could not be read (missing Secret or key); reason is CamelCase. */
  public static Observation withoutCredentials(String node, String reason, String message) {
    return new Observation(node, null, reason, message);
  }

  public boolean isReached() {
    return facts != null;
  }

  public Optional<NodeFacts> factsIfReached() {
    return Optional.ofNullable(facts);
  }
}
