package io.hastorage.operator.plan;

import io.hastorage.operator.observe.NodeFacts;

/**
 * A predicate on the node's facts that must allow a step before it runs. Guards are pure; risky
 * decisions are chains of such checks (cert-manager style) returning a reason and message.
 */
@FunctionalInterface
public interface Guard {

  Guard ALWAYS = facts -> Decision.allow();

  Decision check(NodeFacts facts);

  /** This guard, then {@code next} if this one allowed. */
  default Guard and(Guard next) {
    return facts -> {
      Decision first = check(facts);
      return first.allowed() ? next.check(facts) : first;
    };
  }
}
