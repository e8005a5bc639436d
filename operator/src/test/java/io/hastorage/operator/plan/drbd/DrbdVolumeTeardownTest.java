package io.hastorage.operator.plan.drbd;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import io.hastorage.operator.api.Manifests;
import io.hastorage.operator.api.cluster.StorageClusterSpec;
import io.hastorage.operator.api.common.DeletionPolicy;
import io.hastorage.operator.api.drbd.DrbdVolume;
import io.hastorage.operator.node.Command;
import io.hastorage.operator.node.SensitiveBytes;
import io.hastorage.operator.observe.NodeFacts;
import io.hastorage.operator.observe.Tool;
import io.hastorage.operator.plan.Action;
import io.hastorage.operator.plan.Decision;
import io.hastorage.operator.plan.Step;
import io.hastorage.operator.plan.drbd.pacemaker.DrbdPacemakerElements;
import io.hastorage.operator.testing.Captured;
import io.hastorage.operator.testing.Examples;
import io.hastorage.operator.testing.FactsBuilder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class DrbdVolumeTeardownTest {

  private static final String LAB_CIB = DrbdFixtures.LAB_CIB;
  // Real DRBD 8.4.11 /proc/drbd of the kernel lab's synced pair.
  private static final String UP_PRIMARY =
      Captured.read("kernel-lab/recipe/ta-proc-drbd-connected-primary.txt");
  private static final String UP_SECONDARY =
      Captured.read("kernel-lab/recipe/tb-proc-drbd-connected-secondary.txt");
  private static final String DOWN = "version: 8.4.11 (api:1/proto:86-101)\n 0: cs:Unconfigured\n";
  private static final String RES = "/etc/drbd.d/vg1.res";
  private static final String RETAINED = "/etc/drbd.d/vg1.res.retained";

  private final DrbdVolume volume = Manifests.ofKind(Examples.seed(), DrbdVolume.class).get(0);
  private final StorageClusterSpec cluster = Examples.seedCluster().getSpec();

  /** The lab's CIB holding the volume's clone, LVM resource and constraints. */
  private String handedOverCib() {
    return DrbdFixtures.handedOverCib(volume);
  }

  /**
   * A target with drbd 8.4 loaded, the given CIB and /proc/drbd, /dev/sdb holding the given sample
   * (each null: not read), and the resource file when {@code resFile}.
   */
  private static FactsBuilder target(
      String node, String cib, String procDrbd, String sdbSample, boolean resFile) {
    FactsBuilder facts = new FactsBuilder(node).version(Tool.DRBD_KERNEL, "8.4.11");
    if (cib != null) {
      facts.section("cib", 0, cib);
    }
    if (procDrbd != null) {
      facts.section("proc-drbd", 0, procDrbd);
    }
    if (sdbSample != null) {
      List<String> items = new ArrayList<>(DiskProbe.request("/dev/sdb").items().keySet());
      facts.section(
          items.get(0),
          sdbSample.equals("blank") ? 2 : 0,
          Captured.read("drbd/" + sdbSample + ".blkid-export.txt"));
      facts.section(items.get(1), 0, Captured.read("drbd/" + sdbSample + ".wipefs-parsable.txt"));
    }
    if (resFile) {
      facts.file(RES, "0".repeat(64));
    }
    return facts;
  }

  /** Both targets with the lab's empty CIB, DRBD down, metadata on disk, the file in place. */
  private static NodeFacts downWithFile(String node) {
    return target(node, LAB_CIB, DOWN, "drbd-v08-md", true).build();
  }

  private DrbdVolumeTeardown.Result plan(NodeFacts... nodes) {
    Map<String, NodeFacts> facts = new LinkedHashMap<>();
    for (NodeFacts node : nodes) {
      facts.put(node.nodeName(), node);
    }
    return DrbdVolumeTeardown.plan(volume, cluster, facts);
  }

  private void policy(DeletionPolicy.Mode mode, String confirmation) {
    DeletionPolicy policy = new DeletionPolicy();
    policy.mode = mode;
    policy.confirmation = confirmation;
    volume.getSpec().deletionPolicy = policy;
  }

  private static Command command(Step step) {
    return ((Action.RunCommand) step.action()).command();
  }

  @Test
  void withoutAReadableCibNothingIsTouched() {
    DrbdVolumeTeardown.Result result =
        plan(
            target("centos01", null, UP_PRIMARY, "drbd-v08-md", true).build(),
            target("centos02", null, UP_SECONDARY, "drbd-v08-md", true).build());

    assertThat(result.steps()).isEmpty();
    assertThat(result.done()).isFalse();
    assertThat(result.waitingFor()).contains("CIB could be read");
  }

  @Test
  void whileTheCibHoldsTheVolumeOnlyItsElementsAreDeletedConstraintsFirst() {
    String cib = handedOverCib();

    DrbdVolumeTeardown.Result result =
        plan(
            target("centos01", cib, UP_PRIMARY, "drbd-v08-md", true).build(),
            target("centos02", cib, UP_SECONDARY, "drbd-v08-md", true).build());

    assertThat(result.done()).isFalse();
    assertThat(result.waitingFor()).isEqualTo("removing the Pacemaker resources");
    assertThat(result.steps()).extracting(Step::node).containsOnly("centos01");
    assertThat(result.steps())
        .extracting(Step::description)
        .containsExactly(
            "delete rsc_colocation hastorage-colocation-lvm-vg1-with-drbd-vg1 (constraints)",
            "delete rsc_order hastorage-order-drbd-vg1-before-lvm-vg1 (constraints)",
            "delete primitive hastorage-lvm-vg1 (resources)");
    assertThat(result.steps())
        .allSatisfy(
            s ->
                assertThat(command(s).argv())
                    .containsExactly("cibadmin", "--delete", "--xml-pipe"));
    assertThat(new String(command(result.steps().get(0)).stdin().bytes(), StandardCharsets.UTF_8))
        .isEqualTo("<rsc_colocation id=\"hastorage-colocation-lvm-vg1-with-drbd-vg1\"/>");
  }

  /** The lab's CIB holding only the clone, as after the first removal phase. */
  private String cloneOnlyCib() {
    return LAB_CIB.replace(
        "<resources/>",
        "<resources>" + DrbdPacemakerElements.desired(volume).get(0).xml() + "</resources>");
  }

  private static String crmMon(String activeResources) {
    return "<pacemaker-result api-version=\"2.25\"><resources>"
        + activeResources
        + "</resources></pacemaker-result>";
  }

  @Test
  void theCloneGoesOnlyOnceCrmMonShowsTheVolumeGroupStopped() {
    String lvmStillActive =
        crmMon(
            "<resource id=\"hastorage-lvm-vg1\" resource_agent=\"ocf:heartbeat:LVM-activate\""
                + " role=\"Stopping\" active=\"true\" orphaned=\"true\"/>");
    FactsBuilder stopping = target("centos01", cloneOnlyCib(), UP_PRIMARY, "drbd-v08-md", true);
    stopping.section("crm-mon", 0, lvmStillActive);

    DrbdVolumeTeardown.Result waiting = plan(stopping.build(), downWithFile("centos02"));

    assertThat(waiting.steps()).isEmpty();
    assertThat(waiting.waitingFor()).contains("stop the volume group");

    FactsBuilder stopped = target("centos01", cloneOnlyCib(), UP_PRIMARY, "drbd-v08-md", true);
    stopped.section("crm-mon", 0, crmMon(""));

    assertThat(plan(stopped.build(), downWithFile("centos02")).steps())
        .extracting(Step::description)
        .containsExactly("delete clone hastorage-drbd-vg1-clone (resources)");
  }

  @Test
  void withoutCrmMonTheCloneIsKept() {
    DrbdVolumeTeardown.Result result =
        plan(
            target("centos01", cloneOnlyCib(), UP_PRIMARY, "drbd-v08-md", true).build(),
            downWithFile("centos02"));

    assertThat(result.steps()).isEmpty();
    assertThat(result.done()).isFalse();
  }

  @Test
  void onceTheCibIsCleanTheResourceIsBroughtDownWhereItIsStillConfigured() {
    DrbdVolumeTeardown.Result result =
        plan(
            target("centos01", LAB_CIB, UP_SECONDARY, "drbd-v08-md", true).build(),
            target("centos02", LAB_CIB, DOWN, "drbd-v08-md", false).build());

    assertThat(result.steps())
        .singleElement()
        .satisfies(
            s -> {
              assertThat(s.node()).isEqualTo("centos01");
              assertThat(command(s).argv()).containsExactly("drbdadm", "down", "vg1");
            });
    assertThat(result.done()).isFalse();
    assertThat(result.waitingFor()).isEqualTo("tearing DRBD down");
  }

  @Test
  void aNodeStillUpIsOnlyBroughtDownItsFileStaysUntilTheNextRound() {
    policy(DeletionPolicy.Mode.Destroy, DeletionPolicy.CONFIRMATION);

    DrbdVolumeTeardown.Result result =
        plan(
            target("centos01", LAB_CIB, UP_PRIMARY, "drbd-v08-md", true).build(),
            target("centos02", LAB_CIB, UP_SECONDARY, "drbd-v08-md", true).build());

    assertThat(result.steps())
        .extracting(Step::node, s -> command(s).argv())
        .containsExactly(
            tuple("centos01", List.of("drbdadm", "down", "vg1")),
            tuple("centos02", List.of("drbdadm", "down", "vg1")));
  }

  @Test
  void retainRenamesTheResourceFileOnlyWhereItExistsAndNeverWipes() {
    DrbdVolumeTeardown.Result result =
        plan(
            downWithFile("centos01"),
            target("centos02", LAB_CIB, DOWN, "drbd-v08-md", false).build());

    assertThat(result.steps())
        .singleElement()
        .satisfies(
            s -> {
              assertThat(s.node()).isEqualTo("centos01");
              assertThat(command(s).argv()).containsExactly("mv", "-f", "--", RES, RETAINED);
            });
    assertThat(result.steps().toString()).doesNotContain("wipe-md");
    assertThat(result.done()).isFalse();
  }

  @Test
  void destroyWithTheConfirmationWipesTheMetadataThenRemovesTheFile() {
    policy(DeletionPolicy.Mode.Destroy, DeletionPolicy.CONFIRMATION);

    DrbdVolumeTeardown.Result result = plan(downWithFile("centos01"), downWithFile("centos02"));

    assertThat(result.steps())
        .extracting(Step::toString)
        .containsExactly(
            "centos01: wipe the DRBD metadata on /dev/sdb (deletionPolicy Destroy, confirmed)",
            "centos01: remove /etc/drbd.d/vg1.res (deletionPolicy Destroy, confirmed)",
            "centos02: wipe the DRBD metadata on /dev/sdb (deletionPolicy Destroy, confirmed)",
            "centos02: remove /etc/drbd.d/vg1.res (deletionPolicy Destroy, confirmed)");
    Command wipe = command(result.steps().get(0));
    assertThat(wipe.argv()).containsExactly("drbdadm", "wipe-md", "vg1/0");
    assertThat(wipe.stdin()).isEqualTo(SensitiveBytes.plain("yes\n"));
    assertThat(command(result.steps().get(1)).argv()).containsExactly("rm", "-f", "--", RES);
    assertThat(result.steps().toString()).doesNotContain(RETAINED);
  }

  @Test
  void theWipeIsRefusedOnANodeWhereTheResourceIsUpAgain() {
    policy(DeletionPolicy.Mode.Destroy, DeletionPolicy.CONFIRMATION);
    NodeFacts down = downWithFile("centos01");
    Step wipe = plan(down, downWithFile("centos02")).steps().get(0);
    NodeFacts upAgain = target("centos01", LAB_CIB, UP_PRIMARY, "drbd-v08-md", true).build();
    NodeFacts unknown = new FactsBuilder("centos01").version(Tool.DRBD_KERNEL, "8.4.11").build();

    assertThat(wipe.guard().check(down).allowed()).isTrue();
    Decision refused = wipe.guard().check(upAgain);
    assertThat(refused.allowed()).isFalse();
    assertThat(refused.reason()).isEqualTo(DrbdVolumeTeardown.STILL_UP);
    assertThat(refused.message()).contains("vg1 is still up");
    assertThat(wipe.guard().check(unknown).reason()).isEqualTo(DrbdVolumeTeardown.STILL_UP);
  }

  @Test
  void theWipeIsAllowedWhereNoDrbdModuleIsLoadedSinceNothingCanBeUp() {
    policy(DeletionPolicy.Mode.Destroy, DeletionPolicy.CONFIRMATION);
    Step wipe = plan(downWithFile("centos01"), downWithFile("centos02")).steps().get(0);

    assertThat(wipe.guard().check(new FactsBuilder("centos01").build()).allowed()).isTrue();
  }

  @Test
  void destroyWaitsWhileTheBackingDiskCannotBeRead() {
    policy(DeletionPolicy.Mode.Destroy, DeletionPolicy.CONFIRMATION);

    DrbdVolumeTeardown.Result result =
        plan(target("centos01", LAB_CIB, DOWN, null, true).build(), downWithFile("centos02"));

    assertThat(result.steps()).extracting(Step::node).containsOnly("centos02");
    assertThat(result.done()).isFalse();
    assertThat(result.waitingFor()).isEqualTo("waiting for [centos01]");
  }

  @Test
  void theFileIsKeptInPlaceWhileTheDrbdStateCannotBeRead() {
    DrbdVolumeTeardown.Result result =
        plan(
            target("centos01", LAB_CIB, null, "drbd-v08-md", true).build(),
            target("centos02", LAB_CIB, DOWN, "drbd-v08-md", false).build());

    assertThat(result.steps()).isEmpty();
    assertThat(result.done()).isFalse();
    assertThat(result.waitingFor()).isEqualTo("waiting for [centos01]");
  }

  @Test
  void destroyWithAWrongConfirmationRetains() {
    policy(DeletionPolicy.Mode.Destroy, "yes");

    DrbdVolumeTeardown.Result result = plan(downWithFile("centos01"), downWithFile("centos02"));

    assertThat(result.steps())
        .extracting(s -> command(s).argv())
        .containsExactly(
            List.of("mv", "-f", "--", RES, RETAINED), List.of("mv", "-f", "--", RES, RETAINED));
    assertThat(result.steps().toString()).doesNotContain("wipe").doesNotContain("remove");
  }

  @Test
  void aTargetWithoutFactsKeepsTheDeletionOpen() {
    DrbdVolumeTeardown.Result result =
        plan(target("centos01", LAB_CIB, DOWN, "drbd-v08-md", false).build());

    assertThat(result.steps()).isEmpty();
    assertThat(result.done()).isFalse();
    assertThat(result.waitingFor()).isEqualTo("waiting for [centos02]");
  }

  @Test
  void everythingCleanIsDone() {
    policy(DeletionPolicy.Mode.Destroy, DeletionPolicy.CONFIRMATION);

    DrbdVolumeTeardown.Result result =
        plan(
            target("centos01", LAB_CIB, DOWN, "blank", false).build(),
            target("centos02", LAB_CIB, DOWN, "blank", false).build());

    assertThat(result.steps()).isEmpty();
    assertThat(result.done()).isTrue();
    assertThat(result.waitingFor()).isEmpty();
  }

  @Test
  void aRetainedFileAloneLeavesNothingToDo() {
    NodeFacts retained =
        target("centos01", LAB_CIB, DOWN, "drbd-v08-md", false)
            .file(RETAINED, "0".repeat(64))
            .build();

    DrbdVolumeTeardown.Result result =
        plan(retained, target("centos02", LAB_CIB, DOWN, "drbd-v08-md", false).build());

    assertThat(result.steps()).isEmpty();
    assertThat(result.done()).isTrue();
  }
}
