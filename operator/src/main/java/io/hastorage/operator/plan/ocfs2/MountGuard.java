package io.hastorage.operator.plan.ocfs2;

import io.hastorage.operator.observe.NodeFacts;
import io.hastorage.operator.plan.Decision;
import io.hastorage.operator.plan.Guard;
import java.util.Optional;

/** May the device be mounted here? Only when this node sees this mount's (or an adopted) OCFS2. */
public record MountGuard(String device, String label, boolean adopt, Optional<String> knownUuid)
    implements Guard {

  public static final String NOT_FORMATTED = "NotFormatted";

  @Override
  public Decision check(NodeFacts facts) {
    FilesystemCheck check = FilesystemCheck.of(facts, device, label, adopt, knownUuid);
    if (check.mountable()) {
      return Decision.allow();
    }
    return Decision.refuse(
        check.verdict() == FilesystemCheck.Verdict.BLANK ? NOT_FORMATTED : check.reason(),
        check.message());
  }
}
