package io.hastorage.operator.plan.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import io.hastorage.operator.plan.Action;
import io.hastorage.operator.plan.ManagedFiles;
import io.hastorage.operator.testing.FactsBuilder;
import java.util.List;
import org.junit.jupiter.api.Test;

class ClusterLayerPlannerTest {

  private static final String CONF = "/etc/corosync/corosync.conf";
  private static final String HAND_MADE = "totem {\n  version: 2\n  cluster_name: seed\n}\n";

  @Test
  void aHandMadeCorosyncConfIsCopiedOnceBeforeTheFirstOverwrite() {
    var step =
        ClusterLayerPlanner.backupOfForeignConf(
            new FactsBuilder("centos01").content(CONF, HAND_MADE).build());

    assertThat(step).isPresent();
    assertThat(((Action.RunCommand) step.get().action()).command().argv())
        .isEqualTo(
            List.of(
                "cp", "-p", "--", CONF, "/etc/corosync/corosync.conf.before-ha-iscsi-operator"));
  }

  @Test
  void noCopyOfOurOwnFileNorASecondCopyNorOfNothing() {
    String ours = ManagedFiles.header("#") + "totem {}\n";
    assertThat(
            ClusterLayerPlanner.backupOfForeignConf(
                new FactsBuilder("c").content(CONF, ours).build()))
        .isEmpty();
    assertThat(
            ClusterLayerPlanner.backupOfForeignConf(
                new FactsBuilder("c")
                    .content(CONF, HAND_MADE)
                    .file(ClusterLayerPlanner.CONF_BACKUP, "a".repeat(64))
                    .build()))
        .isEmpty();
    assertThat(ClusterLayerPlanner.backupOfForeignConf(new FactsBuilder("c").build())).isEmpty();
  }
}
