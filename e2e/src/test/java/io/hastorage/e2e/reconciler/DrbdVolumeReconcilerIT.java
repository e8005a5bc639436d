package io.hastorage.e2e.reconciler;

import static org.assertj.core.api.Assertions.assertThat;

import io.hastorage.e2e.sim.DiskSignature;
import io.hastorage.e2e.sim.SimulatedNode;
import io.hastorage.operator.api.common.DeletionPolicy;
import io.hastorage.operator.api.drbd.DrbdVolume;
import io.hastorage.operator.api.drbd.DrbdVolumeStatus;
import io.javaoperatorsdk.operator.api.reconciler.DeleteControl;
import io.javaoperatorsdk.operator.api.reconciler.UpdateControl;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The DrbdVolume reconciler against the embedded API and the simulated targets over real SSH: the
 * issue's acceptance scenarios (a disk in use, a crash during bootstrap, split brain, a converged
 * volume, LV growth) and deletion.
 */
class DrbdVolumeReconcilerIT {

  private static final String RESOURCE = "vg1";

  private DrbdVolumeHarness harness;

  @BeforeEach
  void start() throws Exception {
    harness = new DrbdVolumeHarness();
  }

  @AfterEach
  void stop() {
    harness.close();
  }

  @Test
  void buildsTheVolumeOnceTheClusterConvergedAndHandsItToPacemaker() throws Exception {
    harness.reconcile();
    assertThat(harness.condition("ClusterAvailable").getReason()).isEqualTo("WaitingForCluster");
    assertThat(harness.changes()).as("nothing changes before the cluster converged").isZero();

    harness.convergeCluster();
    harness.converge(12);

    DrbdVolumeStatus status = harness.volume.getStatus();
    assertThat(status.primary).isEqualTo("centos01");
    assertThat(status.initialSyncStarted).isTrue();
    assertThat(status.nodes)
        .extracting(n -> n.node + " " + n.role + " " + n.connectionState + " " + n.diskState)
        .containsExactlyInAnyOrder(
            "centos01 Primary Connected UpToDate", "centos02 Secondary Connected UpToDate");
    assertThat(harness.env.fleet().replication().logicalVolumes(RESOURCE)).containsKey("vg1/lun1");
    String cib = harness.env.fleet().cluster().cibXml();
    assertThat(cib)
        .contains(
            "hastorage-drbd-vg1-clone",
            "hastorage-lvm-vg1",
            "hastorage-colocation-lvm-vg1-with-drbd-vg1",
            "hastorage-order-drbd-vg1-before-lvm-vg1");
    assertThat(forced("centos01")).isEqualTo(1);
    assertThat(forced("centos02")).isZero();
    assertThat(harness.node("centos01").readText("/etc/drbd.d/vg1.res"))
        .hasValueSatisfying(text -> assertThat(text).contains(harness.env.drbdSecret()));
    assertThat(harness.volume.getStatus().conditions.toString())
        .doesNotContain(harness.env.drbdSecret());
    allCommands().forEach(c -> assertThat(c).doesNotContain(harness.env.drbdSecret()));
  }

  @Test
  void aDiskWithAFileSystemIsRefusedAndNothingIsWritten() throws Exception {
    harness
        .node("centos02")
        .disks()
        .sign("/dev/sdb", DiskSignature.ext4("data", "0f4e0d8c-3c5e-4f7e-9d2a-6a1b2c3d4e5f"));
    harness.convergeCluster();
    int changes = harness.changes();

    for (int i = 0; i < 3; i++) {
      harness.reconcile();
    }

    assertThat(harness.condition("Converged").getReason()).isEqualTo("DiskInUse");
    assertThat(harness.condition("Converged").getMessage())
        .contains("centos02", "/dev/sdb", "ext4", "adoptExistingData");
    assertThat(harness.condition("Ready").getStatus()).isEqualTo("False");
    assertThat(harness.changes()).as("no command that writes ran on any node").isEqualTo(changes);
    assertThat(allCommands()).noneMatch(c -> c.contains("create-md"));
    assertThat(harness.node("centos02").disks().signatures("/dev/sdb"))
        .extracting(DiskSignature::type)
        .containsExactly("ext4");
  }

  @Test
  void aCrashAfterCreateMdAndDuringTheFirstSyncResumesWithoutASecondForce() throws Exception {
    harness.convergeCluster();
    harness.env.fleet().replication().setReadsToSync(40);
    harness.node("centos01").failures().failNext("drbdadm up", 1, 137, "Killed");
    harness.reconcile(); // file and metadata on both; centos01 "crashes" before up

    harness.restartOperator();
    harness.reconcile(); // up on centos01
    harness.reconcile(); // primary --force: the first sync starts
    harness.restartOperator(); // crash during the sync
    for (int i = 0; i < 4; i++) {
      harness.reconcile();
    }

    assertThat(forced("centos01")).as("primary --force ran exactly once").isEqualTo(1);
    assertThat(createMds()).as("create-md once per node").isEqualTo(2);
    assertThat(harness.condition("ReplicationHealthy").getReason()).isEqualTo("Syncing");
    assertThat(harness.condition("ReplicationHealthy").getMessage()).contains("%", "out of sync");
    assertThat(harness.volume.getStatus().nodes)
        .anySatisfy(n -> assertThat(n.syncProgressPercent).isNotNull());

    harness.env.fleet().replication().setReadsToSync(1);
    harness.converge(8);
    assertThat(forced("centos01")).isEqualTo(1);
  }

  @Test
  void splitBrainIsReportedAndNeverResolved() throws Exception {
    harness.convergeCluster();
    harness.converge(12);
    int changes = harness.changes();

    harness.env.fleet().replication().splitBrain(RESOURCE);
    harness.reconcile();
    harness.reconcile();

    assertThat(harness.condition("ReplicationHealthy").getReason()).isEqualTo("SplitBrain");
    assertThat(harness.condition("ReplicationHealthy").getMessage())
        .contains("centos01", "centos02", "docs/drbd-split-brain.md");
    assertThat(harness.condition("Degraded").getReason()).isEqualTo("SplitBrain");
    assertThat(harness.volume.getStatus().splitBrain).isTrue();
    assertThat(harness.volume.getStatus().nodes)
        .allSatisfy(n -> assertThat(n.splitBrainDetectedAt).isNotNull());
    assertThat(harness.events("SplitBrain")).isPositive();
    assertThat(
            harness
                .env
                .registry()
                .get("hastorage_drbd_split_brain")
                .tag("name", RESOURCE)
                .gauge()
                .value())
        .isEqualTo(1.0);
    assertThat(harness.changes()).as("nothing is done to either side").isEqualTo(changes);
    assertThat(allCommands()).noneMatch(c -> c.contains("discard-my-data"));
  }

  @Test
  void aConvergedVolumeRunsNoMutatingCommandAndWritesNoStatus() throws Exception {
    harness.convergeCluster();
    harness.converge(12);
    harness.reconcile(); // the sync's completion lands in status once
    Map<String, Integer> execs = execsPerTarget();
    int changes = harness.changes();
    int writes = harness.statusWrites;

    UpdateControl<DrbdVolume> control = harness.reconcile();

    assertThat(harness.changes()).isEqualTo(changes);
    execs.forEach(
        (node, count) -> assertThat(harness.node(node).execCount()).as(node).isEqualTo(count + 1));
    assertThat(control.isNoUpdate()).isTrue();
    assertThat(harness.statusWrites).isEqualTo(writes);
  }

  @Test
  void growingTheLvInTheSpecGrowsItOnlineAndNothingElse() throws Exception {
    harness.volume.getSpec().lvm.logicalVolumes.get(0).size = "10G";
    harness.convergeCluster();
    harness.converge(12);
    assertThat(harness.env.fleet().replication().logicalVolumes(RESOURCE))
        .containsEntry("vg1/lun1", 10L << 30);
    int changes = harness.changes();

    harness.volume.getSpec().lvm.logicalVolumes.get(0).size = "20G";
    harness.volume.getMetadata().setGeneration(2L);
    harness.reconcile();
    harness.reconcile();

    assertThat(harness.env.fleet().replication().logicalVolumes(RESOURCE))
        .containsEntry("vg1/lun1", 20L << 30);
    assertThat(harness.changes()).as("exactly one change: lvextend").isEqualTo(changes + 1);
    assertThat(harness.commands("centos01")).contains("lvextend -L 20G vg1/lun1");
    assertThat(harness.condition("Ready").getStatus()).isEqualTo("True");
  }

  @Test
  void deletingKeepsTheDataByDefault() throws Exception {
    harness.convergeCluster();
    harness.converge(12);

    DeleteControl done = cleanUp();

    assertThat(done.isRemoveFinalizer()).isTrue();
    assertThat(harness.env.fleet().cluster().cibXml()).doesNotContain("hastorage-drbd-vg1");
    for (String target : List.of("centos01", "centos02")) {
      SimulatedNode node = harness.node(target);
      assertThat(node.readText("/etc/drbd.d/vg1.res")).isEmpty();
      assertThat(node.readText("/etc/drbd.d/vg1.res.retained")).isPresent();
      assertThat(node.disks().signatures("/dev/sdb"))
          .extracting(DiskSignature::type)
          .containsExactly("drbd");
    }
    assertThat(harness.env.fleet().replication().logicalVolumes(RESOURCE)).containsKey("vg1/lun1");
    assertThat(allCommands()).noneMatch(c -> c.contains("wipe-md"));
    assertThat(harness.events("Deleted")).isEqualTo(1);
  }

  @Test
  void destroyNeedsTheConfirmationThenWipesTheMetadata() throws Exception {
    harness.convergeCluster();
    harness.converge(12);
    DeletionPolicy policy = new DeletionPolicy();
    policy.mode = DeletionPolicy.Mode.Destroy;
    policy.confirmation = DeletionPolicy.CONFIRMATION;
    harness.volume.getSpec().deletionPolicy = policy;

    DeleteControl done = cleanUp();

    assertThat(done.isRemoveFinalizer()).isTrue();
    for (String target : List.of("centos01", "centos02")) {
      SimulatedNode node = harness.node(target);
      assertThat(node.readText("/etc/drbd.d/vg1.res")).isEmpty();
      assertThat(node.disks().signatures("/dev/sdb"))
          .extracting(DiskSignature::type)
          .doesNotContain("drbd")
          .contains("LVM2_member");
    }
    assertThat(harness.env.fleet().replication().resourceNames()).doesNotContain(RESOURCE);
  }

  /** Runs cleanup until it releases the finalizer (a few phases), as JOSDK's retries would. */
  private DeleteControl cleanUp() throws Exception {
    for (int i = 0; i < 8; i++) {
      DeleteControl control = harness.cleanup();
      if (control.isRemoveFinalizer()) {
        return control;
      }
    }
    throw new AssertionError("cleanup did not finish: " + allCommands());
  }

  private long forced(String node) {
    return harness.commands(node).stream().filter(c -> c.contains("primary --force")).count();
  }

  private long createMds() {
    return allCommands().stream().filter(c -> c.contains("drbdadm create-md")).count();
  }

  private List<String> allCommands() {
    return harness.env.fleet().names().stream().flatMap(n -> harness.commands(n).stream()).toList();
  }

  private Map<String, Integer> execsPerTarget() {
    return List.of("centos01", "centos02").stream()
        .collect(Collectors.toMap(n -> n, n -> harness.node(n).execCount()));
  }
}
