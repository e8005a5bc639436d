package io.hastorage.operator.plan.ocfs2;

import io.hastorage.operator.observe.NodeFacts;
import io.hastorage.operator.plan.Decision;
import io.hastorage.operator.plan.Guard;
import java.util.Optional;

/**
 * May mkfs.ocfs2 run on this device? Only when {@link FilesystemCheck} finds it {@link
 * FilesystemCheck.Verdict#BLANK}; every other verdict is a refusal naming node, device and what was
 * found. (OURS and ADOPTED are refused too: the planner plans no mkfs for them, so reaching this
 * guard with one would be a planner bug.)
 */
public record FormatGuard(String device, String label, boolean adopt, Optional<String> knownUuid)
    implements Guard {

  public static final String ALREADY_FORMATTED = "AlreadyFormatted";

  @Override
  public Decision check(NodeFacts facts) {
    FilesystemCheck check = FilesystemCheck.of(facts, device, label, adopt, knownUuid);
    return switch (check.verdict()) {
      case BLANK -> Decision.allow();
      case OURS, ADOPTED -> Decision.refuse(ALREADY_FORMATTED, check.message());
      default -> Decision.refuse(check.reason(), check.message());
    };
  }
}
