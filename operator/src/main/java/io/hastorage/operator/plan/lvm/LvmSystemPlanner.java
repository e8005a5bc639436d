package io.hastorage.operator.plan.lvm;

import io.hastorage.operator.api.cluster.LvmSystemSpec;
import io.hastorage.operator.node.FileWrite;
import io.hastorage.operator.node.SensitiveBytes;
import io.hastorage.operator.observe.NodeFacts;
import io.hastorage.operator.plan.Action;
import io.hastorage.operator.plan.ManagedFiles;
import io.hastorage.operator.plan.Step;
import java.util.List;

/** Plans lvmlocal.conf on one target node: one guarded write when the content differs. */
public final class LvmSystemPlanner {

  private LvmSystemPlanner() {}

  public static List<Step> plan(LvmSystemSpec spec, NodeFacts facts) {
    String content = LvmLocalConf.render(spec);
    if (facts
        .fileHash(LvmLocalConf.PATH)
        .filter(ManagedFiles.sha256(content)::equals)
        .isPresent()) {
      return List.of();
    }
    FileWrite file = new FileWrite(LvmLocalConf.PATH, SensitiveBytes.plain(content), "0644");
    return List.of(
        new Step(
            facts.nodeName(),
            "LVM: scan only DRBD and system disks, no auto-activation of cluster VGs",
            new LvmLocalConfGuard(spec),
            new Action.WriteFile(file)));
  }
}
