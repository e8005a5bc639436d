package io.hastorage.operator.plan.drbd;

import io.hastorage.operator.observe.NodeFacts;
import io.hastorage.operator.observe.ProbeItem;
import io.hastorage.operator.observe.drbd.DrbdKernelStatus;
import io.hastorage.operator.observe.drbd.DrbdStatusJsonParser;
import io.hastorage.operator.observe.drbd.ProcDrbdParser;
import java.util.Optional;

/** A node's DRBD state in the neutral model: /proc/drbd on 8.4, drbdsetup's JSON on 9. */
public final class DrbdState {

  static final String PROC_DRBD = "proc-drbd"; // part of every node's base probe
  static final ProbeItem STATUS_JSON =
      ProbeItem.of("drbd-status-json", "drbdsetup", "status", "--json");

  private DrbdState() {}

  public static Optional<DrbdKernelStatus> of(NodeFacts facts) {
    Optional<DrbdSyntax> syntax = DrbdSyntax.forNode(facts);
    if (syntax.isEmpty()) {
      return Optional.empty();
    }
    try {
      return syntax.get() == DrbdSyntax.V84
          ? facts.raw().okOutput(PROC_DRBD).map(ProcDrbdParser::parse)
          : facts.raw().okOutput(STATUS_JSON.name()).map(DrbdStatusJsonParser::parse);
    } catch (IllegalArgumentException e) {
      return Optional.empty(); // output not in the tool's form: unknown, never "all fine"
    }
  }
}
