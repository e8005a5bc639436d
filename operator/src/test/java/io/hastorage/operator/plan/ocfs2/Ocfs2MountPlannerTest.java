package io.hastorage.operator.plan.ocfs2;

import static io.hastorage.operator.plan.ocfs2.InitiatorFixture.DEVICE;
import static io.hastorage.operator.plan.ocfs2.InitiatorFixture.UUID;
import static io.hastorage.operator.plan.ocfs2.InitiatorFixture.WWID;
import static org.assertj.core.api.Assertions.assertThat;

import io.hastorage.operator.node.Command;
import io.hastorage.operator.observe.NodeFacts;
import io.hastorage.operator.plan.Action;
import io.hastorage.operator.plan.Decision;
import io.hastorage.operator.plan.Step;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class Ocfs2MountPlannerTest {

  private static final MountDesign DESIGN = InitiatorFixture.seedDesign();
  private static final Ocfs2MountPlanner.Known KNOWN =
      new Ocfs2MountPlanner.Known(Optional.of(WWID), Optional.empty(), false);

  private static InitiatorFixture ready(String node) {
    return new InitiatorFixture(DESIGN, node).configured().recorded().loggedIn().mapped();
  }

  private static List<Step> plan(Map<String, NodeFacts> nodes, Ocfs2MountPlanner.Known known) {
    return Ocfs2MountPlanner.plan(DESIGN, nodes, known);
  }

  private static List<Step> on(List<Step> steps, String node) {
    return steps.stream().filter(s -> s.node().equals(node)).toList();
  }

  private static List<String> argv(Step step) {
    return ((Action.RunCommand) step.action()).command().argv();
  }

  private static Optional<Step> stepRunning(List<Step> steps, String program) {
    return steps.stream()
        .filter(s -> s.action() instanceof Action.RunCommand)
        .filter(s -> argv(s).get(0).equals(program))
        .findFirst();
  }

  @Test
  void aFreshInitiatorIsConfiguredDiscoversAndLogsInButNothingTouchesTheDeviceYet() {
    List<Step> steps =
        plan(
            InitiatorFixture.both(n -> new InitiatorFixture(DESIGN, n)),
            Ocfs2MountPlanner.Known.nothing());

    List<String> described = on(steps, "drbd01").stream().map(Step::toString).toList();
    assertThat(described)
        .anyMatch(s -> s.contains("multipath drop-in"))
        .anyMatch(s -> s.contains("o2cb cluster.conf"))
        .anyMatch(
            s ->
                s.contains(
                    "enable iscsid.service open-iscsi.service multipathd.service o2cb.service at"
                        + " boot"))
        .anyMatch(
            s ->
                s.contains(
                    "start iscsid.service open-iscsi.service multipathd.service o2cb.service"))
        .anyMatch(s -> s.contains("sendtargets discovery at 192.168.0.180:3260"))
        .anyMatch(s -> s.contains("node.startup = automatic"))
        .anyMatch(s -> s.contains("node.session.timeo.replacement_timeout = 15"))
        .anyMatch(
            s -> s.contains("log in to iqn.2016-02.local.virtual:virtual.vg1 at 10.20.1.180:3260"));
    assertThat(stepRunning(steps, "mkfs.ocfs2")).isEmpty();
    assertThat(stepRunning(steps, "mount")).isEmpty();
  }

  /**
   * Debian's o2cb is a SysV script: enabled (its rc links exist) yet stopped, {@code systemctl
   * enable --now} starts nothing (seen on the kernel lab). It gets a plain start, and no enable.
   */
  @Test
  void anEnabledButStoppedServiceIsStartedNotEnabledAgain() {
    List<Step> steps =
        plan(
            InitiatorFixture.both(
                n ->
                    new InitiatorFixture(DESIGN, n)
                        .configured()
                        .service(InitiatorProbe.O2CB, "inactive", "enabled")),
            Ocfs2MountPlanner.Known.nothing());

    assertThat(on(steps, "drbd01").stream().map(Ocfs2MountPlannerTest::argv).toList())
        .contains(List.of("systemctl", "start", InitiatorProbe.O2CB))
        .noneMatch(argv -> argv.contains("enable"))
        .noneMatch(argv -> argv.contains("--now"));
  }

  /**
   * find_multipaths "strict" (Debian 12's default) leaves the LUN's two session disks unmapped:
   * their WWID is recorded and the map built, once per disk, and nothing is formatted meanwhile.
   */
  @Test
  void pathsNoMapHoldsAreHandedToMultipathByDiskName() {
    List<Step> steps =
        plan(
            InitiatorFixture.both(
                n -> new InitiatorFixture(DESIGN, n).configured().recorded().loggedIn()),
            Ocfs2MountPlanner.Known.nothing());

    assertThat(on(steps, "drbd01").stream().map(Ocfs2MountPlannerTest::argv).toList())
        .containsExactly(
            List.of("multipath", "-a", "/dev/sda"),
            List.of("multipath", "/dev/sda"),
            List.of("multipath", "-a", "/dev/sdb"),
            List.of("multipath", "/dev/sdb"));
    assertThat(stepRunning(steps, "mkfs.ocfs2")).isEmpty();
  }

  @Test
  void noMultipathCommandWhileMultipathdIsDownOrTheMapExists() {
    List<Step> down =
        plan(
            InitiatorFixture.both(
                n ->
                    new InitiatorFixture(DESIGN, n)
                        .configured()
                        .recorded()
                        .loggedIn()
                        .service("multipathd.service", "inactive", "enabled")),
            Ocfs2MountPlanner.Known.nothing());
    List<Step> mapped =
        plan(InitiatorFixture.both(n -> ready(n).ocfs2("vg1shared", UUID).mounted()), KNOWN);

    assertThat(stepRunning(down, "multipath")).isEmpty();
    assertThat(stepRunning(mapped, "multipath")).isEmpty();
  }

  @Test
  void aConvergedMountPlansNothingOnAnyNode() {
    List<Step> steps =
        plan(InitiatorFixture.both(n -> ready(n).ocfs2("vg1shared", UUID).mounted()), KNOWN);

    assertThat(steps).isEmpty();
  }

  @Test
  void aBlankLunIsFormattedOnceOnTheFirstNodeOnlyAndNeverWithForce() {
    List<Step> steps = plan(InitiatorFixture.both(n -> ready(n).blank()), KNOWN);

    List<Step> mkfs =
        steps.stream()
            .filter(
                s -> s.action() instanceof Action.RunCommand && argv(s).get(0).equals("mkfs.ocfs2"))
            .toList();
    assertThat(mkfs).hasSize(1);
    assertThat(mkfs.get(0).node()).isEqualTo("drbd01");
    assertThat(argv(mkfs.get(0)))
        .containsExactly(
            "mkfs.ocfs2",
            "-L",
            "vg1shared",
            "-N",
            "4",
            "-b",
            "4096",
            "-C",
            "4096",
            "--cluster-stack=o2cb",
            "--cluster-name=ocfs2vg1",
            DEVICE)
        .doesNotContain("-F", "--force");
    assertThat(mkfs.get(0).guard().check(ready("drbd01").blank().build()).allowed()).isTrue();
    // mounting waits for a probe that sees the new file system
    assertThat(stepRunning(steps, "mount")).isEmpty();
  }

  @Test
  void aLunHoldingExt4IsRefusedAndNothingIsMounted() {
    NodeFacts drbd01 = ready("drbd01").ext4().build();
    List<Step> steps =
        plan(Map.of("drbd01", drbd01, "drbd02", ready("drbd02").ext4().build()), KNOWN);

    Step mkfs = stepRunning(steps, "mkfs.ocfs2").orElseThrow();
    Decision decision = mkfs.guard().check(drbd01);
    assertThat(decision.allowed()).isFalse();
    assertThat(decision.reason()).isEqualTo("DeviceInUse");
    assertThat(decision.message()).contains("drbd01", DEVICE, "ext4");
    assertThat(stepRunning(steps, "mount")).isEmpty();
  }

  @Test
  void anotherOcfs2IsRefusedUnlessAdopted() {
    NodeFacts foreign = ready("drbd01").ocfs2("oldvol", UUID).build();
    Decision refused =
        stepRunning(plan(Map.of("drbd01", foreign), KNOWN), "mkfs.ocfs2")
            .orElseThrow()
            .guard()
            .check(foreign);
    assertThat(refused.reason()).isEqualTo("ForeignFilesystem");
    assertThat(refused.message()).contains("oldvol", "adoptExisting");

    MountDesign adopting = InitiatorFixture.seedDesign(m -> m.getSpec().adoptExisting = true);
    List<Step> steps = Ocfs2MountPlanner.plan(adopting, Map.of("drbd01", foreign), KNOWN);
    assertThat(stepRunning(steps, "mkfs.ocfs2")).isEmpty();
    Step mount = stepRunning(steps, "mount").orElseThrow();
    assertThat(mount.guard().check(foreign).allowed()).isTrue();
  }

  @Test
  void theMountsOwnOcfs2IsAdoptedByLabelAndMountedEverywhere() {
    List<Step> steps = plan(InitiatorFixture.both(n -> ready(n).ocfs2("vg1shared", UUID)), KNOWN);

    assertThat(stepRunning(steps, "mkfs.ocfs2")).isEmpty();
    assertThat(
            steps.stream()
                .filter(
                    s ->
                        s.action() instanceof Action.RunCommand
                            && argv(s).equals(List.of("mount", "/srv/shared"))))
        .extracting(Step::node)
        .containsExactlyInAnyOrder("drbd01", "drbd02");
    assertThat(steps.stream().filter(s -> s.description().startsWith("fstab entry"))).hasSize(2);
  }

  @Test
  void aBlankDeviceWhereStatusRecordedAFileSystemIsNeverFormattedAgain() {
    NodeFacts wiped = ready("drbd01").blank().build();
    Ocfs2MountPlanner.Known formattedBefore =
        new Ocfs2MountPlanner.Known(Optional.of(WWID), Optional.of(UUID), false);

    Decision decision =
        stepRunning(plan(Map.of("drbd01", wiped), formattedBefore), "mkfs.ocfs2")
            .orElseThrow()
            .guard()
            .check(wiped);

    assertThat(decision.reason()).isEqualTo("FilesystemMissing");
    assertThat(decision.message()).contains(UUID);
  }

  @Test
  void aDeviceTheToolsCouldNotReadIsNeitherFormattedNorMounted() {
    NodeFacts unknown = ready("drbd01").device("", 4, "").build();

    Decision decision =
        stepRunning(plan(Map.of("drbd01", unknown), KNOWN), "mkfs.ocfs2")
            .orElseThrow()
            .guard()
            .check(unknown);

    assertThat(decision.reason()).isEqualTo("DeviceStateUnknown");
    assertThat(stepRunning(plan(Map.of("drbd01", unknown), KNOWN), "mount")).isEmpty();
  }

  @Test
  void aNodeSeeingAnotherWwidGetsNoDeviceStep() {
    NodeFacts other = ready("drbd01").blank().build();
    Ocfs2MountPlanner.Known elsewhere =
        new Ocfs2MountPlanner.Known(
            Optional.of("36001405aaaaaaaaaaaaaaaaaaaaaaaa"), Optional.empty(), false);

    List<Step> steps = plan(Map.of("drbd01", other), elsewhere);

    assertThat(stepRunning(steps, "mkfs.ocfs2")).isEmpty();
    assertThat(steps).noneMatch(s -> s.description().contains("fstab"));
  }

  @Test
  void anAdminsOwnFstabLineForTheMountPointIsRefused() {
    NodeFacts facts =
        ready("drbd01")
            .ocfs2("vg1shared", UUID)
            .fstab(InitiatorFixture.FSTAB + "/dev/sdz1 /srv/shared xfs defaults 0 0\n")
            .build();

    Step fstab =
        plan(Map.of("drbd01", facts), KNOWN).stream()
            .filter(s -> s.description().contains("fstab"))
            .findFirst()
            .orElseThrow();
    Decision decision = fstab.guard().check(facts);

    assertThat(decision.reason()).isEqualTo(Ocfs2MountPlanner.MOUNT_POINT_TAKEN);
    assertThat(decision.message()).contains("/dev/sdz1");
  }

  @Test
  void theFstabEntryKeepsEveryOtherLineAndCarriesNetdev() {
    String fstab =
        InitiatorFiles.fstabWith(
            InitiatorFixture.FSTAB,
            InitiatorFiles.fstabMarker(DESIGN),
            InitiatorFiles.fstabEntry(DESIGN, WWID));

    assertThat(fstab)
        .isEqualTo(
            InitiatorFixture.FSTAB
                + "# Managed by ha-iscsi-operator: Ocfs2Mount storage/shared\n"
                + DEVICE
                + " /srv/shared ocfs2 _netdev,noatime 0 0\n");
    assertThat(InitiatorFiles.fstabWith(fstab, InitiatorFiles.fstabMarker(DESIGN), null))
        .isEqualTo(InitiatorFixture.FSTAB);
  }

  @Test
  void discoveryThatDidNotListThePortalFallsBackToAStaticRecord() {
    NodeFacts facts =
        new InitiatorFixture(DESIGN, "drbd01")
            .configured()
            .section(
                InitiatorProbe.DISCOVERY_DB.name(),
                0,
                "192.168.0.180:3260 via sendtargets\n10.20.1.180:3260 via sendtargets\n")
            .build();
    // the fixture writes discoverydb itself; a later section with the same name wins in the parser
    List<Step> steps = IscsiPlanner.plan(DESIGN, facts);

    assertThat(steps.stream().map(Step::description))
        .anyMatch(d -> d.startsWith("static node record for"));
  }

  @Test
  void chapPasswordsTravelOnStdinOnlyAndRotationIsNoticed() {
    MountDesign chap =
        new MountDesign(
            DESIGN.owner(),
            DESIGN.fileStem(),
            DESIGN.iqn(),
            DESIGN.portals(),
            DESIGN.lun(),
            DESIGN.vendors(),
            Optional.of(new MountDesign.Chap("initiator1", "s3cret-Pa55")),
            DESIGN.iscsi(),
            DESIGN.multipath(),
            DESIGN.o2cb(),
            DESIGN.mkfs(),
            DESIGN.mountPoint(),
            DESIGN.mountOptions(),
            DESIGN.nodes(),
            false,
            false);
    NodeFacts facts = new InitiatorFixture(chap, "drbd01").configured().build();

    List<Step> steps = IscsiPlanner.plan(chap, facts);

    List<Step> passwords =
        steps.stream().filter(s -> s.description().startsWith("set the CHAP password")).toList();
    assertThat(passwords).hasSize(2);
    for (Step step : steps) {
      assertThat(step.action().describe()).doesNotContain("s3cret-Pa55");
      if (step.action() instanceof Action.RunCommand run) {
        assertThat(run.command().argv()).noneMatch(a -> a.contains("s3cret-Pa55"));
      }
    }
    Command command = ((Action.RunCommand) passwords.get(0).action()).command();
    assertThat(new String(command.stdin().bytes(), java.nio.charset.StandardCharsets.UTF_8))
        .isEqualTo("s3cret-Pa55\n");
    assertThat(steps.get(steps.size() - 1).description()).contains("CHAP credentials");
    assertThat(chap.chap().get().toString()).doesNotContain("s3cret");
  }

  @Test
  void recordsOfTheTargetAtPortalsNoLongerInTheSpecAreDeletedOnceUnused() {
    NodeFacts facts =
        ready("drbd01")
            .ocfs2("vg1shared", UUID)
            .mounted()
            .section(
                InitiatorProbe.NODES.name(),
                0,
                "192.168.0.180:3260,1 "
                    + DESIGN.iqn()
                    + "\n10.20.1.180:3260,1 "
                    + DESIGN.iqn()
                    + "\n10.20.1.17:3260,1 "
                    + DESIGN.iqn()
                    + "\n")
            .build();

    List<Step> steps = plan(Map.of("drbd01", facts), KNOWN);

    assertThat(steps).hasSize(1);
    assertThat(argv(steps.get(0)))
        .containsExactly(
            "iscsiadm", "-m", "node", "-T", DESIGN.iqn(), "-p", "10.20.1.17:3260", "-o", "delete");
  }

  @Test
  void aGrownLunIsRescannedAndTheFileSystemGrownOnOneNode() {
    MountDesign growing = InitiatorFixture.seedDesign(m -> m.getSpec().growFilesystem = true);
    String device = DEVICE;
    NodeFacts drbd01 =
        new InitiatorFixture(growing, "drbd01")
            .configured()
            .recorded()
            .loggedIn()
            .mapped()
            .ocfs2("vg1shared", UUID)
            .mounted()
            .section(InitiatorProbe.deviceSize(device).name(), 0, "536870912\n")
            .section(
                InitiatorProbe.superblock(device).name(),
                0,
                io.hastorage.operator.testing.Captured.read("initiator/debugfs-stats.txt"))
            .build();
    Ocfs2MountPlanner.Known rescan =
        new Ocfs2MountPlanner.Known(Optional.of(WWID), Optional.of(UUID), true);

    List<Step> steps = Ocfs2MountPlanner.plan(growing, Map.of("drbd01", drbd01), rescan);

    assertThat(steps.stream().map(s -> String.join(" ", argv(s))))
        .containsExactly(
            "iscsiadm -m session --rescan",
            "multipathd resize map " + WWID,
            "tunefs.ocfs2 -S " + device);
  }

  @Test
  void deletingUnmountsLogsOutAndForgetsTheRecordsWithoutTouchingTheDevice() {
    NodeFacts facts = ready("drbd01").ocfs2("vg1shared", UUID).mounted().build();

    List<Step> steps = Ocfs2MountTeardown.plan(DESIGN, Map.of("drbd01", facts), java.util.Set.of());

    assertThat(steps.stream().map(Step::description))
        .containsExactly(
            "unmount /srv/shared",
            "remove the fstab entry for /srv/shared",
            "log out of " + DESIGN.iqn() + " at 192.168.0.180:3260",
            "log out of " + DESIGN.iqn() + " at 10.20.1.180:3260",
            "delete the node record of "
                + DESIGN.iqn()
                + " at 192.168.0.180:3260 (the Ocfs2Mount is deleted)",
            "delete the node record of "
                + DESIGN.iqn()
                + " at 10.20.1.180:3260 (the Ocfs2Mount is deleted)",
            "remove " + InitiatorFiles.multipathDropInPath(DESIGN));
    assertThat(steps).noneMatch(s -> s.action().describe().matches(".*(mkfs|wipefs|dd |tunefs).*"));
  }

  @Test
  void deletingWhereAnotherMountUsesTheTargetKeepsTheSessionsAndRecords() {
    NodeFacts facts = ready("drbd01").ocfs2("vg1shared", UUID).mounted().build();

    List<Step> steps =
        Ocfs2MountTeardown.plan(DESIGN, Map.of("drbd01", facts), java.util.Set.of("drbd01"));

    assertThat(steps.stream().map(Step::description))
        .containsExactly(
            "unmount /srv/shared",
            "remove the fstab entry for /srv/shared",
            "remove " + InitiatorFiles.multipathDropInPath(DESIGN));
  }

  @Test
  void o2cbIsRestartedForANewConfigurationOnlyWhenNoOcfs2IsMountedOnTheNode() {
    InitiatorFixture changed =
        ready("drbd01").blank().file(InitiatorFiles.CLUSTER_CONF, "an older cluster.conf");
    assertThat(
            Ocfs2MountPlanner.configuration(DESIGN, changed.build()).stream()
                .map(Step::description))
        .contains("o2cb cluster.conf")
        .anyMatch(d -> d.startsWith("restart o2cb"));

    NodeFacts otherMounted =
        ready("drbd01")
            .blank()
            .file(InitiatorFiles.CLUSTER_CONF, "an older cluster.conf")
            .section(
                InitiatorProbe.MOUNTS.name(),
                0,
                "/dev/mapper/other /srv/other ocfs2 rw,_netdev,heartbeat=local 0 0\n")
            .build();
    assertThat(
            Ocfs2MountPlanner.configuration(DESIGN, otherMounted).stream().map(Step::description))
        .contains("o2cb cluster.conf")
        .noneMatch(d -> d.startsWith("restart o2cb"));
  }

  @Test
  void somethingElseMountedAtTheMountPointIsRefused() {
    NodeFacts facts =
        ready("drbd01")
            .ocfs2("vg1shared", UUID)
            .section(InitiatorProbe.MOUNTS.name(), 0, "/dev/sdz1 /srv/shared xfs rw 0 0\n")
            .build();

    Step mount = stepRunning(plan(Map.of("drbd01", facts), KNOWN), "mount").orElseThrow();
    Decision decision = mount.guard().check(facts);

    assertThat(decision.reason()).isEqualTo(Ocfs2MountPlanner.MOUNT_POINT_TAKEN);
    assertThat(decision.message()).contains("/dev/sdz1", "xfs");
  }
}
