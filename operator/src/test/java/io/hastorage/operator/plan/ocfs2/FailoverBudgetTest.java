package io.hastorage.operator.plan.ocfs2;

import static org.assertj.core.api.Assertions.assertThat;

import io.hastorage.operator.api.cluster.CorosyncSpec;
import io.hastorage.operator.api.ocfs2.IscsiSettings;
import io.hastorage.operator.api.ocfs2.MultipathSettings;
import io.hastorage.operator.api.ocfs2.Ocfs2Settings;
import org.junit.jupiter.api.Test;

class FailoverBudgetTest {

  @Test
  void theDefaultsSurviveAFailoverWithRoomToSpare() {
    FailoverBudget.Result result = FailoverBudget.check(null, null, null, null);

    assertThat(result.safe()).isTrue();
    assertThat(result.failoverSeconds()).isEqualTo(36.6);
    assertThat(result.ioSurvivesSeconds()).isEqualTo(75.0);
    assertThat(result.deadSeconds()).isEqualTo(120.0);
    assertThat(result.explain())
        .startsWith("failover 36.6 s")
        .contains("I/O survives 75.0 s", "o2cb dead time 120.0 s");
  }

  @Test
  void aShortMultipathQueueIsRefusedWithTheArithmetic() {
    MultipathSettings multipath = new MultipathSettings();
    multipath.noPathRetry = 2;
    multipath.pollingIntervalSeconds = 5;

    FailoverBudget.Result result = FailoverBudget.check(null, null, multipath, null);

    assertThat(result.safe()).isFalse();
    assertThat(result.ioSurvivesSeconds()).isEqualTo(25.0);
    assertThat(result.explain()).contains("I/O would fail before the target is back");
  }

  @Test
  void aHeartbeatThresholdBelowTheFailoverIsRefused() {
    Ocfs2Settings ocfs2 = new Ocfs2Settings();
    ocfs2.heartbeatThreshold = 7;

    FailoverBudget.Result result = FailoverBudget.check(null, null, null, ocfs2);

    assertThat(result.deadSeconds()).isEqualTo(12.0);
    assertThat(result.problems()).singleElement().asString().contains("fence themselves");
  }

  @Test
  void aSlowerCorosyncTokenLengthensTheBudget() {
    CorosyncSpec corosync = new CorosyncSpec();
    corosync.tokenMs = 30000;
    corosync.consensusMs = 36000;
    IscsiSettings iscsi = new IscsiSettings();
    iscsi.replacementTimeoutSeconds = 5;

    FailoverBudget.Result result = FailoverBudget.check(corosync, iscsi, null, null);

    assertThat(result.failoverSeconds()).isEqualTo(96.0);
    assertThat(result.ioSurvivesSeconds()).isEqualTo(65.0);
    assertThat(result.problems()).singleElement().asString().contains("I/O would fail");
  }
}
