package io.hastorage.operator.plan.drbd;

import static org.assertj.core.api.Assertions.assertThat;

import io.hastorage.operator.api.Manifests;
import io.hastorage.operator.api.cluster.StorageClusterSpec;
import io.hastorage.operator.api.drbd.DrbdVolume;
import io.hastorage.operator.api.drbd.DrbdVolumeDisk;
import io.hastorage.operator.observe.NodeFacts;
import io.hastorage.operator.observe.Tool;
import io.hastorage.operator.plan.Action;
import io.hastorage.operator.plan.ManagedFiles;
import io.hastorage.operator.plan.Step;
import io.hastorage.operator.testing.Captured;
import io.hastorage.operator.testing.Examples;
import io.hastorage.operator.testing.FactsBuilder;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class DrbdVolumePlannerTest {

  private static final String SECRET = "s3cret-for-tests";
  private static final long GIB = 1024L * 1024 * 1024;
  private static final String FRESH =
      Captured.read("kernel-lab/drbd-lab/ta-proc-drbd-connected-inconsistent.txt");
  // Real DRBD 8.4.11 /proc/drbd of the kernel lab's synced pair.
  private static final String PRIMARY_SYNCED =
      Captured.read("kernel-lab/recipe/ta-proc-drbd-connected-primary.txt");
  private static final String SECONDARY_SYNCED =
      Captured.read("kernel-lab/recipe/tb-proc-drbd-connected-secondary.txt");

  private final DrbdVolume volume = Manifests.ofKind(Examples.seed(), DrbdVolume.class).get(0);
  private final StorageClusterSpec cluster = Examples.seedCluster().getSpec();

  /** The CIB every target answers with: the lab's empty one unless a test hands over. */
  private String cib = LAB_CIB;

  private static final String LAB_CIB = DrbdFixtures.LAB_CIB;

  /** The lab's CIB holding the volume's clone, LVM resource and constraints. */
  private String handedOverCib() {
    return DrbdFixtures.handedOverCib(volume);
  }

  /** A target with drbd 8.4 loaded, the given /proc/drbd and /dev/sdb and /dev/drbd0 samples. */
  private FactsBuilder target(
      String node, String procDrbd, String sdbSample, boolean resFileWritten) {
    FactsBuilder facts =
        new FactsBuilder(node).version(Tool.DRBD_KERNEL, "8.4.11").version(Tool.PACEMAKER, "2.1.5");
    if (cib != null) {
      facts.section("cib", 0, cib);
    }
    if (procDrbd != null) {
      facts.section("proc-drbd", 0, procDrbd);
    }
    disk(facts, "/dev/sdb", sdbSample);
    if (resFileWritten) {
      DrbdResourceConfig config = DrbdResourceConfig.from(volume.getSpec(), cluster, SECRET);
      facts.file(
          "/etc/drbd.d/vg1.res",
          ManagedFiles.sha256(DrbdResourceRenderer.render(config, DrbdSyntax.V84)));
    }
    return facts;
  }

  private static void disk(FactsBuilder facts, String device, String sample) {
    List<String> items = new ArrayList<>(DiskProbe.request(device).items().keySet());
    facts.section(
        items.get(0),
        sample.equals("blank") ? 2 : 0,
        Captured.read("drbd/" + sample + ".blkid-export.txt"));
    facts.section(items.get(1), 0, Captured.read("drbd/" + sample + ".wipefs-parsable.txt"));
  }

  private static FactsBuilder lvm(FactsBuilder facts, String pvs, String vgs, String lvs) {
    return facts.section("lvm-pvs", 0, pvs).section("lvm-vgs", 0, vgs).section("lvm-lvs", 0, lvs);
  }

  private List<Step> plan(NodeFacts... nodes) {
    Map<String, NodeFacts> facts = new LinkedHashMap<>();
    for (NodeFacts node : nodes) {
      facts.put(node.nodeName(), node);
    }
    return DrbdVolumePlanner.plan(volume, cluster, SECRET, facts);
  }

  @Test
  void freshNodesGetTheFileMetadataAndUpButNoForce() {
    List<Step> steps =
        plan(
            target("centos01", null, "blank", false).build(),
            target("centos02", null, "blank", false).build());

    assertThat(steps)
        .extracting(Step::toString)
        .containsExactly(
            "centos01: write /etc/drbd.d/vg1.res (DRBD V84 syntax)",
            "centos01: create DRBD metadata on /dev/sdb (volume 0)",
            "centos01: bring DRBD resource vg1 up",
            "centos02: write /etc/drbd.d/vg1.res (DRBD V84 syntax)",
            "centos02: create DRBD metadata on /dev/sdb (volume 0)",
            "centos02: bring DRBD resource vg1 up");
    assertThat(((Action.WriteFile) steps.get(0).action()).file().mode()).isEqualTo("0600");
    assertThat(steps.toString()).doesNotContain(SECRET);
  }

  @Test
  void theFirstSyncIsStartedOnceFromTheInitialPrimaryOnly() {
    List<Step> steps =
        plan(
            target("centos01", FRESH, "drbd-v08-md", true).build(),
            target("centos02", FRESH, "drbd-v08-md", true).build());

    assertThat(steps)
        .extracting(Step::toString)
        .containsExactly(
            "centos01: start the first sync of vg1 from centos01 (primary --force, once)");
    assertThat(((Action.RunCommand) steps.get(0).action()).command().argv())
        .containsExactly("drbdadm", "primary", "--force", "vg1");
  }

  @Test
  void aDiskHoldingAFileSystemGetsARefusedCreateMd() {
    NodeFacts centos01 = target("centos01", null, "ext4", true).build();

    List<Step> steps = plan(centos01, target("centos02", null, "blank", false).build());

    assertThat(steps).as("nothing else is planned on either target").hasSize(1);
    Step createMd =
        steps.stream()
            .filter(
                s ->
                    s.description().startsWith("create DRBD metadata")
                        && s.node().equals("centos01"))
            .findFirst()
            .orElseThrow();

    assertThat(createMd.guard().check(centos01).reason()).isEqualTo("DiskInUse");
  }

  @Test
  void lvmIsBuiltOnThePrimaryOnly() {
    FactsBuilder primary = target("centos01", PRIMARY_SYNCED, "drbd-v08-md", true);
    disk(primary, "/dev/drbd0", "blank");
    lvm(primary, "", "", "");
    FactsBuilder secondary =
        lvm(target("centos02", SECONDARY_SYNCED, "drbd-v08-md", true), "", "", "");

    List<Step> steps = plan(primary.build(), secondary.build());

    assertThat(steps)
        .extracting(Step::toString)
        .containsExactly(
            "centos01: create an LVM physical volume on /dev/drbd0",
            "centos01: create volume group vg1",
            "centos01: create logical volume vg1/lun1 (100%VG)");
    assertThat(((Action.RunCommand) steps.get(2).action()).command().argv())
        .containsExactly("lvcreate", "--name", "lun1", "-l", "100%VG", "vg1");
  }

  @Test
  void pvcreateIsRefusedOnADrbdDeviceThatHoldsAFileSystemOrWasNotProbed() {
    FactsBuilder withExt4 = target("centos01", PRIMARY_SYNCED, "drbd-v08-md", true);
    disk(withExt4, "/dev/drbd0", "ext4");
    lvm(withExt4, "", "", "");
    NodeFacts ext4 = withExt4.build();
    NodeFacts secondary =
        lvm(target("centos02", SECONDARY_SYNCED, "drbd-v08-md", true), "", "", "").build();

    Step pvcreate = plan(ext4, secondary).get(0);

    assertThat(pvcreate.description()).isEqualTo("create an LVM physical volume on /dev/drbd0");
    assertThat(pvcreate.guard().check(ext4).allowed()).isFalse();
    assertThat(pvcreate.guard().check(ext4).reason()).isEqualTo("DiskInUse");
    assertThat(pvcreate.guard().check(ext4).message()).contains("/dev/drbd0", "ext4");

    NodeFacts unprobed =
        lvm(target("centos01", PRIMARY_SYNCED, "drbd-v08-md", true), "", "", "").build();
    assertThat(pvcreate.guard().check(unprobed).reason()).isEqualTo("DiskStateUnknown");
  }

  @Test
  void onceLvmIsCompleteTheVolumeIsHandedToPacemaker() {
    FactsBuilder primary = target("centos01", PRIMARY_SYNCED, "drbd-v08-md", true);
    lvm(
        primary,
        "  /dev/drbd0|vg1\n",
        "  vg1|" + 20 * GIB + "|0\n",
        "  vg1|lun1|" + 20 * GIB + "\n");

    List<Step> steps =
        plan(primary.build(), target("centos02", SECONDARY_SYNCED, "drbd-v08-md", true).build());

    assertThat(steps)
        .extracting(Step::toString)
        .containsExactly(
            "centos01: create clone hastorage-drbd-vg1-clone (resources)",
            "centos01: create primitive hastorage-lvm-vg1 (resources)",
            "centos01: create rsc_colocation hastorage-colocation-lvm-vg1-with-drbd-vg1"
                + " (constraints)",
            "centos01: create rsc_order hastorage-order-drbd-vg1-before-lvm-vg1 (constraints)");
  }

  @Test
  void afterTheHandOverPacemakerAloneStartsAndPromotes() {
    cib = handedOverCib();
    String unconfigured = "version: 8.4.11 (api:1/proto:86-101)\n 0: cs:Unconfigured\n";

    List<Step> steps =
        plan(
            target("centos01", unconfigured, "drbd-v08-md", true).build(),
            target("centos02", unconfigured, "drbd-v08-md", true).build());

    assertThat(steps).isEmpty();
  }

  @Test
  void withoutAReadableCibNothingIsBroughtUp() {
    cib = null;

    List<Step> steps =
        plan(
            target("centos01", FRESH, "drbd-v08-md", true).build(),
            target("centos02", FRESH, "drbd-v08-md", true).build());

    assertThat(steps).isEmpty();
  }

  @Test
  void aNewVolumeIsAttachedAndMarkedInSyncWithoutPrimaryForce() {
    cib = handedOverCib();
    DrbdVolumeDisk second = new DrbdVolumeDisk();
    second.volume = 1;
    second.minor = 1;
    second.backingDisks.add(new DrbdVolumeDisk.BackingDisk("centos01", "/dev/sdc"));
    second.backingDisks.add(new DrbdVolumeDisk.BackingDisk("centos02", "/dev/sdc"));
    volume.getSpec().volumes.add(second);
    String twoVolumes =
        "version: 8.4.11 (api:1/proto:86-101)\n"
            + " 0: cs:Connected ro:Primary/Secondary ds:UpToDate/UpToDate C r-----\n"
            + " 1: cs:Connected ro:Primary/Secondary ds:Inconsistent/Inconsistent C r-----\n";
    FactsBuilder primary = target("centos01", twoVolumes, "drbd-v08-md", true);
    disk(primary, "/dev/sdc", "drbd-v08-md");
    lvm(
        primary,
        "  /dev/drbd0|vg1\n",
        "  vg1|" + 20 * GIB + "|0\n",
        "  vg1|lun1|" + 20 * GIB + "\n");
    NodeFacts facts = primary.build();
    FactsBuilder secondary = target("centos02", SECONDARY_SYNCED, "drbd-v08-md", true);
    disk(secondary, "/dev/sdc", "blank");

    List<Step> steps = plan(facts, secondary.build());

    assertThat(steps)
        .extracting(Step::toString)
        .containsExactly(
            "centos02: create DRBD metadata on /dev/sdc (volume 1)",
            "centos02: apply the changed configuration of vg1",
            "centos01: mark the new, blank volume vg1/1 in sync on both sides (no full resync)");
    assertThat(((Action.RunCommand) steps.get(2).action()).command().argv())
        .containsExactly("drbdadm", "new-current-uuid", "--clear-bitmap", "vg1/1");
    assertThat(steps.get(2).guard().check(facts).allowed()).isTrue();
    assertThat(steps.toString()).doesNotContain("--force");
  }

  @Test
  void aNewVolumeOnAdoptedDisksIsRefusedItsShortcutSync() {
    cib = handedOverCib();
    volume.getSpec().adoptExistingData = true;
    String twoVolumes =
        "version: 8.4.11 (api:1/proto:86-101)\n"
            + " 0: cs:Connected ro:Primary/Secondary ds:UpToDate/UpToDate C r-----\n"
            + " 1: cs:Connected ro:Primary/Secondary ds:Inconsistent/Inconsistent C r-----\n";
    DrbdVolumeDisk second = new DrbdVolumeDisk();
    second.volume = 1;
    second.minor = 1;
    second.backingDisks.add(new DrbdVolumeDisk.BackingDisk("centos01", "/dev/sdc"));
    second.backingDisks.add(new DrbdVolumeDisk.BackingDisk("centos02", "/dev/sdc"));
    volume.getSpec().volumes.add(second);
    FactsBuilder primary = target("centos01", twoVolumes, "drbd-v08-md", true);
    disk(primary, "/dev/sdc", "drbd-v08-md");
    NodeFacts facts = primary.build();

    Step sync =
        plan(facts).stream()
            .filter(s -> s.description().startsWith("mark the new"))
            .findFirst()
            .orElseThrow();

    assertThat(sync.guard().check(facts).reason()).isEqualTo("AdoptedVolumeNeedsManualSync");
  }

  @Test
  void aConvergedVolumePlansNothing() {
    cib = handedOverCib();
    FactsBuilder primary = target("centos01", PRIMARY_SYNCED, "drbd-v08-md", true);
    lvm(
        primary,
        "  /dev/drbd0|vg1\n",
        "  vg1|" + 20 * GIB + "|0\n",
        "  vg1|lun1|" + 20 * GIB + "\n");

    assertThat(
            plan(
                primary.build(), target("centos02", SECONDARY_SYNCED, "drbd-v08-md", true).build()))
        .isEmpty();
  }

  @Test
  void aGrownVgGrowsTheLvOnlineAndNothingElse() {
    cib = handedOverCib();
    FactsBuilder primary = target("centos01", PRIMARY_SYNCED, "drbd-v08-md", true);
    lvm(
        primary,
        "  /dev/drbd0|vg1\n",
        "  vg1|" + 30 * GIB + "|" + 10 * GIB + "\n",
        "  vg1|lun1|" + 20 * GIB + "\n");

    List<Step> steps =
        plan(primary.build(), target("centos02", SECONDARY_SYNCED, "drbd-v08-md", true).build());

    assertThat(steps)
        .singleElement()
        .extracting(s -> ((Action.RunCommand) s.action()).command().argv())
        .isEqualTo(List.of("lvextend", "-l", "100%VG", "vg1/lun1"));
  }

  @Test
  void anLvIsNeverShrunk() {
    cib = handedOverCib();
    volume.getSpec().lvm.logicalVolumes.get(0).size = "10G";
    FactsBuilder primary = target("centos01", PRIMARY_SYNCED, "drbd-v08-md", true);
    lvm(
        primary,
        "  /dev/drbd0|vg1\n",
        "  vg1|" + 30 * GIB + "|0\n",
        "  vg1|lun1|" + 20 * GIB + "\n");
    NodeFacts facts = primary.build();

    Step step =
        plan(facts, target("centos02", SECONDARY_SYNCED, "drbd-v08-md", true).build()).get(0);

    assertThat(step.guard().check(facts).reason()).isEqualTo("LvShrinkRefused");
  }

  @Test
  void aNodeWithoutTheModuleGetsNothing() {
    NodeFacts noModule = new FactsBuilder("centos01").build();

    assertThat(plan(noModule, target("centos02", null, "blank", false).build()))
        .extracting(Step::node)
        .containsOnly("centos02");
  }
}
