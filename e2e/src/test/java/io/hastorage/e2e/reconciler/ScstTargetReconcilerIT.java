package io.hastorage.e2e.reconciler;

import static org.assertj.core.api.Assertions.assertThat;

import io.hastorage.operator.api.scst.ScstTargetStatus;
import io.javaoperatorsdk.operator.api.reconciler.DeleteControl;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The ScstTarget reconciler against the embedded API and the simulated targets, whose simulated
 * Pacemaker places the target group on the DRBD primary and fails it over when that node crashes.
 */
class ScstTargetReconcilerIT {

  private DrbdVolumeHarness harness;

  @BeforeEach
  void start() throws Exception {
    harness = new DrbdVolumeHarness();
  }

  @AfterEach
  void stop() {
    harness.close();
  }

  private void converge() throws Exception {
    harness.convergeCluster();
    harness.converge(12);
    harness.publishVolumeStatus();
    for (int i = 0; i < 4 && !"True".equals(harness.targetCondition("Ready").getStatus()); i++) {
      harness.reconcileTarget();
    }
  }

  @Test
  void waitsForItsVolumeThenServesOnTheDrbdPrimary() throws Exception {
    harness.convergeCluster();
    harness.reconcileTarget();
    assertThat(harness.targetCondition("VolumesReady").getReason()).isEqualTo("WaitingForVolume");
    assertThat(harness.env.fleet().cluster().cibXml()).doesNotContain("hastorage-target-");

    converge();

    ScstTargetStatus status = harness.target.getStatus();
    assertThat(harness.targetCondition("Ready").getStatus()).isEqualTo("True");
    assertThat(status.activeNode).isEqualTo("centos01");
    assertThat(status.agents).isEqualTo("SCST_OCF");
    assertThat(status.portals)
        .extracting(p -> p.ip + ":" + p.port + " " + p.up)
        .containsExactlyInAnyOrder("192.168.0.180:3260 true", "10.20.1.180:3260 true");
    assertThat(status.luns)
        .singleElement()
        .satisfies(
            l -> {
              assertThat(l.scsiSn).isEqualTo("c92c0be658a9f208");
              assertThat(l.t10DevId).isEqualTo("c92c0be658a9f208-05662715");
            });
    assertThat(harness.env.fleet().cluster().cibXml())
        .contains("hastorage-target-vg1-target", "ocf", "SCSTTarget", "SCSTLun");
  }

  @Test
  void aConvergedTargetChangesNothing() throws Exception {
    converge();
    int changes = harness.changes();

    harness.reconcileTarget();

    assertThat(harness.changes()).isEqualTo(changes);
  }

  @Test
  void aCrashedPrimaryMovesTheTargetAndSaysSo() throws Exception {
    converge();

    harness.env.fleet().crash("centos01");
    harness.reconcileTarget();

    assertThat(harness.target.getStatus().activeNode).isEqualTo("centos02");
    assertThat(harness.events("Failover")).isEqualTo(1);
    assertThat(
            harness
                .env
                .registry()
                .get("hastorage_target_failovers")
                .tag("from", "centos01")
                .tag("to", "centos02")
                .counter()
                .count())
        .isEqualTo(1.0);
    assertThat(harness.target.getStatus().luns.get(0).t10DevId)
        .as("the LUN keeps its identity on the other node")
        .isEqualTo("c92c0be658a9f208-05662715");
  }

  @Test
  void deletingRemovesOnlyTheTargetsCibElements() throws Exception {
    converge();

    DeleteControl control = harness.cleanupTarget();
    for (int i = 0; i < 3 && !control.isRemoveFinalizer(); i++) {
      control = harness.cleanupTarget();
    }

    assertThat(control.isRemoveFinalizer()).isTrue();
    assertThat(harness.env.fleet().cluster().cibXml())
        .doesNotContain("hastorage-target-vg1-target")
        .contains("hastorage-drbd-vg1-clone", "hastorage-lvm-vg1");
  }
}
