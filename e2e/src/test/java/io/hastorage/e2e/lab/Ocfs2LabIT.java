package io.hastorage.e2e.lab;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.Condition;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.hastorage.operator.OperatorRunner;
import io.hastorage.operator.api.Manifests;
import io.hastorage.operator.api.cluster.StorageCluster;
import io.hastorage.operator.api.cluster.StorageClusterStatus;
import io.hastorage.operator.api.common.ResourceStatus;
import io.hastorage.operator.api.drbd.DrbdVolume;
import io.hastorage.operator.api.drbd.DrbdVolumeStatus;
import io.hastorage.operator.api.ocfs2.Ocfs2Mount;
import io.hastorage.operator.api.scst.ScstTarget;
import io.hastorage.operator.api.scst.ScstTargetStatus;
import io.hastorage.operator.node.ExecResult;
import io.hastorage.operator.reconciler.Ocfs2MountReconciler;
import io.hastorage.operator.testing.RealPrerequisites;
import io.javaoperatorsdk.operator.api.reconciler.DeleteControl;
import io.javaoperatorsdk.operator.api.reconciler.UpdateControl;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * The Ocfs2Mount reconciler against the node lab's initiators i1 and i2 over real SSH. The target
 * side is not run here (TargetLabIT does): the StorageCluster, DrbdVolume and ScstTarget are put
 * into the API with a Ready status, as their reconcilers would leave them.
 *
 * <p>What is real and what stands in:
 *
 * <ul>
 *   <li>real: SSH with pinned host keys; open-iscsi's node database ({@code iscsiadm -m node -o
 *       new/update/delete}, {@code -m discoverydb}, and sendtargets discovery, which fails here
 *       without iscsi_tcp and so leads to the static record); every file the operator writes
 *       (multipath drop-in, cluster.conf read back by the node's own {@code o2cb list-nodes}, o2cb
 *       settings, fstab); {@code mkfs.ocfs2}, {@code blkid} and {@code wipefs} on the shared LUN
 *       image;
 *   <li>stand-ins (src/test/resources/lab/initiator-standins): iSCSI login/logout and the session
 *       list, the multipath map, systemctl (no systemd in the lab), mount/umount and their lines in
 *       /proc/mounts, and the LUN itself: a sparse image both initiators share, which blkid, wipefs
 *       and mkfs.ocfs2 see at the map's /dev/disk/by-id path.
 * </ul>
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class Ocfs2LabIT {

  private static final Path REPO = Path.of(System.getProperty("hastorage.repoRoot", ".."));
  private static final Path STANDIN =
      Path.of("src/test/resources/lab/initiator-standins/initiator-standin");
  private static final String PORTAL = "10.99.0.100:3260";

  private NodeLab lab;
  private LabOperator operator;
  private final CountingListener counts = new CountingListener();
  private Ocfs2MountReconciler reconciler;
  private Ocfs2Mount mount;
  private String iqn;

  @BeforeAll
  void startLab() throws Exception {
    Optional<String> unavailable =
        NodeLab.unavailableReason(REPO)
            .or(
                () ->
                    List.of("/usr/bin/nsenter", "/usr/sbin/mkfs.ocfs2", "/usr/sbin/iscsiadm")
                        .stream()
                        .filter(t -> !Files.isExecutable(Path.of(t)))
                        .findFirst()
                        .map(t -> t + " is not installed (util-linux, ocfs2-tools, open-iscsi)"));
    RealPrerequisites.require("the node lab (Ocfs2LabIT)", unavailable);
    lab = NodeLab.up(REPO);
    lab.installInitiatorStandIns(STANDIN, 256L * 1024 * 1024);
    operator = new LabOperator(lab, REPO, Duration.ofSeconds(2), counts);
    reconciler = OperatorRunner.ocfs2MountReconciler(operator.engine(), operator.deps());
    List<HasMetadata> resources =
        Manifests.parse(Files.readString(Path.of("src/test/resources/lab/target-lab.yaml")));
    readyAsReconciled(
        Manifests.ofKind(resources, StorageCluster.class).get(0), new StorageClusterStatus());
    readyAsReconciled(Manifests.ofKind(resources, DrbdVolume.class).get(0), new DrbdVolumeStatus());
    ScstTarget target =
        readyAsReconciled(
            Manifests.ofKind(resources, ScstTarget.class).get(0), new ScstTargetStatus());
    iqn = target.getSpec().iqn;
    mount =
        operator.create(
            Manifests.ofKind(
                    Manifests.parse(
                        Files.readString(Path.of("src/test/resources/lab/ocfs2-lab.yaml"))),
                    Ocfs2Mount.class)
                .get(0));
  }

  @AfterAll
  void stopLab() throws Exception {
    if (operator != null) {
      operator.close();
    }
    if (lab != null && !Boolean.getBoolean("hastorage.lab.keep")) {
      lab.close();
    }
  }

  /** Creates the resource with the status its own reconciler leaves once everything is up. */
  private <S extends ResourceStatus, T extends io.fabric8.kubernetes.client.CustomResource<?, S>>
      T readyAsReconciled(T resource, S status) {
    T created = operator.create(resource);
    status.observedGeneration = 1L;
    status.conditions = new ArrayList<>();
    for (String type : List.of("Ready", "Converged")) {
      Condition c = new Condition();
      c.setType(type);
      c.setStatus("True");
      c.setReason(type.equals("Ready") ? "Ready" : "Converged");
      c.setMessage("set by the lab test");
      c.setObservedGeneration(1L);
      c.setLastTransitionTime("2026-11-25T00:00:00Z");
      status.conditions.add(c);
    }
    created.setStatus(status);
    return operator.client().resource(created).updateStatus();
  }

  private UpdateControl<Ocfs2Mount> reconcile() throws Exception {
    UpdateControl<Ocfs2Mount> control = reconciler.reconcile(mount, null);
    if (control.isPatchStatus()) {
      mount.setStatus(control.getResource().orElseThrow().getStatus());
      mount =
          operator
              .client()
              .resources(Ocfs2Mount.class)
              .inNamespace(LabOperator.NAMESPACE)
              .resource(mount)
              .updateStatus();
    }
    return control;
  }

  private String condition(String type) {
    return mount.getStatus() == null
        ? "none"
        : mount
            .getStatus()
            .condition(type)
            .map(c -> c.getStatus() + " " + c.getReason() + ": " + c.getMessage())
            .orElse("none");
  }

  private String realIscsiadm(String node, String... args) {
    List<String> argv = new ArrayList<>(List.of("/usr/sbin/iscsiadm"));
    argv.addAll(List.of(args));
    return operator.run(node, argv.toArray(String[]::new));
  }

  private List<String> standInLog(String node) throws Exception {
    Path log = lab.initiatorStandInState().resolve(node + "/log");
    return Files.exists(log) ? Files.readAllLines(log) : List.of();
  }

  @Test
  @Order(1)
  void configuresRecordsFormatsOnceAndMountsOnBothInitiators() throws Exception {
    int rounds = 0;
    while (!condition("Ready").startsWith("True") && rounds < 10) {
      reconcile();
      rounds++;
    }
    assertThat(condition("Ready")).as("after %d reconciles", rounds).startsWith("True");

    for (String node : NodeLab.INITIATORS) {
      // the real node database: the record and the settings the operator set
      String record = realIscsiadm(node, "-m", "node", "-T", iqn, "-p", PORTAL);
      assertThat(record)
          .contains("node.startup = automatic")
          .contains("node.session.timeo.replacement_timeout = 15")
          .contains("node.conn[0].timeo.noop_out_interval = 5")
          .contains("node.session.auth.authmethod = None");
      // discovery ran for real (and failed without iscsi_tcp), so the record is a static one
      assertThat(realIscsiadm(node, "-m", "discoverydb")).contains(PORTAL + " via sendtargets");
      assertThat(operator.run(node, "/usr/sbin/o2cb", "list-nodes", "labo2cb"))
          .contains("name = i1", "ip_address = 10.99.0.13", "name = i2", "ip_address = 10.99.0.14");
      assertThat(operator.run(node, "/bin/cat", "/etc/default/o2cb"))
          .contains("O2CB_HEARTBEAT_THRESHOLD=61");
      assertThat(
              operator.run(node, "/bin/cat", "/etc/multipath/conf.d/hastorage-lab-labshared.conf"))
          .contains("vendor \"IET\"", "no_path_retry 12");
      assertThat(operator.run(node, "/bin/cat", "/etc/fstab"))
          .contains(
              "/dev/disk/by-id/dm-uuid-mpath-36001405a1ab5a4d1e0000000000c0de /srv/labshared"
                  + " ocfs2 _netdev,noatime 0 0");
    }
    // mkfs.ocfs2 ran exactly once, on the first node, and the shared LUN holds the file system
    long formats =
        standInLog("i1").stream().filter(l -> l.startsWith("mkfs.ocfs2")).count()
            + standInLog("i2").stream().filter(l -> l.startsWith("mkfs.ocfs2")).count();
    assertThat(formats).isEqualTo(1);
    assertThat(standInLog("i1")).anyMatch(l -> l.startsWith("mkfs.ocfs2 -L labshared -N 4"));
    assertThat(standInLog("i1")).noneMatch(l -> l.matches("mkfs\\.ocfs2 .*(-F|--force).*"));
    ProcessBuilder blkid =
        new ProcessBuilder(
                "blkid",
                "-p",
                "-o",
                "export",
                lab.initiatorStandInState().resolve("san/lun.img").toString())
            .redirectErrorStream(true);
    String found = new String(blkid.start().getInputStream().readAllBytes());
    assertThat(found).contains("TYPE=ocfs2", "LABEL=labshared");
    assertThat(mount.getStatus().filesystemUuid).isNotNull();
    assertThat(found).contains("UUID=" + mount.getStatus().filesystemUuid);
    assertThat(mount.getStatus().mounted).isEqualTo("2/2");
    assertThat(mount.getStatus().nodes).allSatisfy(n -> assertThat(n.initiatorName).isNotBlank());
  }

  @Test
  @Order(2)
  void aConvergedMountRunsOnlyTheProbeOnEachInitiator() throws Exception {
    int i1 = counts.commands("i1");
    int i2 = counts.commands("i2");
    String version = mount.getMetadata().getResourceVersion();

    UpdateControl<Ocfs2Mount> control = reconcile();

    assertThat(counts.commands("i1") - i1).isEqualTo(1);
    assertThat(counts.commands("i2") - i2).isEqualTo(1);
    assertThat(control.isPatchStatus()).isFalse();
    assertThat(mount.getMetadata().getResourceVersion()).isEqualTo(version);
  }

  @Test
  @Order(3)
  void deletingUnmountsLogsOutAndDeletesTheRecordsButKeepsTheData() throws Exception {
    String uuid = mount.getStatus().filesystemUuid;
    DeleteControl control = reconciler.cleanup(mount, null);
    for (int i = 0; i < 3 && !control.isRemoveFinalizer(); i++) {
      control = reconciler.cleanup(mount, null);
    }

    assertThat(control.isRemoveFinalizer()).isTrue();
    for (String node : NodeLab.INITIATORS) {
      ExecResult records = operator.exec(node, "", "/usr/sbin/iscsiadm", "-m", "node");
      assertThat(records.stdout()).doesNotContain(iqn);
      assertThat(operator.run(node, "/bin/cat", "/etc/fstab")).doesNotContain("/srv/labshared");
      assertThat(operator.exec(node, "", "iscsiadm", "-m", "session").exitCode()).isEqualTo(21);
    }
    ProcessBuilder blkid =
        new ProcessBuilder(
            "blkid",
            "-p",
            "-o",
            "value",
            "-s",
            "UUID",
            lab.initiatorStandInState().resolve("san/lun.img").toString());
    assertThat(new String(blkid.start().getInputStream().readAllBytes()).strip()).isEqualTo(uuid);
  }
}
