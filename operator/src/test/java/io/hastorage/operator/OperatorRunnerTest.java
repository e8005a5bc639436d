package io.hastorage.operator;

import static org.assertj.core.api.Assertions.assertThat;

import io.hastorage.operator.config.OperatorConfig;
import io.javaoperatorsdk.operator.api.config.LeaderElectionConfiguration;
import java.util.Map;
import org.junit.jupiter.api.Test;

class OperatorRunnerTest {

  @Test
  void leaderElectionUsesTheConfiguredLease() {
    LeaderElectionConfiguration election =
        OperatorRunner.leaderElection(
            OperatorConfig.from(
                Map.of(
                    "HASTORAGE_LEASE_NAME",
                    "storage-operator",
                    "HASTORAGE_LEASE_NAMESPACE",
                    "ha-iscsi-system")));

    assertThat(election.getLeaseName()).isEqualTo("storage-operator");
    assertThat(election.getLeaseNamespace()).contains("ha-iscsi-system");
  }

  @Test
  void withoutANamespaceTheLeaseLivesWhereTheOperatorRuns() {
    LeaderElectionConfiguration election = OperatorRunner.leaderElection(OperatorConfig.defaults());

    assertThat(election.getLeaseName()).isEqualTo("ha-iscsi-operator");
    assertThat(election.getLeaseNamespace()).isEmpty();
  }
}
